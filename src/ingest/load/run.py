"""The warehouse side of a run: what it holds already, registering the run, and one
transaction that loads everything the run staged."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from pathlib import Path

import polars as pl

from ingest.run.counts import RunCounts
from ingest.run.staging import Staging
from ingest.store.connection import writer
from schemas.facts import FACT_COLUMNS
from schemas.frames import FILE_SCHEMA
from schemas.quarantine import QUARANTINE_COLUMNS

# facts that review decisions keep out of `facts` (warehouse/003_review.sql)
REVIEWED_OUT = "select fact_id from decisions where action in ('reject', 'correct')"


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
        # this run holds the run lock, so a run still marked running died (killed, crashed, power cut)
        con.execute(
            "update runs set status = 'died', ended_at = ?, error = 'the run ended before it completed "
            "(process killed or crashed); nothing of it was loaded' where status = 'running' and run_id <> ?",
            [_now(), run_id],
        )
        con.execute(
            "insert into runs (run_id, started_at, status, sources, extractor_version, source) "
            "values (?, ?, 'running', ?, ?, ?) on conflict (run_id) do update set started_at = excluded.started_at, "
            "status = 'running'",
            [run_id, _now(), sources, extractor_version, source],
        )
        con.execute(
            f"copy (select source, file, article_id from article_sources) to '{staging.known}' (format parquet)"
        ).fetchall()
        files = con.sql("select path, size, mtime_ns from files").to_arrow_table()
    frame = pl.from_arrow(files)
    assert isinstance(frame, pl.DataFrame)
    return frame.cast(FILE_SCHEMA)  # type: ignore[arg-type]


def skip_run(
    db: str | Path, run_id: str, sources: str, extractor_version: str, source: str | None, reason: str
) -> None:
    """Record a run that did not start because another run held the warehouse."""
    now = _now()
    with writer(db) as con:
        con.execute(
            "insert into runs (run_id, started_at, ended_at, status, sources, extractor_version, source, error) "
            "values (?, ?, ?, 'skipped', ?, ?, ?, ?) on conflict (run_id) do update set status = 'skipped', "
            "ended_at = excluded.ended_at, error = excluded.error",
            [run_id, now, now, sources, extractor_version, source, reason],
        )


def fail_run(db: str | Path, run_id: str, error: str) -> None:
    with writer(db) as con:
        con.execute(
            "update runs set status = 'failed', ended_at = ?, error = ? where run_id = ?",
            [_now(), error, run_id],
        )


def load_run(
    db: str | Path, run_id: str, staging: Staging, files: pl.DataFrame, counts: RunCounts
) -> RunCounts:
    """Everything the run staged, in one transaction: all of it lands, or none of it. Returns the
    counts with what was actually inserted."""
    g = staging.glob
    replaced = pl.DataFrame({"article_id": sorted(staging.replaced)}, schema={"article_id": pl.String})
    with writer(db) as con:
        con.register("replaced", replaced)
        con.register("read_files", files)
        con.execute("begin transaction")
        try:
            con.execute(
                f"insert into article_sources (source, file, article_id, run_id) "
                f"select source, any_value(file), last(article_id), ? from read_parquet('{g('sources')}') "
                "group by source on conflict (source) do update set article_id = excluded.article_id, "
                "file = excluded.file, run_id = excluded.run_id, seen_at = now()",
                [run_id],
            )
            # an old text that no source holds any more goes, with its facts and open failures
            gone = "select article_id from replaced where article_id not in (select article_id from article_sources)"
            con.execute(f"delete from facts where article_id in ({gone})")
            con.execute(f"delete from quarantine where status = 'open' and article_id in ({gone})")
            con.execute(f"delete from articles where article_id in ({gone})")
            new_articles = _count(
                con,
                f"insert into articles by name select * exclude (rn), ? as run_id from ("
                f"select *, row_number() over (partition by article_id) as rn from read_parquet('{g('articles')}')"
                ") where rn = 1 on conflict do nothing",
                [run_id],
            )
            facts = _count(
                con,
                f"insert into facts ({', '.join(FACT_COLUMNS)}) select {', '.join(FACT_COLUMNS)} "
                f"from read_parquet('{g('facts')}') "
                # a fact a reviewer rejected or replaced by a correction stays out for good
                f"where fact_id not in ({REVIEWED_OUT}) on conflict do nothing",
            )
            _count(
                con,
                f"insert into quarantine ({', '.join(QUARANTINE_COLUMNS)}) select {', '.join(QUARANTINE_COLUMNS)} "
                f"from read_parquet('{g('quarantine')}') on conflict do nothing",
            )
            con.execute(
                f"insert into read_failures (run_id, source, reason) select ?, source, reason "
                f"from read_parquet('{g('failures')}')",
                [run_id],
            )
            con.execute(
                "insert into files (path, size, mtime_ns, run_id) select path, size, mtime_ns, ? from read_files "
                "on conflict (path) do update set size = excluded.size, mtime_ns = excluded.mtime_ns, "
                "run_id = excluded.run_id",
                [run_id],
            )
            # events from every fact now in the warehouse, in this transaction (docs/events.md)
            from ingest.load.events import rebuild_events

            if new_articles or facts or staging.replaced:  # an unchanged re-run leaves events as they are
                rebuild_events(con, run_id)
            counts.articles_new = new_articles
            counts.facts_loaded = facts
            c = asdict(counts)
            con.execute(
                "update runs set status = 'completed', ended_at = ?, articles_read = ?, articles_new = ?, "
                "articles_unchanged = ?, articles_changed = ?, articles_failed = ?, facts_loaded = ?, "
                "facts_quarantined = ? where run_id = ?",
                [
                    _now(),
                    c["articles_read"],
                    c["articles_new"],
                    c["articles_unchanged"],
                    c["articles_changed"],
                    c["articles_failed"],
                    c["facts_loaded"],
                    c["facts_quarantined"],
                    run_id,
                ],
            )
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
    return counts


def _count(con: object, sql: str, params: list[object] | None = None) -> int:
    row = con.execute(sql, params or []).fetchone()  # type: ignore[attr-defined]
    return int(row[0]) if row else 0


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
