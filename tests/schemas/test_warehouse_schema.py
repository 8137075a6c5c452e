"""The SQL tables and the pandera models declare the same columns, and migrations are guarded."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from ingest.errors import WarehouseError
from ingest.store.connection import SCHEMA_VERSION, reader, writer
from schemas.articles import ArticleModel
from schemas.facts import FACT_COLUMNS
from schemas.quarantine import QUARANTINE_COLUMNS


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
