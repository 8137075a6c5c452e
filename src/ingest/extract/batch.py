"""Extraction over a batch of articles: a frame of articles in, a frame of candidate facts out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl

from ingest.extract.article.reader import EXTRACTOR_VERSION, extract_article
from ingest.extract.article.rows import fact_id
from ingest.extract.dates import ArticleDate, latest_day
from schemas.frames import CANDIDATE_SCHEMA


def extract_batch(
    articles: pl.DataFrame, run_id: str, after_each: Callable[[], None] | None = None
) -> pl.DataFrame:
    """Candidate facts (FactCandidateModel columns) for every article in the frame; `after_each`
    is called once an article is done (the run's progress)."""
    cols: dict[str, list[Any]] = {c: [] for c in CANDIDATE_SCHEMA}
    for a in articles.select("article_id", "text", "published_at", "date_precision", "title_end").iter_rows():
        article_id, text, published, precision, title_end = a
        until = latest_day(published, precision)
        for row in extract_article(text, ArticleDate(published, precision), title_end or 0):
            row["article_id"] = article_id
            row["fact_id"] = fact_id(article_id, row)
            row["extractor_version"] = EXTRACTOR_VERSION
            row["run_id"] = run_id
            row["origin"] = "extracted"
            row["decision_id"] = None
            row["published_until"] = until
            row["article_text"] = text
            for c in CANDIDATE_SCHEMA:
                cols[c].append(row[c])
        if after_each is not None:
            after_each()
    frame = pl.DataFrame(cols, schema=CANDIDATE_SCHEMA)
    # the same fact read twice from one article (two phrasings, same place and day) is one row
    return frame.unique(subset=["fact_id"], keep="first", maintain_order=True)
