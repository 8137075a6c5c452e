"""The warehouse side of a run: what it holds already, registering the run, and one
transaction that loads everything the run staged."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa

from ingest.run.counts import RunCounts
from ingest.run.staging import Staging
from ingest.store.connection import writer
from schemas.frames import FILE_SCHEMA
from warehouse import sql


def start_run(
    db: str | Path,
    run_id: str,
    sources: str,
    extractor_version: str,
    staging: Staging,
    source: str | None = None,
) -> pl.DataFrame:
    """Register the run (`source`: the config's name for what it reads, if scheduled), snapshot
    the warehouse's sources for the workers, and return the files it has read before
    (path, size, mtime_ns)."""
    with writer(db) as con:
        now = _now()
        con.execute(sql("runs.mark_died"), {"now": now, "run_id": run_id})
        con.execute(
            sql("runs.start"),
            {"run_id": run_id, "now": now, "sources": sources, "extractor_version": extractor_version, "source": source},
        )
        known = con.sql(sql("snapshot.known_sources")).to_arrow_table()
        files = con.sql(sql("snapshot.known_files")).to_arrow_table()
    # written by polars, not by COPY: a path cannot be a bound parameter of COPY … TO
    _frame(known).write_parquet(staging.known)
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


def fail_run(db: str | Path, run_id: str, error: str) -> None:
    with writer(db) as con:
        con.execute(sql("runs.fail"), {"now": _now(), "error": error, "run_id": run_id})


def load_run(
    db: str | Path, run_id: str, staging: Staging, files: pl.DataFrame, counts: RunCounts
) -> RunCounts:
    """Everything the run staged, in one transaction: all of it lands, or none of it. Returns the
    counts with what was actually inserted."""
    replaced = pl.DataFrame({"article_id": sorted(staging.replaced)}, schema={"article_id": pl.String})
    run = {"run_id": run_id}
    with writer(db) as con:
        con.register("replaced", replaced)
        con.register("read_files", files)
        con.begin()
        try:
            con.execute(sql("load.sources"), {**run, "files": staging.files("sources")})
            con.execute(sql("load.drop_replaced"))
            new_articles = _count(con, "load.articles", {**run, "files": staging.files("articles")})
            facts = _count(con, "load.facts", {"files": staging.files("facts")})
            _count(con, "load.quarantine", {"files": staging.files("quarantine")})
            con.execute(sql("load.read_failures"), {**run, "files": staging.files("failures")})
            con.execute(sql("load.files"), run)
            # events from every fact now in the warehouse, in this transaction (docs/events.md)
            from ingest.load.events import rebuild_events

            if new_articles or facts or staging.replaced:  # an unchanged re-run leaves events as they are
                rebuild_events(con, run_id)
            counts.articles_new = new_articles
            counts.facts_loaded = facts
            # the runs row records every number of RunCounts (warehouse/queries/runs.sql, `complete`)
            numbers = {k: v for k, v in asdict(counts).items() if isinstance(v, int)}
            con.execute(sql("runs.complete"), {**run, "now": _now(), **numbers})
            con.commit()
        except Exception:
            con.rollback()
            raise
    return counts


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
