"""The ingestion flow: read → extract → validate → load, one task per batch of articles."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import polars as pl
from prefect import flow, task
from prefect.cache_policies import NONE
from prefect.runtime import flow_run

from ingest import load as loading
from ingest import pipeline, progress
from ingest.batch import extract_batch
from ingest.extract import EXTRACTOR_VERSION
from ingest.frames import FACT_SCHEMA, QUARANTINE_SCHEMA
from ingest.validate import validate_facts

# Tasks that touch the warehouse retry: another process may hold its lock for a moment.
RETRIES = 3
BACKOFF = [1.0, 2.0, 4.0]


@task(name="register-run", retries=RETRIES, retry_delay_seconds=BACKOFF, cache_policy=NONE)
def register_run(db: str, run_id: str, sources: list[str]) -> None:
    loading.start_run(db, run_id, " ".join(sources), EXTRACTOR_VERSION)


@task(name="read-articles", cache_policy=NONE)
def read_articles(paths: list[str]) -> tuple[list[Any], list[Any]]:
    return pipeline.read_sources(paths)


@task(name="plan-run", retries=RETRIES, retry_delay_seconds=BACKOFF, cache_policy=NONE)
def plan_run(db: str, articles: list[Any]) -> loading.Plan:
    sources, known = loading.known_sources(db)
    return loading.plan(articles, sources, known)


@task(name="extract-batch", cache_policy=NONE)
def extract(batch: pl.DataFrame, run_id: str) -> pl.DataFrame:
    facts = extract_batch(batch, run_id)
    progress.advance("extract", batch.height)
    return facts


@task(name="validate-batch", cache_policy=NONE)
def validate(candidates: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    return validate_facts(candidates)


@task(name="load-run", retries=RETRIES, retry_delay_seconds=BACKOFF, cache_policy=NONE)
def load(
    db: str,
    run_id: str,
    articles: pl.DataFrame,
    facts: pl.DataFrame,
    quarantine: pl.DataFrame,
    failures: pl.DataFrame,
    plan: loading.Plan,
    counts: loading.RunCounts,
) -> None:
    loading.load_run(db, run_id, articles, facts, quarantine, failures, plan, counts)


@task(name="mark-run-failed", retries=RETRIES, retry_delay_seconds=BACKOFF, cache_policy=NONE)
def mark_failed(db: str, run_id: str, error: str) -> None:
    loading.fail_run(db, run_id, error)


@flow(name="newsfacts-ingest")
def ingest(paths: list[str], db: str, batch_size: int = 2000) -> dict[str, Any]:
    """Read articles from files and folders, extract their facts, validate them and load the
    warehouse `db` in one transaction. Returns the run's counts."""
    run_id = str(flow_run.get_id() or "local")
    register_run(db, run_id, paths)
    try:
        articles, failures = read_articles(paths)
        plan = plan_run(db, articles)
        frames = pipeline.batches(plan.new, batch_size)
        progress.start("extract", len(plan.new))
        valid, held = [], []
        for batch in frames:
            good, bad = validate(extract(batch, run_id))
            valid.append(good)
            held.append(bad)
        facts = pipeline.concat(valid, FACT_SCHEMA)
        quarantine = pipeline.concat(held, QUARANTINE_SCHEMA)
        counts = pipeline.count_run(len(articles), plan, failures, facts, quarantine)
        load(
            db,
            run_id,
            pipeline.all_articles(frames),
            facts,
            quarantine,
            pipeline.failures_table(failures),
            plan,
            counts,
        )
    except Exception as e:
        mark_failed(db, run_id, f"{type(e).__name__}: {e}")
        raise
    return {"run_id": run_id, **asdict(counts)}
