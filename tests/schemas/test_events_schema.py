"""The events tables declare the columns and types of their pandera models (schemas/events.py)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from ingest.store.connection import reader, writer
from schemas.events import EventFactModel, EventModel, EventValueModel
from schemas.frames import polars_schema

# DuckDB type of each polars dtype the models use
SQL_TYPE = {pl.String: "VARCHAR", pl.Int64: "BIGINT", pl.Date: "DATE", pl.Boolean: "BOOLEAN"}


@pytest.mark.parametrize(
    ("table", "model"),
    [("events", EventModel), ("event_values", EventValueModel), ("event_facts", EventFactModel)],
)
def test_event_tables_have_the_columns_and_types_the_models_declare(
    db: Path, table: str, model: type
) -> None:
    with writer(db):
        pass
    with reader(db) as con:
        declared = con.execute(
            "select column_name, data_type, is_nullable = 'YES' from information_schema.columns "
            "where table_name = ? order by ordinal_position",
            [table],
        ).fetchall()
    schema = model.to_schema()
    expected = [
        (name, SQL_TYPE[dtype], schema.columns[name].nullable) for name, dtype in polars_schema(model).items()
    ]
    assert declared == expected
