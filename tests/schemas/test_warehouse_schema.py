"""The SQL tables and the pandera models declare the same columns, and migrations are guarded."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandera.polars as pa
import polars as pl
import pytest

from ingest.errors import WarehouseError
from ingest.store.connection import SCHEMA_VERSION, reader, writer
from ingest.store.counts import RunCounts
from schemas import TABLES
from schemas.articles import ArticleModel
from schemas.facts import FACT_COLUMNS
from schemas.frames import polars_schema
from schemas.quarantine import QUARANTINE_COLUMNS
from schemas.runs import RUN_COUNT_COLUMNS

# DuckDB type of each polars dtype the models use
SQL_TYPE = {
    pl.String: "VARCHAR",
    pl.Int64: "BIGINT",
    pl.Int32: "INTEGER",
    pl.Date: "DATE",
    pl.Datetime: "TIMESTAMP",
    pl.Boolean: "BOOLEAN",
}


def columns(db: Path, table: str) -> list[str]:
    with reader(db) as con:
        return [
            r[0]
            for r in con.execute(
                "select column_name from information_schema.columns where table_name = ? order by ordinal_position",
                [table],
            ).fetchall()
        ]


def test_tables_have_the_columns_the_models_declare(db: Path) -> None:
    with writer(db):
        pass
    assert columns(db, "facts") == list(FACT_COLUMNS)
    assert columns(db, "quarantine")[: len(QUARANTINE_COLUMNS)] == list(QUARANTINE_COLUMNS)
    article_cols = list(ArticleModel.to_schema().columns)
    assert columns(db, "articles")[: len(article_cols)] == article_cols


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("schema") / "wh.duckdb"
    with writer(db):
        pass
    return db


def tables(db: Path) -> list[str]:
    with reader(db) as con:
        return [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables "
                "where table_schema = 'main' and table_type = 'BASE TABLE' order by table_name"
            ).fetchall()
        ]


def test_every_table_of_the_warehouse_has_a_model(migrated: Path) -> None:
    assert sorted(TABLES) == tables(migrated)


@pytest.mark.parametrize("table", sorted(TABLES))
def test_a_table_has_the_columns_and_types_its_model_declares(migrated: Path, table: str) -> None:
    with reader(migrated) as con:
        declared = {
            name: (sql_type, nullable == "YES")
            for name, sql_type, nullable in con.execute(
                "select column_name, data_type, is_nullable from information_schema.columns "
                "where table_name = ? order by ordinal_position",
                [table],
            ).fetchall()
        }
    model: type[pa.DataFrameModel] = TABLES[table]
    columns = model.to_schema().columns
    expected = {name: SQL_TYPE[dtype.base_type()] for name, dtype in polars_schema(model).items()}
    assert {name: t for name, (t, _) in declared.items()} == expected
    # a model may refuse a null its table would take, never take one its table refuses
    looser = [name for name, (_, null_ok) in declared.items() if columns[name].nullable and not null_ok]
    assert looser == []


def test_a_runs_counters_are_the_runs_tables() -> None:
    assert tuple(k for k, v in vars(RunCounts()).items() if isinstance(v, int)) == RUN_COUNT_COLUMNS


def test_migrating_twice_is_a_no_op(db: Path) -> None:
    with writer(db):
        pass
    with writer(db) as con:
        assert con.execute("select count(*) from schema_version").fetchone() == (SCHEMA_VERSION,)


def test_a_warehouse_from_a_newer_schema_is_refused(db: Path) -> None:
    with writer(db) as con:
        con.execute("insert into schema_version (version, name) values (999, 'from the future')")
    with pytest.raises(WarehouseError, match="newer than this newsfacts"), reader(db):
        pass
    with pytest.raises(WarehouseError, match="upgrade newsfacts"), writer(db):
        pass


def test_a_file_that_is_not_a_warehouse_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("create table t (a int)")
    con.close()
    with pytest.raises(WarehouseError, match="not a newsfacts warehouse"), reader(other):
        pass
    junk = tmp_path / "junk.duckdb"
    junk.write_text("this is not a database")
    with pytest.raises(WarehouseError), reader(junk):
        pass
