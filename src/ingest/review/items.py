"""Review items: the open failures of one event under one check, reviewed together. "70 + 60 ≠
120" fails exchange_parts_add_up on all three facts of the exchange; they are one item, shown side
by side with the article's other facts of that event (or, for an event's kept values, every
report of the event), and decided with one click."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.review.decisions import is_event_value, resolve_id
from ingest.store.connection import reader
from ingest.store.queries import open_failures
from warehouse import sql


@dataclass
class Item:
    """Open failures of one check on one event: for facts, of one article, kind and event date;
    for an event's kept values, of one event."""

    check: str
    failures: list[dict[str, Any]]  # rows of open_failures, oldest first
    context: list[dict[str, Any]] = field(default_factory=list)  # the event's other facts or reports

    @property
    def id(self) -> str:
        """The item is named by its first failure (its page is /failure/ID)."""
        return str(self.failures[0]["id"])

    @property
    def ids(self) -> list[str]:
        return [str(f["id"]) for f in self.failures]

    @property
    def is_event(self) -> bool:
        return is_event_value(self.failures[0]["fact"])

    @property
    def first(self) -> dict[str, Any]:
        return self.failures[0]


def _key(row: dict[str, Any]) -> tuple[Any, ...]:
    fact = row["fact"]
    if is_event_value(fact):
        return (row["check"], "event", fact.get("event_id"))
    return (row["check"], row["article_id"], fact.get("kind"), fact.get("event_date"))


def group(rows: list[dict[str, Any]]) -> list[Item]:
    """Open failures grouped into items, in the order their first failure was found."""
    items: dict[tuple[Any, ...], Item] = {}
    for row in rows:
        key = _key(row)
        if key in items:
            items[key].failures.append(row)
        else:
            items[key] = Item(row["check"], [row])
    return list(items.values())


def open_items(db: str | Path, check: str | None = None) -> list[Item]:
    """Every open item (of one check, if given)."""
    return group(open_failures(db, "open", check))


def counts_by_check(db: str | Path) -> list[tuple[str, int, int]]:
    """(check, open items, open failures) for every check with something open, most items first."""
    items = open_items(db)
    n_items = Counter(i.check for i in items)
    n_failures = Counter({i.check: 0 for i in items})
    for i in items:
        n_failures[i.check] += len(i.failures)
    return sorted(((c, n_items[c], n_failures[c]) for c in n_items), key=lambda t: (-t[1], t[0]))


def item_of(db: str | Path, qid: str) -> Item | None:
    """The open item holding failure `qid`, with its context; None when `qid` is not open."""
    for item in open_items(db):
        if qid in item.ids:
            item.context = _context(db, item)
            return item
    return None


def next_item(db: str | Path, after: list[str]) -> Item | None:
    """The first open item with none of the failures `after` (those just decided)."""
    for item in open_items(db):
        if not set(item.ids) & set(after):
            return item
    return None


def _context(db: str | Path, item: Item) -> list[dict[str, Any]]:
    """What else is known of the item's event: the article's loaded facts of the same kind and
    date, or for an event's values every article's report of the event."""
    fact = item.first["fact"]
    with reader(db) as con:
        if item.is_event:
            cur = con.execute(sql("review.event_reports"), {"event_id": fact.get("event_id")})
        else:
            cur = con.execute(
                sql("review.event_facts_of_article"),
                {
                    "article_id": item.first["article_id"],
                    "kind": fact.get("kind"),
                    "event_date": fact.get("event_date"),
                },
            )
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def vocabulary(db: str | Path) -> dict[str, list[str]]:
    """The values the warehouse's facts use for actor, target, weapon, location and attributed_to:
    the choices the correction form offers."""
    with reader(db) as con:
        rows = con.execute(sql("review.vocabulary")).fetchall()
    out: dict[str, list[str]] = {}
    for name, value in rows:
        out.setdefault(name, []).append(value)
    return out


_FAILURE_KEYS = (
    "id check message status fact article_id run_id created_at title source url published_at text".split()
)
_DECISION_KEYS = "decision_id action outcome decided_by decided_at note changes loaded_fact_id".split()


def failure_detail(db: str | Path, ident: str) -> dict[str, Any]:
    """One failure with its fact, its article (title, text, date), the decision on it (None while
    open) and the other checks the same fact failed."""
    with reader(db) as con:
        qid = resolve_id(con, ident)
        row = con.execute(sql("review.failure_detail"), {"quarantine_id": qid}).fetchone()
        others = con.execute(sql("review.other_checks"), {"quarantine_id": qid}).fetchall()
    assert row is not None
    n = len(_FAILURE_KEYS)
    out = dict(zip(_FAILURE_KEYS, row[:n], strict=True))
    out["fact"] = json.loads(out["fact"])
    decision = dict(zip(_DECISION_KEYS, row[n:], strict=True))
    if decision["decision_id"]:
        decision["changes"] = json.loads(decision["changes"]) if decision["changes"] else {}
        out["decision"] = decision
    else:
        out["decision"] = None
    out["other_checks"] = [dict(zip(("id", "check", "message", "status"), o, strict=True)) for o in others]
    return out
