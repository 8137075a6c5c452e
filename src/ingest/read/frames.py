"""What the read stage hands on, as typed frames: articles and the sources that failed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl

from ingest.read.files import RawArticle, ReadFailure
from schemas.frames import ARTICLE_SCHEMA, FAILURE_SCHEMA


def articles_frame(articles: Sequence[RawArticle]) -> pl.DataFrame:
    """RawArticles as a frame of ArticleModel columns plus `title_end` for the extractor."""
    data: dict[str, list[Any]] = {c: [] for c in ARTICLE_SCHEMA}
    ends: list[int] = []
    for a in articles:
        for c in ARTICLE_SCHEMA:
            data[c].append(len(a.text) if c == "n_chars" else getattr(a, c))
        ends.append(a.title_end)
    frame = pl.DataFrame(data, schema=ARTICLE_SCHEMA)
    return frame.with_columns(pl.Series("title_end", ends, dtype=pl.Int64))


def failures_frame(failures: Sequence[ReadFailure]) -> pl.DataFrame:
    """ReadFailures as a frame of ReadFailureModel columns."""
    return pl.DataFrame(
        {c: [getattr(f, c) for f in failures] for c in FAILURE_SCHEMA},
        schema=FAILURE_SCHEMA,
    )
