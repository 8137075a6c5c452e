"""The warehouse side of a run: what it holds already, registering the run, its fetch counts,
and one transaction that loads everything the run staged, rebuilds the events and completes it."""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Protocol

import duckdb
import polars as pl
import pyarrow as pa

from ingest.load.events import EventCounts, rebuild_events
from ingest.store.connection import writer
from ingest.store.counts import PageCounts, RunCounts
from schemas.events import EVENT_CHECK_NAMES
from schemas.frames import FILE_SCHEMA
from warehouse import sql


class Staged(Protocol):
    """What the load needs of a run's staging area (ingest.run.staging.Staging)."""

    replaced: set[str]  # article ids whose source now holds another text
    unread: set[str]  # files that failed for a passing reason (unreadable, gone): not recorded as read

    def files(self, kind: str) -> list[str]: ...  # the Parquet files of one kind: articles, sources, …


def start_run(
    db: str | Path,
    run_id: str,
    sources: str,
    extractor_version: str,
    known: Path,
    source: str | None = None,
    requested_at: dt.datetime | None = None,
) -> pl.DataFrame:
    """Register the run (`source`: the config's name for what it reads, if scheduled;
    `requested_at`: when the command asking for it started, UTC), snapshot the warehouse's
    sources for the workers into `known` (Parquet), and return the files it has read before
    (path, size, mtime_ns)."""
    with writer(db) as con:
        now = _now()
        con.execute(sql("runs.mark_died"), {"now": now, "run_id": run_id})
        con.execute(
            sql("runs.start"),
            {
                "run_id": run_id,
                "now": now,
                "sources": sources,
                "extractor_version": extractor_version,
                "source": source,
                "requested_at": requested_at,
            },
        )
        held = con.sql(sql("snapshot.known_sources")).to_arrow_table()
        files = con.sql(sql("snapshot.known_files")).to_arrow_table()
    # written by polars, not by COPY: a path cannot be a bound parameter of COPY … TO
    _frame(held).write_parquet(known)
    return _frame(files).cast(FILE_SCHEMA)  # type: ignore[arg-type]


def skip_run(
    db: str | Path, run_id: str, sources: str, extractor_version: str, source: str | None, reason: str
) -> None:
    """Record a run that did not start because another run held the warehouse."""
    now = _now()
    with writer(db) as con:
        con.execute(
            sql("runs.skip"),
            {
                "run_id": run_id,
                "now": now,
                "sources": sources,
                "extractor_version": extractor_version,
                "source": source,
                "reason": reason,
            },
        )


def record_idle(db: str | Path, run_id: str, source: str) -> None:
    """A scheduled run that found nothing new to read: counted on its source (`scheduled_sources`)
    instead of kept as a row of `runs`, in one transaction (its row goes and the tick is counted,
    or neither). The caller holds the run lock."""
    with writer(db) as con:
        con.begin()
        try:
            con.execute(sql("sources.drop_idle_run"), {"run_id": run_id})
            con.execute(sql("sources.count_idle"), {"source": source, "now": _now(), "run_id": run_id})
            con.commit()
        except Exception:
            with contextlib.suppress(duckdb.Error):
                con.rollback()
            raise


def fail_run(db: str | Path, run_id: str, error: str) -> None:
    with writer(db) as con:
        con.execute(sql("runs.fail"), {"now": _now(), "error": error, "run_id": run_id})


def cancel_run(db: str | Path, run_id: str, reason: str, attempts: int = 3) -> str | None:
    """Mark a run stopped by a signal `cancelled`, unless its load had committed; returns the
    status it ends with (None: it was never registered). Tried again after a moment if DuckDB
    refuses (the interrupted load's transaction may still be closing)."""
    for attempt in range(attempts):
        try:
            with writer(db, wait_s=5.0) as con:
                con.execute(sql("runs.cancel"), {"now": _now(), "reason": reason, "run_id": run_id})
                row = con.execute(sql("runs.status"), {"run_id": run_id}).fetchone()
            return str(row[0]) if row else None
        except duckdb.Error:
            if attempt == attempts - 1:
                raise
            time.sleep(0.2)
    return None


def committed(db: str | Path, run_id: str) -> bool:
    """Whether run `run_id`'s load committed (it is `completed` in the warehouse)."""
    with writer(db) as con:  # the caller holds the run lock
        row = con.execute(sql("runs.status"), {"run_id": run_id}).fetchone()
    return row is not None and row[0] == "completed"


def record_fetch(db: str | Path, run_id: str, pages: PageCounts) -> None:
    """The run's fetch counts on its `runs` row, as soon as fetching is done."""
    with writer(db) as con:
        con.execute(sql("runs.fetch_counts"), {"run_id": run_id, **asdict(pages)})


def load_run(
    db: str | Path,
    run_id: str,
    staged: Staged,
    files: pl.DataFrame,
    counts: RunCounts,
    carry: Callable[[duckdb.DuckDBPyConnection, str], object] | None = None,
) -> RunCounts:
    """Everything the run staged, in one transaction: all of it lands, the events are rebuilt from
    it and the run is marked completed, or none of it happens. Returns the counts with what was
    actually inserted. A file is recorded as read (its size and mtime, which let the next run
    skip it while unchanged) only when it was: not when it failed for a passing reason. `carry`
    (ingest.review.carry.carry_over) makes the decisions on replaced articles again on the same
    facts of their new texts, in the same transaction, before the events are rebuilt."""
    replaced = pl.DataFrame({"article_id": sorted(staged.replaced)}, schema={"article_id": pl.String})
    read = files.filter(~pl.col("path").is_in(sorted(staged.unread))) if staged.unread else files
    with writer(db) as con:
        con.register("replaced", replaced)
        con.register("read_files", read)
        con.begin()
        try:
            counts.articles_new, counts.facts_loaded = _insert_staged(con, run_id, staged)
            if carry is not None and staged.replaced:
                carry(con, run_id)
            # events from every fact now in the warehouse, in this transaction (docs/events.md);
            # an unchanged re-run leaves them as they are
            events = None
            if counts.articles_new or counts.facts_loaded or staged.replaced:
                events = rebuild_events(con, run_id)
                counts.events_held_by_check = dict(
                    sorted(events.failed_by_check.items(), key=lambda kv: -kv[1])
                )
            _record_checks(con, run_id, counts, events)
            _complete(con, run_id, counts)
            con.commit()
        except Exception:
            # a commit that failed (the disk full) may have ended the transaction already: the
            # error to report is the first one, not "cannot rollback - no transaction is active"
            with contextlib.suppress(duckdb.Error):
                con.rollback()
            raise
    return counts


def _insert_staged(con: duckdb.DuckDBPyConnection, run_id: str, staged: Staged) -> tuple[int, int]:
    """Insert the staged sources, articles, facts, quarantine rows and failures, and the files
    read (registered as `read_files`); returns (new articles, facts loaded)."""
    run = {"run_id": run_id}
    con.execute(sql("load.sources"), {**run, "files": staged.files("sources")})
    con.execute(sql("load.drop_replaced"))
    with _one_thread(con):
        new_articles = _count(con, "load.articles", {**run, "files": staged.files("articles")})
    facts = _count(con, "load.facts", {"files": staged.files("facts")})
    _count(con, "load.quarantine", {"files": staged.files("quarantine")})
    con.execute(sql("load.read_failures"), {**run, "files": staged.files("failures")})
    con.execute(sql("load.files"), run)
    return new_articles, facts


def _complete(con: duckdb.DuckDBPyConnection, run_id: str, counts: RunCounts) -> None:
    """Mark the run completed; the runs row records every number of RunCounts
    (warehouse/queries/runs.sql, `complete`)."""
    numbers = {k: v for k, v in asdict(counts).items() if isinstance(v, int)}
    con.execute(sql("runs.complete"), {"run_id": run_id, "now": _now(), **numbers})


CHECKED_SCHEMA = {
    "level": pl.String,
    "check_name": pl.String,
    "rows_checked": pl.Int64,
    "rows_failed": pl.Int64,
}


def _record_checks(
    con: duckdb.DuckDBPyConnection, run_id: str, counts: RunCounts, events: EventCounts | None
) -> None:
    """What each check of the run looked at and held back, into `run_checks` (the report's table
    per check). Event checks are recorded only when the run rebuilt the events."""
    checks = [("fact", name, n, failed) for name, (n, failed) in counts.fact_checks.items()]
    if events is not None:
        names = {**dict.fromkeys(EVENT_CHECK_NAMES, 0), **events.failed_by_check}
        checks += [("event", name, events.values_checked, failed) for name, failed in names.items()]
    frame = pl.DataFrame(
        checks,
        schema=CHECKED_SCHEMA,
        orient="row",
    )
    con.register("checked", frame)
    try:
        con.execute(sql("load.run_checks"), {"run_id": run_id})
    finally:
        con.unregister("checked")


@contextlib.contextmanager
def _one_thread(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """The articles go in on one thread: DuckDB's threads would each fill a row group of their own,
    which the commit's checkpoint then merges by writing the articles' text again (at 250,000
    bench articles 2.7–3.1 s of the commit, and a file 135 MB larger). Facts, many row groups of
    short rows, gain from the threads (docs/performance.md)."""
    threads = con.execute(sql("load.threads")).fetchone()
    con.execute(sql("load.set_threads"), {"n": 1})
    try:
        yield
    finally:
        con.execute(sql("load.set_threads"), {"n": int(threads[0]) if threads else 1})


def _count(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, object]) -> int:
    """Run the named insert; the number of rows it inserted."""
    row = con.execute(sql(name), params).fetchone()
    return int(row[0]) if row else 0


def _frame(table: pa.Table) -> pl.DataFrame:
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    return frame


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
