"""The ingestion flow: read → extract → validate → load.

Batches of articles are processed in worker processes (one task per batch, never per article),
staged as Parquet, and loaded into the warehouse in one short transaction at the end.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import polars as pl
from prefect import flow, task
from prefect.cache_policies import NONE
from prefect.futures import PrefectFuture
from prefect.runtime import flow_run
from prefect.task_runners import ProcessPoolTaskRunner

from ingest import load as loading
from ingest import pipeline, progress
from ingest.extract import EXTRACTOR_VERSION
from ingest.load_counts import RunCounts
from ingest.plan import Batch, RunPlan, plan_run
from ingest.staging import Staging
from ingest.stopwatch import Stopwatch

# Tasks that touch the warehouse retry: another process may hold its lock for a moment.
RETRIES = 3
BACKOFF = [1.0, 2.0, 4.0]
WORKERS = 2


@task(name="register-run", retries=RETRIES, retry_delay_seconds=BACKOFF, cache_policy=NONE)
def register_run(db: str, run_id: str, sources: list[str], staging: Staging) -> pl.DataFrame:
    return loading.start_run(db, run_id, " ".join(sources), EXTRACTOR_VERSION, staging)


@task(name="plan-run", cache_policy=NONE)
def plan(paths: list[str], known_files: pl.DataFrame, batch_size: int) -> RunPlan:
    return plan_run(paths, known_files, batch_size)


@task(name="process-batch", cache_policy=NONE)
def process_batch(batch: Batch, known: Path, run_id: str) -> pipeline.BatchResult:
    return pipeline.process_batch(batch, known, run_id)


@task(name="load-run", retries=RETRIES, retry_delay_seconds=BACKOFF, cache_policy=NONE)
def load(db: str, run_id: str, staging: Staging, files: pl.DataFrame, counts: RunCounts) -> RunCounts:
    return loading.load_run(db, run_id, staging, files, counts)


@task(name="mark-run-failed", retries=RETRIES, retry_delay_seconds=BACKOFF, cache_policy=NONE)
def mark_failed(db: str, run_id: str, error: str) -> None:
    loading.fail_run(db, run_id, error)


@flow(name="newsfacts-ingest", task_runner=ProcessPoolTaskRunner(max_workers=WORKERS))  # type: ignore[arg-type]
def ingest(paths: list[str], db: str, batch_size: int = 2000) -> dict[str, Any]:
    """Read articles from files and folders, extract their facts, validate them and load the
    warehouse `db` in one transaction. Returns the run's counts."""
    run_id = str(flow_run.get_id() or "local")
    staging = Staging(db, run_id)
    clock = Stopwatch()
    try:
        known_files = register_run(db, run_id, paths, staging)
        work = plan(paths, known_files, batch_size)
        clock.lap("plan")
        progress.start("extract", work.n_articles)
        tally = pipeline.Tally()
        for i, result in enumerate(_processed(work.batches, staging.known, run_id)):
            staging.write(result, i)
            tally.add(result)
            progress.advance("extract", result.n_read)
        clock.lap("process")
        counts = tally.counts(work.missing, work.unchanged_files, staging.known, len(staging.replaced))
        counts = load(db, run_id, staging, work.files, counts)
        clock.lap("load")
    except Exception as e:
        mark_failed(db, run_id, f"{type(e).__name__}: {e}")
        raise
    finally:
        staging.remove()
    return {"run_id": run_id, **asdict(counts), "seconds": {**clock.laps, "cpu": tally.seconds}}


def _processed(batches: list[Batch], known: Path, run_id: str) -> Iterator[pipeline.BatchResult]:
    """Batch results in order. One batch runs here; more go to the worker processes, with at most
    two per worker in flight so that memory stays flat."""
    if len(batches) == 1:
        yield process_batch(batches[0], known, run_id)
        return
    pending: deque[PrefectFuture[pipeline.BatchResult]] = deque()
    for batch in batches:
        pending.append(process_batch.submit(batch, known, run_id))
        if len(pending) >= 2 * WORKERS:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
