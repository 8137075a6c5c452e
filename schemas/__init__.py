"""Pandera models: the one place where the warehouse's table columns and checks are declared."""

import pandera.polars as pa

from schemas.articles import (
    ArticleModel,
    ArticleSourceTableModel,
    ArticleTableModel,
    FileModel,
    FileTableModel,
    ReadFailureModel,
    ReadFailureTableModel,
    SourceModel,
)
from schemas.events import EventFactModel, EventInputModel, EventModel, EventValueModel
from schemas.facts import FactCandidateModel, FactModel
from schemas.quarantine import DecisionModel, QuarantineModel, QuarantineTableModel
from schemas.runs import (
    RunCheckModel,
    RunModel,
    ScheduledSourceModel,
    SchemaVersionModel,
    WebCacheModel,
    WebCacheTableModel,
)
from schemas.vocabulary import FACT_KINDS, METRICS, QUALIFIERS

# Every table of the migrated warehouse and the model that declares its columns
# (tests/schemas/test_warehouse_schema.py holds the SQL to these).
TABLES: dict[str, type[pa.DataFrameModel]] = {
    "schema_version": SchemaVersionModel,
    "runs": RunModel,
    "articles": ArticleTableModel,
    "article_sources": ArticleSourceTableModel,
    "files": FileTableModel,
    "facts": FactModel,
    "quarantine": QuarantineTableModel,
    "read_failures": ReadFailureTableModel,
    "decisions": DecisionModel,
    "events": EventModel,
    "event_values": EventValueModel,
    "event_facts": EventFactModel,
    "event_inputs": EventInputModel,
    "web_cache": WebCacheTableModel,
    "run_checks": RunCheckModel,
    "scheduled_sources": ScheduledSourceModel,
}

__all__ = [
    "FACT_KINDS",
    "METRICS",
    "QUALIFIERS",
    "TABLES",
    "ArticleModel",
    "ArticleSourceTableModel",
    "ArticleTableModel",
    "DecisionModel",
    "FactCandidateModel",
    "FactModel",
    "FileModel",
    "FileTableModel",
    "QuarantineModel",
    "QuarantineTableModel",
    "ReadFailureModel",
    "ReadFailureTableModel",
    "RunCheckModel",
    "RunModel",
    "ScheduledSourceModel",
    "SchemaVersionModel",
    "SourceModel",
    "WebCacheModel",
    "WebCacheTableModel",
]
