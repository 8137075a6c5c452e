"""The ingestion flow: (fetch →) read → extract → validate → load.

Batches of articles are processed in worker processes (one task per batch, never per article),
staged as Parquet, and loaded into the warehouse in one short transaction at the end. URLs are
fetched first into files beside the warehouse; one run at a time holds the warehouse's run lock.
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import polars as pl
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE
from prefect.futures import PrefectFuture
from prefect.runtime import flow_run
from prefect.task_runners import ProcessPoolTaskRunner

from ingest.extract.article.reader import EXTRACTOR_VERSION
from ingest.load import run as loading
from ingest.read import inbox
from ingest.read.plan import Batch, RunPlan, plan_run
from ingest.read.web import fetch as fetching
from ingest.read.web.client import FetchSettings
from ingest.run import batch as pipeline
from ingest.run import lock as runlock
from ingest.run import progress
from ingest.run.staging import Staging
from ingest.run.staging import stage_batch as staging_batch
from ingest.run.stopwatch import Stopwatch
from ingest.settings import Settings
from ingest.store.connection import is_transient
from ingest.store.counts import RunCounts

# Tasks that touch the warehouse retry: another process may hold its lock for a moment.
RETRIES = 3
BACKOFF = [1.0, 2.0, 4.0]
WORKERS = Settings.workers


def _may_pass_on_retry(task: Any, task_run: Any, state: Any) -> bool:
    """Only a transient error is retried: a locked warehouse may be free on the next try; a folder
    given as the warehouse, a warehouse from a newer newsfacts or a bug (a KeyError) never will."""
    return is_transient(state.data)


@task(name="register-run", retries=RETRIES, retry_delay_seconds=BACKOFF, retry_condition_fn=_may_pass_on_retry, cache_policy=NONE)
def register_run(
    db: str, run_id: str, sources: list[str], staging: Staging, source: str | None = None
) -> pl.DataFrame:
    return loading.start_run(db, run_id, " ".join(sources), EXTRACTOR_VERSION, staging.known, source)


@task(name="record-skipped-run", retries=RETRIES, retry_delay_seconds=BACKOFF, retry_condition_fn=_may_pass_on_retry, cache_policy=NONE)
def record_skipped(db: str, run_id: str, sources: list[str], source: str | None, reason: str) -> None:
    loading.skip_run(db, run_id, " ".join(sources), EXTRACTOR_VERSION, source, reason)


@task(name="claim-inbox", cache_policy=NONE)
def claim_inbox(folders: list[str], move_processed: bool) -> list[inbox.Claim]:
    return inbox.claim(folders, move_processed)


@task(name="fetch-web", cache_policy=NONE)
def fetch_web(
    urls: list[str],
    db: str,
    run_id: str,
    known: Path,
    web: dict[str, Any] | None,
    expect: dict[str, str] | None,
) -> fetching.FetchReport:
    return fetching.fetch_urls(urls, db, run_id, known, FetchSettings.from_dict(web), expect)


@task(name="record-fetch", retries=RETRIES, retry_delay_seconds=BACKOFF, retry_condition_fn=_may_pass_on_retry, cache_policy=NONE)
def record_fetch(db: str, run_id: str, pages: fetching.PageCounts) -> None:
    loading.record_fetch(db, run_id, pages)


@task(name="settle-inbox", cache_policy=NONE)
def settle_inbox(claims: list[inbox.Claim], staging: Staging) -> list[tuple[str, str]]:
    try:
        return inbox.settle(claims, inbox.unreadable(staging.files("failures"), staging.files("sources")))
    except OSError as e:  # the run is loaded: a file left in place is not worth failing it for
        _tell(f"could not move rejected files: {e}")
        return []


@task(name="plan-run", cache_policy=NONE)
def plan(paths: list[str], known_files: pl.DataFrame, batch_size: int) -> RunPlan:
    return plan_run(paths, known_files, batch_size)


@task(name="process-batch", cache_policy=NONE)
def process_batch(batch: Batch, staging_root: Path, run_id: str) -> pipeline.BatchSummary:
    return staging_batch(batch, staging_root, run_id)


@task(name="load-run", retries=RETRIES, retry_delay_seconds=BACKOFF, retry_condition_fn=_may_pass_on_retry, cache_policy=NONE)
def load(db: str, run_id: str, staging: Staging, files: pl.DataFrame, counts: RunCounts) -> RunCounts:
    return loading.load_run(db, run_id, staging, files, counts)


@task(name="mark-run-failed", retries=RETRIES, retry_delay_seconds=BACKOFF, retry_condition_fn=_may_pass_on_retry, cache_policy=NONE)
def mark_failed(db: str, run_id: str, error: str) -> None:
    loading.fail_run(db, run_id, error)


@flow(name="newsfacts-ingest", task_runner=ProcessPoolTaskRunner(max_workers=WORKERS))  # type: ignore[arg-type]
def ingest(
    paths: list[str],
    db: str,
    batch_size: int = Settings.batch_size,
    source: str | None = None,
    wait_s: float = Settings.run_wait_s,
    skip_if_busy: bool = False,
    move_processed: bool = False,
    move_rejected: bool = False,
    web: dict[str, Any] | None = None,
    expect: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Read articles from files, folders and URLs (feeds, pages, JSONL exports), extract their
    facts, validate them and load the warehouse `db` in one transaction. Returns the run's counts.

    One run at a time per warehouse: this one waits up to `wait_s` for the run holding it, then
    fails, or with `skip_if_busy` is recorded as skipped. `source` names a scheduled source;
    `move_processed`/`move_rejected` tidy folders (ingest.read.inbox); `web` holds FetchSettings
    fields and `expect` the kind each URL must be (ingest.read.web.fetch)."""
    run_id = str(flow_run.get_id() or "local")
    try:
        lock = runlock.acquire(db, run_id, source, wait_s, on_wait=_tell)
    except runlock.RunBusy as busy:
        record_skipped(db, run_id, paths, source, str(busy))
        if not skip_if_busy:
            raise
        _tell(f"skipped: {busy}")
        return {"run_id": run_id, "status": "skipped", "source": source, "reason": str(busy)}
    staging = Staging(db, run_id)
    clock = Stopwatch()
    claims: list[inbox.Claim] = []
    moved: list[tuple[str, str]] = []
    loaded = False
    try:
        known_files = register_run(db, run_id, paths, staging, source)
        local = [p for p in paths if not fetching.is_url(p)]
        if move_processed or move_rejected:
            folders = [p for p in local if Path(p).is_dir()]
            claims = claim_inbox(folders, move_processed)
            local = [p for p in local if p not in folders] + [c.path for c in claims]
        fetched = fetch_web([p for p in paths if fetching.is_url(p)], db, run_id, staging.known, web, expect)
        if fetched.pages().any():
            record_fetch(db, run_id, fetched.pages())
        clock.lap("fetch")
        work = plan(local + fetched.paths, known_files, batch_size)
        clock.lap("plan")
        progress.start("extract", work.n_articles)
        tally = pipeline.Tally()
        for summary in _processed(work.batches, staging.root, run_id):
            tally.add(staging.note(summary))
            progress.advance("extract", summary.n_read)
        clock.lap("process")
        tally.add(staging.write(pipeline.failed_reads(fetched.failures), len(work.batches)))
        counts = tally.counts(work.missing, work.unchanged_files, staging.known, len(staging.replaced))
        counts = load(db, run_id, staging, work.files, counts)
        clock.lap("load")
        loaded = True
        if move_rejected:
            moved = settle_inbox(claims, staging)
    except Exception as e:
        mark_failed(db, run_id, f"{type(e).__name__}: {e}")
        raise
    finally:
        if not loaded:  # also when interrupted: files taken from an inbox go back for the next run
            inbox.unclaim(claims)
        staging.remove()
        lock.release()
    pages = asdict(fetched.pages())
    get_run_logger().info(
        f"{source or 'run'}: {counts.articles_read} read, {counts.articles_new} new, "
        f"{counts.articles_failed} failed; {counts.facts_loaded} facts loaded, "
        f"{counts.facts_quarantined} quarantined"
        + (
            f"; pages {pages['fetched']} fetched, {pages['not_modified']} not modified, {pages['known']} known"
            if any(pages.values())
            else ""
        )
    )
    return {
        "run_id": run_id,
        "status": "completed",
        "source": source,
        **asdict(counts),
        "seconds": {**clock.laps, "cpu": tally.seconds},
        "pages": pages,
        "rejected": moved,
    }


def _tell(message: str) -> None:
    """A message for a person: on stderr for the CLI, in the run's log for the Prefect UI."""
    print(message, file=sys.stderr, flush=True)
    get_run_logger().warning(message)


def _processed(batches: list[Batch], staging_root: Path, run_id: str) -> Iterator[pipeline.BatchSummary]:
    """Batch results in order. One batch runs here; more go to the worker processes, with at most
    two per worker in flight so that memory stays flat."""
    if len(batches) == 1:
        yield process_batch(batches[0], staging_root, run_id)
        return
    pending: deque[PrefectFuture[pipeline.BatchSummary]] = deque()
    for batch in batches:
        pending.append(process_batch.submit(batch, staging_root, run_id))
        if len(pending) >= 2 * WORKERS:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
