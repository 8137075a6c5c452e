"""Polars dtypes of each frame, derived from the pandera models: frames are built with these, so
a column's name and type are written once, in its model."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from schemas.articles import ArticleModel, FileModel, ReadFailureModel, SourceModel
from schemas.facts import FactCandidateModel, FactModel
from schemas.quarantine import QuarantineModel
from schemas.runs import WebCacheModel


def polars_schema(model: type[pa.DataFrameModel]) -> dict[str, pl.DataType]:
    """Column name -> polars dtype, as the pandera model declares it."""
    return {name: col.dtype.type for name, col in model.to_schema().columns.items()}


ARTICLE_SCHEMA = polars_schema(ArticleModel)
SOURCE_SCHEMA = polars_schema(SourceModel)
FILE_SCHEMA = polars_schema(FileModel)
FAILURE_SCHEMA = polars_schema(ReadFailureModel)
FACT_SCHEMA = polars_schema(FactModel)
CANDIDATE_SCHEMA = polars_schema(FactCandidateModel)
QUARANTINE_SCHEMA = polars_schema(QuarantineModel)
WEB_CACHE_SCHEMA = polars_schema(WebCacheModel)
