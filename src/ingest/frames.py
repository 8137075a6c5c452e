"""Typed polars frames for each table, their dtypes derived from the pandera models."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandera.polars as pa
import polars as pl

from ingest.read.files import RawArticle, ReadFailure
from schemas import ArticleModel, FactCandidateModel, FactModel, QuarantineModel, ReadFailureModel


def polars_schema(model: type[pa.DataFrameModel]) -> dict[str, pl.DataType]:
    """Column name -> polars dtype, as the pandera model declares it."""
    return {name: col.dtype.type for name, col in model.to_schema().columns.items()}


ARTICLE_SCHEMA = polars_schema(ArticleModel)
FACT_SCHEMA = polars_schema(FactModel)
CANDIDATE_SCHEMA = polars_schema(FactCandidateModel)
QUARANTINE_SCHEMA = polars_schema(QuarantineModel)
FAILURE_SCHEMA = polars_schema(ReadFailureModel)


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
    return pl.DataFrame(
        {"source": [f.source for f in failures], "reason": [f.reason for f in failures]},
        schema=FAILURE_SCHEMA,
    )
