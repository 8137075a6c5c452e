"""Articles as read from files and feeds, where each was read, the files read, and the files
that could not be read. Each frame model has a table model: the same columns plus what the load
adds (the run that loaded the row, and when)."""

from __future__ import annotations

import datetime as dt

import pandera.polars as pa

from schemas.vocabulary import DATE_PRECISIONS


class ArticleModel(pa.DataFrameModel):
    """One article: its id is a hash of its normalised text, so one story in two files is one row."""

    article_id: str = pa.Field(unique=True, str_length={"min_value": 16, "max_value": 16})
    source: str
    url: str = pa.Field(nullable=True)
    title: str = pa.Field(nullable=True)
    published_at: dt.date = pa.Field(nullable=True)
    date_precision: str = pa.Field(isin=DATE_PRECISIONS)
    text: str = pa.Field(str_length={"min_value": 1})
    n_chars: int = pa.Field(ge=1)

    class Config:
        strict = True
        coerce = True


class ReadFailureModel(pa.DataFrameModel):
    """A file, line or page that could not be read, with the reason a person can act on."""

    source: str
    reason: str

    class Config:
        strict = True
        coerce = True


class SourceModel(pa.DataFrameModel):
    """Where an article was read from: a path, a JSONL line (`file#L3`) or a URL."""

    source: str
    file: str  # the file (or URL) the source lives in
    article_id: str

    class Config:
        strict = True
        coerce = True


class FileModel(pa.DataFrameModel):
    """A file as last read: an unchanged size and mtime means it need not be read again."""

    path: str = pa.Field(unique=True)
    size: int = pa.Field(ge=0)
    mtime_ns: int

    class Config:
        strict = True
        coerce = True


class ArticleTableModel(ArticleModel):
    """The `articles` table: an article as loaded, with the run that loaded it."""

    run_id: str
    loaded_at: dt.datetime

    class Config:
        strict = True
        coerce = True


class ArticleSourceTableModel(SourceModel):
    """The `article_sources` table: every place an article was read from, first seen by `run_id`."""

    run_id: str
    seen_at: dt.datetime

    class Config:
        strict = True
        coerce = True


class FileTableModel(FileModel):
    """The `files` table: each file as the last run that read it found it."""

    run_id: str

    class Config:
        strict = True
        coerce = True


class ReadFailureTableModel(ReadFailureModel):
    """The `read_failures` table: what each run could not read, and why."""

    run_id: str
    failed_at: dt.datetime

    class Config:
        strict = True
        coerce = True
