"""Decisions that outlive a text: carried over to the same fact read again from a changed
article, exported to a file and replayed on another warehouse.

A fact is "the same" when its metric, value, parties (actor, target) and evidence sentence are:
ids change with the article's text, these do not. A carried or imported decision goes through
the same code as a person's (ingest.review.decisions), so it loads, corrects or keeps out the new
fact exactly as the first one did.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from ingest.errors import BadDecision, NewsfactsError
from ingest.review.decisions import AfterDecision, _decide, is_event_value
from ingest.review.reopen import reopen_in
from ingest.store.connection import reader, writer
from warehouse import sql

KEY_FIELDS = ("metric", "value", "actor", "target", "evidence")
EXPORT_FIELDS = (
    "decision_id quarantine_id fact_id article_id action changes note decided_by decided_at outcome "
    "loaded_fact_id fact reopened_at reopened_by reopen_note"
).split()


@dataclass
class Replayed:
    """What an import (or a carry-over) did: decisions applied, already there, and unmatched."""

    applied: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    loaded_fact: bool = False


def fact_key(fact: dict[str, Any]) -> tuple[Any, ...] | None:
    """What makes a fact the same fact in another text (None for an event's value)."""
    if is_event_value(fact):
        return None
    return tuple(fact.get(k) for k in KEY_FIELDS)


def carry_over(con: duckdb.DuckDBPyConnection, run_id: str) -> Replayed:
    """In a run's load transaction: each decision on a fact of an article the run replaced is made
    again on the same fact of the run's new articles, still open in the quarantine."""
    done = Replayed()
    gone = con.execute(sql("review.decisions_of_gone_articles")).fetchall()
    if not gone:
        return done
    for decision_id, _qid, action, changes, note, by, at, fact in gone:
        target = _open_by_key(con, json.loads(fact), sql("review.open_of_run"), {"run_id": run_id})
        if target is None:
            continue
        carried = f"{note} " if note else ""
        _apply(
            con,
            done,
            target,
            action,
            changes,
            f"{carried}(carried over from decision {decision_id})",
            by,
            at,
            None,
        )
    return done


def export_decisions(db: str | Path, out: Path) -> int:
    """Write every decision, oldest first, as JSON lines; returns how many."""
    with reader(db) as con:
        found = con.execute(sql("review.export")).fetchall()
    with out.open("w", encoding="utf-8") as fh:
        for row in found:
            record = dict(zip(EXPORT_FIELDS, row, strict=True))
            for name in ("decided_at", "reopened_at"):
                record[name] = record[name].isoformat() if record[name] else None
            for name in ("changes", "fact"):
                record[name] = json.loads(record[name]) if record[name] else None
            fh.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    return len(found)


def import_decisions(db: str | Path, path: Path, after: AfterDecision | None = None) -> Replayed:
    """Replay a decisions file on a warehouse, in one transaction: each decision on its own
    failure when the warehouse has it open, else on the open failure of the same fact (and
    reopened again if it was reopened); one already there is left alone. `after` runs once when
    a decision loaded (or its reopening removed) a fact."""
    records = list(_records(path))
    done = Replayed()
    with writer(db, create=False) as con:
        con.begin()
        try:
            pending = False  # a decision loaded a fact since the events were last rebuilt
            for r in records:
                if _scalar(con, "review.has_decision", {"decision_id": r["decision_id"]}):
                    done.present.append(r["decision_id"])
                    continue
                target = _target(con, r)
                if target is None and pending and after is not None:
                    after(con, "import")  # an event's value appears once its facts are in
                    pending = False
                    target = _target(con, r)
                if target is None:
                    done.unmatched.append(r["decision_id"])
                    continue
                changes = json.dumps(r["changes"]) if r["changes"] else None
                at = dt.datetime.fromisoformat(r["decided_at"])
                loaded = done.loaded_fact
                done.loaded_fact = False
                _apply(
                    con, done, target, r["action"], changes, r["note"], r["decided_by"], at, r["decision_id"]
                )
                if r.get("reopened_at") and done.applied and done.applied[-1] == r["decision_id"]:
                    # reopened on the old warehouse: reopened here too, at the same time
                    undone = reopen_in(
                        con,
                        target,
                        r["reopened_by"],
                        r.get("reopen_note"),
                        dt.datetime.fromisoformat(r["reopened_at"]),
                    )
                    done.loaded_fact = done.loaded_fact or undone.removed_fact_id is not None
                pending = pending or done.loaded_fact
                done.loaded_fact = loaded or done.loaded_fact
            if after is not None and pending:
                after(con, "import")
            con.commit()
        except BaseException:
            con.rollback()
            raise
    return done


def _target(con: duckdb.DuckDBPyConnection, record: dict[str, Any]) -> str | None:
    """The open failure a record's decision goes on: its own, or the same fact's."""
    if _scalar(con, "review.status_of", {"quarantine_id": record["quarantine_id"]}) == "open":
        return str(record["quarantine_id"])
    return _open_by_key(con, record["fact"] or {}, sql("review.open_failures"), {})


def _apply(
    con: duckdb.DuckDBPyConnection,
    done: Replayed,
    qid: str,
    action: str,
    changes: str | None,
    note: str | None,
    by: str,
    at: dt.datetime,
    decision_id: str | None,
) -> None:
    typed = _typed_changes(json.loads(changes)) if changes else {}
    try:
        decision = _decide(con, qid, action, by, note, typed, decision_id, at)
    except NewsfactsError:  # refused before it wrote anything (the new fact cannot take it)
        done.unmatched.append(decision_id or qid)
        return
    done.applied.append(decision.decision_id)
    done.loaded_fact = done.loaded_fact or decision.loaded_fact_id is not None


def _open_by_key(
    con: duckdb.DuckDBPyConnection, fact: dict[str, Any], query: str, params: dict[str, Any]
) -> str | None:
    """The first open failure (by id) of the same fact, among the rows `query` returns."""
    key = fact_key(fact)
    if key is None:
        return None
    for qid, candidate in con.execute(query, params).fetchall():
        if fact_key(json.loads(candidate)) == key:
            return str(qid)
    return None


def _typed_changes(changes: dict[str, Any]) -> dict[str, Any]:
    """Changes as stored (JSON): dates back to dates."""
    out = dict(changes)
    if isinstance(out.get("event_date"), str):
        out["event_date"] = dt.date.fromisoformat(out["event_date"])
    return out


def _records(path: Path) -> Iterable[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise BadDecision(f"cannot read {path}: {e.strerror or e}") from e
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            raise BadDecision(f"{path}, line {n}: not a decision ({e.msg})") from e
        if not isinstance(record, dict) or not {"decision_id", "quarantine_id", "action"} <= record.keys():
            raise BadDecision(f"{path}, line {n}: not a decision exported by newsfacts decisions export")
        yield record


def _scalar(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any]) -> Any:
    row = con.execute(sql(name), params).fetchone()
    return row[0] if row else None
