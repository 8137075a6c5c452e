"""Reopening a review decision: its failures go back to the queue and what it did is undone (a
fact it loaded leaves `facts`, a correction's new failures go), while the decision row stays in
the history, marked with who reopened it, when and why. The SQL is in warehouse/queries/review.sql."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingest.errors import BadDecision
from ingest.review.decisions import AfterDecision, resolve_id
from ingest.review.forms import clean_by, clean_note
from ingest.store.connection import writer
from warehouse import sql


@dataclass(frozen=True)
class Reopened:
    """What reopening a decision undid: the failures back in the queue, the fact taken out."""

    decision_id: str
    action: str
    reopened: tuple[str, ...]  # quarantine ids open again
    removed_fact_id: str | None  # the fact the decision had loaded, now out of `facts`
    run_id: str = ""  # the run that quarantined the failure

    def summary(self) -> str:
        took = f"; {self.removed_fact_id} is out of facts again" if self.removed_fact_id else ""
        return f"reopened decision {self.decision_id} ({self.action}): {', '.join(self.reopened)} open again{took}"


def reopen(
    db: str | Path, ident: str, by: str, note: str | None = None, after: AfterDecision | None = None
) -> Reopened:
    """Reopen the decision that closed failure `ident` in one write transaction; `after` runs in
    it when a loaded fact left `facts` (the events rebuild, so that it leaves its event too)."""
    by, note = clean_by(by), clean_note(note)
    with writer(db, create=False) as con:
        con.begin()
        try:
            done = reopen_in(con, resolve_id(con, ident), by, note)
            if after is not None and done.removed_fact_id:
                after(con, done.run_id)
            con.commit()
        except BaseException:
            con.rollback()
            raise
    return done


def reopen_in(
    con: duckdb.DuckDBPyConnection, qid: str, by: str, note: str | None, at: dt.datetime | None = None
) -> Reopened:
    """Reopen in the caller's transaction; `at` is given when a reopening is replayed
    (ingest.review.carry), now otherwise."""
    row = con.execute(sql("review.decision_of"), {"quarantine_id": qid}).fetchone()
    if row is None or row[0] is None:
        raise BadDecision(f"failure {qid} is open: there is no decision to reopen")
    decision_id, action, loaded, run_id = row
    params = {"decision_id": decision_id}
    if loaded:
        con.execute(sql("review.unload"), params)
    con.execute(sql("review.drop_corrected_failures"), params)
    reopened = tuple(r[0] for r in con.execute(sql("review.reopen_closed"), params).fetchall())
    now = at or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    con.execute(sql("review.mark_reopened"), {**params, "at": now, "by": by, "note": note})
    return Reopened(decision_id, action, reopened, loaded, run_id)
