"""Review decisions on quarantined facts: accept, reject or correct, stored with who, when and why.

A decision is made on one quarantine row but is about the fact: every open row of the same fact
closes with it. Accepting loads the fact as extracted; rejecting keeps it out; correcting
re-validates the changed fact with the other facts of its article and loads it, or puts it back
in the queue with the new reason. Decisions stand until reopened (ingest.review.reopen, the
history kept) and survive re-runs: quarantine rows are fingerprints of (fact, check), and the
loader skips facts a standing decision keeps out (warehouse/queries/load.sql, `facts`). The SQL
is in warehouse/queries/review.sql. The CLI and the review page call the same functions here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import duckdb
import pandera.errors
import polars as pl

from ingest.errors import AlreadyDecided, BadDecision, UnknownFailure
from ingest.extract.article.rows import fact_id as extracted_fact_id
from ingest.extract.dates import latest_day
from ingest.review.forms import clean_by, clean_note
from ingest.store.connection import writer
from ingest.validate.facts import validate_facts
from schemas.facts import FACT_COLUMNS, FactModel
from schemas.frames import CANDIDATE_SCHEMA, FACT_SCHEMA
from schemas.quarantine import DECISION_ACTIONS
from schemas.vocabulary import CUMULATIVE, METRICS
from warehouse import sql

ACTIONS = DECISION_ACTIONS
STATUS_AFTER = {"accept": "accepted", "reject": "rejected", "correct": "corrected"}
ID_RE = re.compile(r"[0-9a-f]{4,16}")


class AfterDecision(Protocol):
    """What runs in a decision's transaction once it has changed `facts` (the connection, the run
    id of the failure): the events rebuild (ingest.load.events), which this layer cannot import;
    the CLI passes it. A Protocol, not a Callable alias: an alias evaluated at import would hold
    DuckDB's connection type until exit, and its bindings then report it as leaked."""

    def __call__(self, con: duckdb.DuckDBPyConnection, run_id: str) -> object: ...


@dataclass(frozen=True)
class Decision:
    """What a decision did. `outcome` is `loaded`, `kept_out`, `still_failing`, or `cleared` (an
    accepted event value: nothing to load, the event views show it again)."""

    decision_id: str
    quarantine_id: str
    fact_id: str
    action: str
    outcome: str
    decided_by: str
    decided_at: dt.datetime
    note: str | None
    fact: dict[str, Any]  # the fact as decided: with the corrected values for a correction
    changes: dict[str, Any] = field(default_factory=dict)
    loaded_fact_id: str | None = None
    closed: tuple[str, ...] = ()  # quarantine ids this decision closed
    still_failing: tuple[tuple[str, str, str], ...] = ()  # (new quarantine id, check, message)
    run_id: str = ""  # the run that quarantined the fact

    def summary(self) -> str:
        """One line for a person: what was decided and what happened to the fact."""
        f = self.fact
        what = f"{f['metric']} {f['value']}"
        if self.action == "reject":
            return f"rejected {self.quarantine_id}: {what} is kept out of facts (decision {self.decision_id})"
        if self.outcome == "still_failing":
            reasons = "; ".join(f"{check}: {message}" for _, check, message in self.still_failing)
            ids = ", ".join(q for q, _, _ in self.still_failing)
            return (
                f"corrected {self.quarantine_id}: {what} still fails {reasons} — back in the queue as {ids}"
            )
        if self.outcome == "cleared":
            return f"accepted {self.quarantine_id}: the event's {what} is shown again (decision {self.decision_id})"
        verb = "accepted" if self.action == "accept" else "corrected"
        return (
            f"{verb} {self.quarantine_id}: {what} loaded into facts as {self.loaded_fact_id} "
            f"(decision {self.decision_id})"
        )


# --- reading ----------------------------------------------------------------------------------


def resolve_id(con: duckdb.DuckDBPyConnection, ident: str) -> str:
    """The quarantine id `ident` names: the whole id, or a unique prefix of at least 4 characters."""
    ident = ident.strip().lower()
    if not ID_RE.fullmatch(ident):
        raise UnknownFailure(ident, " (ids are 4 to 16 hexadecimal characters)")
    rows = con.execute(sql("review.resolve_id"), {"prefix": ident}).fetchall()
    if not rows:
        raise UnknownFailure(ident)
    if len(rows) > 1:
        raise BadDecision(
            f"'{ident}' starts several failure ids ({', '.join(r[0] for r in rows)}…): give more of it"
        )
    return str(rows[0][0])


# --- deciding ---------------------------------------------------------------------------------


def accept(db: str | Path, ident: str, by: str, note: str | None = None) -> Decision:
    """The fact was right: load it as extracted, whatever the check said."""
    return decide(db, ident, "accept", by, note)


def reject(db: str | Path, ident: str, by: str, note: str | None = None) -> Decision:
    """The fact was wrong: keep it out of `facts`, on this run and every later one."""
    return decide(db, ident, "reject", by, note)


def correct(
    db: str | Path, ident: str, changes: Mapping[str, Any], by: str, note: str | None = None
) -> Decision:
    """Fix the fact's fields (typed, as from `parse_changes`); the corrected fact is validated
    again with the other facts of its article, then loaded or put back in the queue."""
    return decide(db, ident, "correct", by, note, changes)


def decide(
    db: str | Path,
    ident: str,
    action: str,
    by: str,
    note: str | None = None,
    changes: Mapping[str, Any] | None = None,
    after: AfterDecision | None = None,
) -> Decision:
    """Make one decision in one short write transaction; `after` runs in it when the decision
    loaded a fact (the events rebuild, so that the fact joins its event and the daily views)."""
    if action not in ACTIONS:
        raise BadDecision(f"unknown action '{action}': use {', '.join(ACTIONS)}")
    by, note = clean_by(by), clean_note(note)
    changes = dict(changes or {})
    if action == "correct" and not changes:
        raise BadDecision("a correction needs at least one field=value (e.g. value=42)")
    if action != "correct" and changes:
        raise BadDecision(f"field=value changes go with --correct, not --{action}")
    with writer(db, create=False) as con:
        con.begin()
        try:
            decision = _decide(con, ident, action, by, note, changes)
            if after is not None and decision.loaded_fact_id:
                after(con, decision.run_id)
            con.commit()
        except BaseException:
            con.rollback()
            raise
    return decision


def _decide(
    con: duckdb.DuckDBPyConnection,
    ident: str,
    action: str,
    by: str,
    note: str | None,
    changes: dict[str, Any],
    decision_id: str | None = None,
    decided_at: dt.datetime | None = None,
) -> Decision:
    """Decide in the caller's transaction; `decision_id` and `decided_at` are given when a
    decision is replayed (ingest.review.carry), new ones otherwise."""
    qid = resolve_id(con, ident)
    row = con.execute(sql("review.to_decide"), {"quarantine_id": qid}).fetchone()
    assert row is not None
    old_id, article_id, run_id, status, fact_json, prev_by, prev_at = row
    if status != "open":
        raise AlreadyDecided(qid, status, prev_by, prev_at)
    raw = json.loads(fact_json)
    event = is_event_value(raw)
    fact = raw if event else _typed(raw)
    decision_id = decision_id or secrets.token_hex(8)
    now = decided_at or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    loaded: str | None = None
    failing: tuple[tuple[str, str, str], ...] = ()
    if action == "reject":
        outcome = "kept_out"
    elif event:
        # an event's consolidated value (ingest.validate.events): accepting shows it again in the
        # event views; there is no fact to load, and its value comes from its articles' facts
        if action == "correct":
            raise BadDecision(
                "an event's value cannot be corrected here: correct or reject the facts that report it, "
                "or accept or reject the event value as it is"
            )
        outcome = "cleared"
    else:
        article = con.execute(sql("review.article"), {"article_id": article_id}).fetchone()
        if article is None:
            raise BadDecision(
                f"the article {article_id} of failure {qid} is no longer in the warehouse: only --reject is possible"
            )
        if action == "accept":
            origin = "corrected" if fact.get("origin") == "corrected" else "accepted"
            fact = {**fact, "origin": origin, "decision_id": decision_id}
            loaded = _insert_fact(con, fact)
            outcome = "loaded"
        else:
            fact = _corrected(fact, changes, article_id, decision_id)
            failing = _revalidate(con, fact, old_id, article)
            if failing:
                _reopen(con, fact, run_id, failing)
                outcome = "still_failing"
            else:
                loaded = _insert_fact(con, fact)
                outcome = "loaded"
    # a decision is about the fact: its open failures under other checks close with it (an
    # event's values are told apart by metric and direction, so only the named one closes)
    closed = (
        [qid]
        if event
        else [r[0] for r in con.execute(sql("review.open_of_fact"), {"fact_id": old_id}).fetchall()]
    )
    con.execute(
        sql("review.record"),
        {
            "decision_id": decision_id,
            "quarantine_id": qid,
            "fact_id": old_id,
            "article_id": article_id,
            "action": action,
            "changes": json.dumps(changes, default=str, sort_keys=True) if changes else None,
            "note": note,
            "decided_by": by,
            "decided_at": now,
            "outcome": outcome,
            "loaded_fact_id": loaded,
        },
    )
    con.execute(
        sql("review.close"),
        {"status": STATUS_AFTER[action], "decision_id": decision_id, "quarantine_ids": closed},
    )
    return Decision(
        decision_id=decision_id,
        quarantine_id=qid,
        fact_id=old_id,
        action=action,
        outcome=outcome,
        decided_by=by,
        decided_at=now,
        note=note,
        fact=fact,
        changes=changes,
        loaded_fact_id=loaded,
        closed=tuple(closed),
        still_failing=failing,
        run_id=run_id,
    )


def settle(
    db: str | Path, ids: list[str], by: str, cause: str, after: AfterDecision | None = None
) -> list[Decision]:
    """After a correction (`cause`), the other open failures of its item that pass every check now
    (re-validated with the corrected fact) are accepted: one correction settles "70 + 60 ≠ 120".
    `after` runs once in the transaction when any of them loaded a fact (the events rebuild)."""
    by = clean_by(by)
    done: list[Decision] = []
    with writer(db, create=False) as con:
        con.begin()
        try:
            for qid in ids:
                row = con.execute(sql("review.to_decide"), {"quarantine_id": qid}).fetchone()
                if row is None or row[3] != "open" or is_event_value(json.loads(row[4])):
                    continue
                fact_id, article_id, fact = row[0], row[1], _typed(json.loads(row[4]))
                article = con.execute(sql("review.article"), {"article_id": article_id}).fetchone()
                if article is None or _revalidate(con, fact, fact_id, article):
                    continue
                note = f"passes its checks since the correction of {cause}"
                done.append(_decide(con, qid, "accept", by, note, {}))
            if after is not None:
                for run_id in sorted({d.run_id for d in done if d.loaded_fact_id}):
                    after(con, run_id)
            con.commit()
        except BaseException:
            con.rollback()
            raise
    return done


def is_event_value(fact: Mapping[str, Any]) -> bool:
    """Whether a quarantine row's JSON is an event's value (ingest.validate.events), not a fact."""
    return "event_id" in fact and "fact_id" not in fact


def _typed(fact: dict[str, Any]) -> dict[str, Any]:
    """A fact read back from the quarantine's JSON, with its date as a date and every column."""
    out = {c: fact.get(c) for c in FACT_COLUMNS}
    if isinstance(out["event_date"], str):
        out["event_date"] = dt.date.fromisoformat(out["event_date"])
    out["origin"] = out["origin"] or "extracted"
    return out


def _corrected(
    fact: dict[str, Any], changes: dict[str, Any], article_id: str, decision_id: str
) -> dict[str, Any]:
    new = {**fact, **changes}
    if all(fact[k] == v for k, v in changes.items()):
        raise BadDecision("the correction changes nothing: every field already has that value")
    if new["kind"] != CUMULATIVE and new["metric"] not in METRICS[new["kind"]]:
        raise BadDecision(
            f"metric '{new['metric']}' is not a metric of kind '{new['kind']}': use {', '.join(METRICS[new['kind']])}"
        )
    new_id = extracted_fact_id(article_id, new)
    if new_id == fact["fact_id"]:
        # only fields outside the fact's identity changed (qualifier, weapon, source): a new id
        # all the same, so the extracted original and the correction are never confused
        key = json.dumps(changes, default=str, sort_keys=True)
        new_id = hashlib.blake2b(f"{fact['fact_id']}|corrected|{key}".encode(), digest_size=8).hexdigest()
    return {**new, "fact_id": new_id, "origin": "corrected", "decision_id": decision_id}


def _revalidate(
    con: duckdb.DuckDBPyConnection, fact: dict[str, Any], old_id: str, article: tuple[Any, ...]
) -> tuple[tuple[str, str, str], ...]:
    """The checks the corrected fact fails, validated with the article's other facts (loaded, or
    still waiting for review) so that the cross-row checks see the same event as a run would."""
    text, published_at, precision = article
    con.complete()
    loaded = _frame(con.sql(sql("review.facts_of_article"), params={"article_id": fact["article_id"]}))
    waiting = [
        _typed(json.loads(r[0]))
        for r in con.execute(
            sql("review.waiting_of_article"), {"article_id": fact["article_id"], "fact_id": old_id}
        ).fetchall()
    ]
    context = pl.concat([loaded, pl.DataFrame(waiting, schema=FACT_SCHEMA, orient="row")])
    mine = pl.DataFrame([{c: fact[c] for c in FACT_COLUMNS}], schema=FACT_SCHEMA, orient="row")
    context = context.filter(pl.col("fact_id") != fact["fact_id"]).unique("fact_id", keep="first")
    candidates = pl.concat([context, mine]).with_columns(
        pl.lit(latest_day(published_at, precision), dtype=pl.Date).alias("published_until"),
        pl.lit(text).alias("article_text"),
    )
    _, held = validate_facts(candidates.cast(CANDIDATE_SCHEMA))  # type: ignore[arg-type]
    held = held.filter(pl.col("fact_id") == fact["fact_id"])
    return tuple(held.select("quarantine_id", "check_name", "message").iter_rows())


def _reopen(
    con: duckdb.DuckDBPyConnection,
    fact: dict[str, Any],
    run_id: str,
    failing: tuple[tuple[str, str, str], ...],
) -> None:
    """Queue the corrected fact under each check it still fails (re-opened if it was there before)."""
    payload = json.dumps({c: fact[c] for c in FACT_COLUMNS}, default=str, ensure_ascii=False)
    for qid, check, message in failing:
        con.execute(
            sql("review.reopen"),
            {
                "quarantine_id": qid,
                "fact_id": fact["fact_id"],
                "article_id": fact["article_id"],
                "run_id": run_id,
                "check_name": check,
                "message": message,
                "fact": payload,
            },
        )


def _insert_fact(con: duckdb.DuckDBPyConnection, fact: dict[str, Any]) -> str:
    """Load one fact (checked against FactModel: the shape `facts` requires) and return its id."""
    frame = pl.DataFrame([{c: fact[c] for c in FACT_COLUMNS}], schema=FACT_SCHEMA, orient="row")
    try:
        FactModel.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as e:
        first = e.failure_cases.row(0, named=True)
        raise BadDecision(
            f"this fact cannot go into facts as it is ({first['column']} is '{first['failure_case']}', "
            f"which fails {first['check']}): correct it instead"
        ) from e
    con.complete()  # DuckDB 2: finish pending results before register()
    con.register("decided_fact", frame)
    try:
        con.execute(sql("review.insert_fact"))
    finally:
        con.unregister("decided_fact")
    return str(fact["fact_id"])


def _frame(relation: duckdb.DuckDBPyRelation) -> pl.DataFrame:
    frame = pl.from_arrow(relation.to_arrow_table())
    assert isinstance(frame, pl.DataFrame)
    return frame.select(FACT_COLUMNS).cast(FACT_SCHEMA)  # type: ignore[arg-type]
