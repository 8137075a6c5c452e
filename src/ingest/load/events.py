"""Events from facts: the reports of one attack, exchange or incident become one event with one
value per metric and direction, links to every supporting fact, and its disagreements kept.

`rebuild_events` runs inside the load's transaction, after the run's facts are in. It rebuilds
with set-based SQL (warehouse/queries/events_rebuild.sql) the parts of the warehouse whose facts
changed since the last rebuild — facts of one kind, parties and place only ever meet each other,
so a part is rebuilt from all of its facts or not at all (`event_inputs` records what each part
was built from) — then writes only what changed: an event's id hashes its kind, date, place and
parties, so a re-run or a new article finds the same event again and updates it in place. A
load's cost follows what it changed, not the size of the warehouse. The rule is in docs/events.md.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import duckdb
import polars as pl

from ingest.validate.events import check_events
from schemas.events import COLUMN_CHECK_PREFIX, EVENT_CHECK_COLUMNS, EVENT_CHECK_NAMES
from warehouse import sql, statements


@dataclass
class EventCounts:
    events: int = 0
    facts_linked: int = 0
    facts_unlinked: int = 0
    conflicts: int = 0
    quarantined: int = 0
    values_checked: int = 0  # event values the checks looked at (those of the parts rebuilt)
    facts_rebuilt: int = 0  # event facts of the parts rebuilt (all of them on a first load)
    parts_rebuilt: int = 0  # kinds, parties and places rebuilt
    failed_by_check: dict[str, int] = field(default_factory=dict)  # values failing each check
    seconds: dict[str, float] = field(default_factory=dict)  # per step, for profiling


# A scope of more event facts than this is rebuilt in chunks of whole parts, one after another,
# so that the rebuild's memory follows the chunk, not the warehouse (a part is never split; the
# exchange parts, which meet through agreed sizes, stay together).
CHUNK_FACTS = 250_000


def rebuild_steps() -> list[tuple[str, str]]:
    """(name, sql) of each step of warehouse/queries/events_rebuild.sql, in order."""
    return list(statements("events_rebuild"))


def rebuild_events(con: duckdb.DuckDBPyConnection, run_id: str) -> EventCounts:
    """Rebuild events, event_values and event_facts from the facts table where its facts changed,
    and quarantine event values that fail a check. Runs in the caller's transaction. Events, links
    and quarantine rows are updated in place (an unchanged row is not touched); the event_values
    of the parts rebuilt are rewritten whole. The counts are of the whole warehouse after it."""
    counts = EventCounts()
    con.execute(sql("events_check.run_id"), {"run_id": run_id})
    (scope_name, scope), *steps = rebuild_steps()
    counts.seconds[scope_name] = _timed(con, scope)

    def run_steps() -> None:
        for name, step in steps:
            counts.seconds[name] = counts.seconds.get(name, 0.0) + _timed(con, step)

    con.execute(sql("events_chunks.set_chunk_facts"), {"chunk_facts": CHUNK_FACTS})
    chunks = int(con.execute(sql("events_chunks.assign")).fetchall()[0][0])
    if chunks <= 1:
        run_steps()
    else:  # each chunk's parts are the scope of the steps in turn; their results add up
        for chunk in range(chunks):
            con.execute(sql("events_chunks.set_chunk"), {"chunk": chunk})
            con.execute(sql("events_chunks.scope"))
            run_steps()
            con.execute(sql("events_chunks.keep" if chunk else "events_chunks.first"))
        con.execute(sql("events_chunks.whole"))
    start = time.perf_counter()
    values = _check_frame(con)
    held = check_events(values, run_id)
    counts.values_checked = values.height
    counts.failed_by_check = dict(held.group_by("check_name").len().iter_rows()) if held.height else {}
    _quarantine(con, held)
    counts.seconds["checks"] = time.perf_counter() - start
    row = con.execute(sql("events_check.counts")).fetchone()
    assert row is not None
    events, linked, reports, conflicts, rebuilt, parts = (int(n) for n in row)
    counts.events, counts.facts_linked, counts.conflicts = events, linked, conflicts
    counts.facts_rebuilt, counts.parts_rebuilt = rebuilt, parts
    counts.facts_unlinked = reports - linked
    counts.quarantined = held.height
    con.execute(sql("events_check.drop_temp"))
    return counts


def _check_frame(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """The values each event keeps, with the event's kind, date, place and first article."""
    frame = pl.from_arrow(con.sql(sql("events_check.values")).to_arrow_table())
    assert isinstance(frame, pl.DataFrame)
    return frame.select(EVENT_CHECK_COLUMNS)


def _quarantine(con: duckdb.DuckDBPyConnection, held: pl.DataFrame) -> None:
    """An open event failure the events no longer show goes; one still failing keeps its row
    (first run, time, and any review); a new one is added."""
    con.register("ev_held", held)
    try:
        con.execute(
            sql("events_check.release"),
            {"checks": list(EVENT_CHECK_NAMES), "column_prefix": COLUMN_CHECK_PREFIX},
        )
        con.execute(sql("events_check.hold"))
    finally:
        con.unregister("ev_held")


def _timed(con: duckdb.DuckDBPyConnection, step: str) -> float:
    start = time.perf_counter()
    con.execute(step)
    return time.perf_counter() - start
