"""Extraction as score.py sees it: facts that would be loaded, one JSON object per fact, each
named by the file it came from. Used by `make eval` and the score tests."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import polars as pl

from ingest.extract.batch import extract_batch
from ingest.read.files import RawArticle, ReadFailure
from ingest.read.frames import articles_frame
from ingest.read.plan import plan_run
from ingest.run.batch import read_batch
from ingest.settings import Settings
from ingest.validate.facts import validate_facts


def read_sources(paths: Sequence[str]) -> tuple[list[RawArticle], list[ReadFailure]]:
    """Every article under `paths` (files and folders), and what could not be read."""
    plan = plan_run(
        paths, pl.DataFrame(schema={"path": pl.String, "size": pl.Int64, "mtime_ns": pl.Int64}), 10**9
    )
    articles: list[RawArticle] = []
    failures = list(plan.missing)
    for batch in plan.batches:
        got, bad = read_batch(batch)
        articles.extend(got)
        failures.extend(bad)
    return articles, failures


def batches(articles: Sequence[RawArticle], size: int) -> list[pl.DataFrame]:
    """Articles in frames of `size` (for evaluation)."""
    return [articles_frame(articles[i : i + size]) for i in range(0, len(articles), size)]


def predictions(folder: str | Path) -> list[dict[str, object]]:
    """The facts newsfacts would load from the articles in `folder` (quarantined ones left out)."""
    articles, _ = read_sources([str(folder)])
    names = {a.article_id: Path(a.source.split("#")[0]).name for a in articles}
    out: list[dict[str, object]] = []
    for frame in batches(articles, Settings.batch_size):
        facts, _ = validate_facts(extract_batch(frame, "evaluation"))
        for row in facts.with_columns(pl.col("event_date").cast(pl.String)).iter_rows(named=True):
            row["article"] = names[row["article_id"]]
            out.append(row)
    return out


def write_predictions(folder: str | Path, out: Path) -> int:
    rows = predictions(folder)
    with out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(rows)
