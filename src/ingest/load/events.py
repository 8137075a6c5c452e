"""Events from facts: the reports of one attack, exchange or incident become one event with one
value per metric and direction, links to every supporting fact, and its disagreements kept.

`rebuild_events` runs inside the load's transaction, after the run's facts are in. It rebuilds
from every fact in the warehouse with set-based SQL (warehouse/events_rebuild.sql), then writes
only what changed: an event's id hashes its kind, date, place and parties, so a re-run or a new
article finds the same event again and updates it in place. The rule is in docs/events.md.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

import duckdb
import polars as pl

from ingest.validate.events import check_events
from schemas.events import COLUMN_CHECK_PREFIX, EVENT_CHECK_COLUMNS, EVENT_CHECK_NAMES
from schemas.quarantine import QUARANTINE_COLUMNS
from warehouse import sql as warehouse_sql

_STEP = re.compile(r"^-- step: (\w+)\s*$", re.MULTILINE)
_TEMP = re.compile(r"create or replace temp table (\w+)")
_EVENT_COLUMNS = ("kind", "event_date", "location", "article_id")  # from ev_events; the rest from ev_values


@dataclass
class EventCounts:
    events: int = 0
    facts_linked: int = 0
    facts_unlinked: int = 0
    conflicts: int = 0
    quarantined: int = 0
    seconds: dict[str, float] = field(default_factory=dict)  # per step, for profiling


def rebuild_steps() -> list[tuple[str, str]]:
    """(name, sql) of each step of warehouse/events_rebuild.sql, in order."""
    parts = _STEP.split(_script())
    return [(parts[i], parts[i + 1].strip()) for i in range(1, len(parts), 2)]


def _script() -> str:
    return warehouse_sql("events_rebuild")


def rebuild_events(con: duckdb.DuckDBPyConnection, run_id: str) -> EventCounts:
    """Rebuild events, event_values and event_facts from the facts table, and quarantine event
    values that fail a check. Runs in the caller's transaction. Events, links and quarantine rows
    are updated in place (an unchanged row is not touched); event_values are rewritten whole."""
    counts = EventCounts()
    con.execute("set variable run_id = ?", [run_id])
    for name, sql in rebuild_steps():
        counts.seconds[name] = _timed(con, sql)
    start = time.perf_counter()
    held = check_events(_check_frame(con), run_id)
    _quarantine(con, held)
    counts.seconds["checks"] = time.perf_counter() - start
    counts.events = _scalar(con, "select count(*) from ev_events")
    counts.facts_linked = _scalar(con, "select count(*) from ev_links")
    counts.facts_unlinked = _scalar(con, "select count(*) from ev_reports") - counts.facts_linked
    counts.conflicts = _scalar(con, "select count(*) from ev_values where conflict")
    counts.quarantined = held.height
    for table in _TEMP.findall(_script()):
        con.execute(f"drop table if exists {table}")
    return counts


def _check_frame(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """The values each event keeps, with the event's kind, date, place and first article."""
    cols = ", ".join(f"e.{c}" if c in _EVENT_COLUMNS else f"v.{c}" for c in EVENT_CHECK_COLUMNS)
    table = con.sql(f"select {cols} from ev_values v join ev_events e using (event_id)").to_arrow_table()
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    return frame


def _quarantine(con: duckdb.DuckDBPyConnection, held: pl.DataFrame) -> None:
    """An open event failure the events no longer show goes; one still failing keeps its row
    (first run, time, and any review); a new one is added."""
    con.register("ev_held", held)
    try:
        con.execute(
            "delete from quarantine where status = 'open' "
            "and (check_name in (select unnest(?)) or starts_with(check_name, ?)) "
            "and quarantine_id not in (select quarantine_id from ev_held)",
            [list(EVENT_CHECK_NAMES), COLUMN_CHECK_PREFIX],
        )
        cols = ", ".join(QUARANTINE_COLUMNS)
        con.execute(f"insert into quarantine ({cols}) select {cols} from ev_held on conflict do nothing")
    finally:
        con.unregister("ev_held")


def _timed(con: duckdb.DuckDBPyConnection, sql: str) -> float:
    start = time.perf_counter()
    con.execute(sql)
    return time.perf_counter() - start


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row and row[0] is not None else 0
