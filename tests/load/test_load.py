"""The load's inserts (warehouse/queries/load.sql): new rows only, each id once, in one call."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl
import pytest

from ingest.load.run import _one_thread, load_run, start_run
from ingest.read.plan import plan_run
from ingest.run.staging import Staging
from ingest.run.worker import process_and_stage
from ingest.store.counts import RunCounts
from schemas.frames import FILE_SCHEMA

TEXT = (
    "Russia launched 40 drones at Kharkiv overnight, the Ukrainian air force said. Air defences shot down 31."
)


def _run(db: Path, run_id: str, folder: Path) -> RunCounts:
    """A run without Prefect: plan one article a batch, stage every batch, load."""
    staging = Staging(db, run_id)
    try:
        start_run(db, run_id, str(folder), "test", staging.known)
        plan = plan_run([str(folder)], pl.DataFrame(schema=FILE_SCHEMA), batch_size=1)
        for batch in plan.batches:
            staging.note(process_and_stage(batch, staging.root, run_id))
        return load_run(db, run_id, staging, plan.files, RunCounts())
    finally:
        staging.remove()


def _count(db: Path, table: str) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute(f"select count(*) from {table}").fetchone()
    return int(row[0]) if row else 0


def test_one_text_in_two_batches_and_in_the_warehouse_loads_once(tmp_path: Path) -> None:
    folder, db = tmp_path / "in", tmp_path / "w.duckdb"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT)
    (folder / "b.txt").write_text(TEXT)  # the same text from another file: one article, in another batch
    first = _run(db, "run-1", folder)
    assert (first.articles_new, first.facts_loaded) == (1, 2)
    assert (_count(db, "articles"), _count(db, "facts")) == (1, 2)
    with duckdb.connect(str(db), read_only=True) as con:  # the first batch's, not either
        assert con.execute("select source from articles").fetchall() == [(str(folder / "a.txt"),)]
    (folder / "c.txt").write_text(TEXT)  # and once more, with both already in the warehouse
    again = _run(db, "run-2", folder)
    assert (again.articles_new, again.facts_loaded) == (0, 0)
    assert (_count(db, "articles"), _count(db, "facts"), _count(db, "article_sources")) == (1, 2, 3)


def test_the_articles_go_in_on_one_thread_and_the_setting_comes_back(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        con.execute("set threads = 3")
        with _one_thread(con):
            assert _threads(con) == 1
        assert _threads(con) == 3
        with pytest.raises(RuntimeError), _one_thread(con):
            raise RuntimeError("an insert failed")
        assert _threads(con) == 3


def _threads(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("select current_setting('threads')").fetchone()
    return int(row[0]) if row else 0
