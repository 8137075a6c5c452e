"""The warehouse's bookkeeping: the runs that loaded it, the web pages they fetched, and the
schema version its migrations reached."""

from __future__ import annotations

import datetime as dt

import pandera.polars as pa
import polars as pl

from schemas.vocabulary import WEB_KINDS

# running | completed | failed | died (killed mid-run) | skipped (another run held the warehouse)
# | cancelled (stopped by SIGINT or SIGTERM before its load committed)
RUN_STATUSES = ("running", "completed", "failed", "died", "skipped", "cancelled")


class RunModel(pa.DataFrameModel):
    """The `runs` table: what each run was asked to read, what it read, loaded and rejected, and
    how it ended. The counters a run keeps while it works are `RUN_COUNT_COLUMNS`."""

    run_id: str = pa.Field(unique=True)  # the Prefect flow run id
    started_at: dt.datetime
    ended_at: dt.datetime = pa.Field(nullable=True)
    status: str = pa.Field(isin=RUN_STATUSES)
    sources: str = pa.Field(nullable=True)  # what the run was asked to read
    articles_read: int = pa.Field(ge=0)
    articles_new: int = pa.Field(ge=0)
    articles_unchanged: int = pa.Field(ge=0)
    articles_changed: int = pa.Field(ge=0)
    articles_failed: int = pa.Field(ge=0)
    facts_loaded: int = pa.Field(ge=0)
    facts_quarantined: int = pa.Field(ge=0)
    extractor_version: str = pa.Field(nullable=True)
    error: str = pa.Field(nullable=True)
    source: str = pa.Field(nullable=True)  # the config's source name; null for `newsfacts run`
    pages_fetched: int = pa.Field(ge=0)  # feeds and pages downloaded (HTTP 200)
    pages_not_modified: int = pa.Field(ge=0)  # answered 304: the kept copy was used
    pages_known: int = pa.Field(ge=0)  # feed entries already in the warehouse: not requested
    requested_at: dt.datetime = pa.Field(nullable=True)  # when the command asking for it began (UTC)

    class Config:
        strict = True
        coerce = True


class WebCacheModel(pa.DataFrameModel):
    """A URL as last fetched: its validators (ETag, Last-Modified) and where its body is kept."""

    url: str = pa.Field(unique=True)
    kind: str = pa.Field(isin=WEB_KINDS)
    etag: str = pa.Field(nullable=True)
    last_modified: str = pa.Field(nullable=True)
    cache_file: str
    status: pl.Int32  # the last HTTP status (200 or 304)

    class Config:
        strict = True
        coerce = True


class WebCacheTableModel(WebCacheModel):
    """The `web_cache` table: one row per URL ever fetched, stamped with the last run that did."""

    fetched_at: dt.datetime  # UTC
    run_id: str

    class Config:
        strict = True
        coerce = True


CHECK_LEVELS = ("fact", "event")


class RunCheckModel(pa.DataFrameModel):
    """The `run_checks` table: how many rows each check of a run looked at and how many failed it."""

    run_id: str
    check_name: str
    level: str = pa.Field(isin=CHECK_LEVELS)  # a fact check, or a check of an event's kept values
    rows_checked: int = pa.Field(ge=0)
    rows_failed: int = pa.Field(ge=0)

    class Config:
        strict = True
        coerce = True


class ScheduledSourceModel(pa.DataFrameModel):
    """The `scheduled_sources` table: the ticks of a configured source that found nothing new to
    read, counted here instead of each being a row of `runs`."""

    source: str = pa.Field(unique=True)  # the config's source name (runs.source)
    idle_ticks: int = pa.Field(ge=1)
    last_idle_at: dt.datetime  # UTC: when the last of them ended
    last_idle_run_id: str  # its Prefect flow run id

    class Config:
        strict = True
        coerce = True


class SchemaVersionModel(pa.DataFrameModel):
    """The `schema_version` table: one row per migration applied."""

    version: pl.Int32 = pa.Field(unique=True)
    name: str = pa.Field(nullable=True)
    applied_at: dt.datetime = pa.Field(nullable=True)

    class Config:
        strict = True
        coerce = True


RUN_COLUMNS: tuple[str, ...] = tuple(RunModel.to_schema().columns)
# the counts a run accumulates as it works and records when it completes
RUN_COUNT_COLUMNS: tuple[str, ...] = tuple(c for c in RUN_COLUMNS if c.startswith(("articles_", "facts_")))
