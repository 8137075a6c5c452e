"""The stages of a run as plain functions, so the Prefect flow only orchestrates and tests can
call each stage directly."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import polars as pl

from ingest import progress
from ingest.frames import articles_frame, failures_frame
from ingest.load import Plan, RunCounts
from ingest.read import RawArticle, ReadFailure, discover, read_files


def read_sources(paths: Sequence[str]) -> tuple[list[RawArticle], list[ReadFailure]]:
    """Every article under `paths`, and every file or line that could not be read."""
    files, failures = discover(paths)
    progress.start("read", len(files))
    articles: list[RawArticle] = []
    for item in read_files(_counted(files)):
        if isinstance(item, ReadFailure):
            failures.append(item)
        else:
            articles.append(item)
    return articles, failures


def _counted(files: list[Path]) -> Iterator[Path]:
    for f in files:
        yield f
        progress.advance("read")


def batches(articles: Sequence[RawArticle], size: int) -> list[pl.DataFrame]:
    """Articles in frames of `size`: the unit of work of one extraction task."""
    return [articles_frame(articles[i : i + size]) for i in range(0, len(articles), size)]


def count_run(
    n_read: int, plan: Plan, failures: Sequence[ReadFailure], facts: pl.DataFrame, quarantine: pl.DataFrame
) -> RunCounts:
    by_check = quarantine.group_by("check_name").len().sort("len", descending=True)
    return RunCounts(
        articles_read=n_read + len(failures),
        articles_new=len(plan.new),
        articles_unchanged=plan.unchanged,
        articles_changed=len(plan.replaced),
        articles_failed=len(failures),
        facts_loaded=facts.height,
        facts_quarantined=quarantine.get_column("fact_id").n_unique() if quarantine.height else 0,
        quarantined_by_check=dict(by_check.iter_rows()),
        failures=[(f.source, f.reason) for f in failures],
    )


def concat(frames: Sequence[pl.DataFrame], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    return pl.concat(frames, how="vertical") if frames else pl.DataFrame(schema=schema)


def all_articles(frames: Sequence[pl.DataFrame]) -> pl.DataFrame:
    return pl.concat(frames, how="vertical") if frames else articles_frame([])


def failures_table(failures: Sequence[ReadFailure]) -> pl.DataFrame:
    return failures_frame(failures)
