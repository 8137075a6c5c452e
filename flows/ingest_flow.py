"""The ingestion flow: (fetch →) read → extract → validate → load.

Batches of articles are processed in worker processes (one task per batch, never per article),
staged as Parquet, and loaded into the warehouse in one short transaction at the end. URLs are
fetched first into files beside the warehouse; one run at a time holds the warehouse's run lock.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import polars as pl
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE
from prefect.runtime import flow_run
from prefect.task_runners import ProcessPoolTaskRunner

from ingest.extract import gazetteer_cache
from ingest.extract.article.reader import EXTRACTOR_VERSION
from ingest.load import run as loading
from ingest.read import inbox
from ingest.read.plan import Batch, RunPlan, plan_run
from ingest.read.web import fetch as fetching
from ingest.read.web.client import FetchSettings
from ingest.review.carry import carry_over
from ingest.run import counts as counting
from ingest.run import interrupt, progress, worker
from ingest.run import lock as runlock
from ingest.run.batch import BatchSummary
from ingest.run.inputs import settle_rejected, sort_inputs
from ingest.run.progress import tell
from ingest.run.result import RunResult
from ingest.run.staging import Staging
from ingest.run.stopwatch import Stopwatch
from ingest.settings import Settings, cache_dir
from ingest.store.connection import is_transient
from ingest.store.counts import PageCounts, RunCounts

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
    db: str,
    run_id: str,
    sources: list[str],
    staging: Staging,
    source: str | None = None,
    requested_at: dt.datetime | None = None,
) -> pl.DataFrame:
    return loading.start_run(
        db, run_id, " ".join(sources), EXTRACTOR_VERSION, staging.known, source, requested_at
    )


@task(name="record-skipped-run", retries=RETRIES, retry_delay_seconds=BACKOFF, retry_condition_fn=_may_pass_on_retry, cache_policy=NONE)
def record_skipped(db: str, run_id: str, sources: list[str], source: str | None, reason: str) -> None:
    loading.skip_run(db, run_id, " ".join(sources), EXTRACTOR_VERSION, source, reason)


@task(name="claim-inbox", cache_policy=NONE)
def claim_inbox(folders: list[str], move_processed: bool, run_id: str, db: str) -> list[inbox.Claim]:
    return inbox.claim(folders, move_processed, run_id, lambda left_by: loading.committed(db, left_by))


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
def record_fetch(db: str, run_id: str, pages: PageCounts) -> None:
    loading.record_fetch(db, run_id, pages)


@task(name="record-idle-tick", retries=RETRIES, retry_delay_seconds=BACKOFF, retry_condition_fn=_may_pass_on_retry, cache_policy=NONE)
def record_idle(db: str, run_id: str, source: str) -> None:
    loading.record_idle(db, run_id, source)


@task(name="settle-inbox", cache_policy=NONE)
def settle_inbox(claims: list[inbox.Claim], staging: Staging) -> list[tuple[str, str]]:
    return settle_rejected(claims, staging)


@task(name="plan-run", cache_policy=NONE)
def plan(paths: list[str], known_files: pl.DataFrame, batch_size: int) -> RunPlan:
    return plan_run(paths, known_files, batch_size)


@task(name="process-and-stage", cache_policy=NONE)
def process_and_stage(batch: Batch, staging_root: Path, run_id: str, progress: Path | None) -> BatchSummary:
    gazetteer_cache.use(cache_dir(os.environ))  # the place index, built once and kept on disk
    return worker.process_and_stage(batch, staging_root, run_id, progress)


@task(name="load-run", retries=RETRIES, retry_delay_seconds=BACKOFF, retry_condition_fn=_may_pass_on_retry, cache_policy=NONE)
def load(db: str, run_id: str, staging: Staging, files: pl.DataFrame, counts: RunCounts) -> RunCounts:
    return loading.load_run(db, run_id, staging, files, counts, carry_over)


@task(name="mark-run-failed", retries=RETRIES, retry_delay_seconds=BACKOFF, retry_condition_fn=_may_pass_on_retry, cache_policy=NONE)
def mark_failed(db: str, run_id: str, error: str) -> None:
    loading.fail_run(db, run_id, error)


# workers ignore Ctrl-C (the flow handles it) and end with the process that started them
@flow(
    name="newsfacts-ingest",
    task_runner=ProcessPoolTaskRunner(max_workers=WORKERS, initializer=interrupt.init_worker),  # type: ignore[arg-type]
)
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
    requested_at: dt.datetime | None = None,
) -> RunResult:
    """Read articles from files, folders and URLs (feeds, pages, JSONL exports), extract their
    facts, validate them and load the warehouse `db` in one transaction. Returns the run's result.

    One run at a time per warehouse: this one waits up to `wait_s` for the run holding it, then
    fails, or with `skip_if_busy` is recorded as skipped. `source` names a scheduled source;
    `move_processed`/`move_rejected` tidy folders (ingest.read.inbox); `web` holds FetchSettings
    fields and `expect` the kind each URL must be (ingest.read.web.fetch); `requested_at` is
    when the command asking for the run started (UTC), for the wall time `newsfacts runs` shows."""
    run_id = str(flow_run.get_id() or "local")
    with interrupt.stoppable() as stop:  # SIGINT, SIGTERM: cancelled within seconds (ingest.run.interrupt)
        try:
            with stop.raising():
                lock = runlock.acquire(db, run_id, source, wait_s, on_wait=tell)
        except runlock.RunBusy as busy:
            record_skipped(db, run_id, paths, source, str(busy))
            if not skip_if_busy:
                raise
            tell(f"skipped: {busy}")
            return RunResult.skipped(run_id, source, str(busy))
        except interrupt.RunStopped:
            stop.settle(f"stopped by {stop.name} before run {run_id} started: nothing was loaded")
            raise
        staging = Staging(db, run_id)
        clock = Stopwatch()
        inboxes: list[str] = []
        claims: list[inbox.Claim] = []
        moved: list[tuple[str, str]] = []
        loaded = False
        try:
            with stop.raising():  # a signal stops the work wherever it is
                known_files = register_run(db, run_id, paths, staging, source, requested_at)
                inputs = sort_inputs(paths, move_processed or move_rejected)
                inboxes = inputs.inboxes
                if move_processed or move_rejected:
                    claims = claim_inbox(inboxes, move_processed, run_id, db)
                fetched = fetch_web(inputs.urls, db, run_id, staging.known, web, expect)
                if fetched.pages().any():
                    record_fetch(db, run_id, fetched.pages())
                clock.lap("fetch")
                work = plan(inputs.to_read(claims, fetched.paths), known_files, batch_size)
                clock.lap("plan")
                # a scheduled tick that found nothing to read is counted on its source, not a run
                idle = source is not None and not claims and counting.nothing_new(work, fetched.failures)
                if idle and source is not None:
                    counts = counting.unchanged_counts(work, staging)
                    tally = counting.Tally()
                    record_idle(db, run_id, source)
                else:
                    # each batch reports its stage and articles for the bar (ingest.run.progress)
                    with progress.watching(staging.progress, [b.size for b in work.batches]) as watch:
                        summaries = worker.in_order(
                            work.batches,
                            lambda b: process_and_stage(b, staging.root, run_id, watch.folder),
                            lambda b: process_and_stage.submit(b, staging.root, run_id, watch.folder),
                            in_flight=2 * WORKERS,
                        )
                        tally = counting.tally_batches(summaries, staging, watch)
                        watch.loading()
                    clock.lap("process")
                    counts = load(
                        db,
                        run_id,
                        staging,
                        work.files,
                        counting.run_counts(tally, work, staging, fetched.failures),
                    )
                clock.lap("load")
            loaded = True
            inbox.confirm(inboxes, run_id)  # committed: the claimed files have left the inbox
            if move_rejected:
                moved = settle_inbox(claims, staging)
        except BaseException as e:
            if stop.requested:  # DuckDB reports a signal during a query as "Query interrupted"
                try:
                    loaded = loading.cancel_run(db, run_id, f"stopped by {stop.name}") == "completed"
                    if loaded:  # the signal came after the commit: the claimed files stay
                        inbox.confirm(inboxes, run_id)
                except Exception as unmarked:  # the warehouse is as it was all the same
                    stop.unmarked = f"{type(unmarked).__name__}: {unmarked}"
            elif isinstance(e, Exception):
                mark_failed(db, run_id, f"{type(e).__name__}: {e}")
            if not stop.requested:
                raise
        finally:
            if not loaded:  # also when stopped: files taken from an inbox go back for the next run
                inbox.unclaim(inboxes, run_id)
            staging.remove()
            lock.release()
            if stop.requested:
                stop.settle(stop.outcome(run_id, loaded))
                raise stop.error()
    result = RunResult(
        run_id, "idle" if idle else "completed", source, counts, fetched.pages(), moved, dict(clock.laps), tally.seconds
    )
    get_run_logger().info(result.describe())
    return result
