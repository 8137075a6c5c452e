"""The warehouse opens in DuckDB 1.x tools: a new file is written in storage version v1.4.0
(issue 14, item 3), and warehouses written in DuckDB 2's own format keep working."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import rows, write

from ingest.store.connection import writer

BIN = Path(sys.executable).parent
ARTICLE = """\
    Russia launched 40 drones at the Odesa region overnight on 2 June 2025, the Ukrainian air force said.
    Two people were injured in Odesa, regional governor Ivan Petrenko said.
    """


def duckdb_cli(db: Path, sql: str) -> subprocess.CompletedProcess[str]:
    """The `duckdb` shell of the duckdb-cli 1.5.6 package (a dev dependency), read-only."""
    return subprocess.run(
        [str(BIN / "duckdb"), "-readonly", "-csv", "-noheader", str(db), "-c", sql],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_duckdb_shell_is_version_1() -> None:
    done = subprocess.run([str(BIN / "duckdb"), "--version"], capture_output=True, text=True, timeout=60)
    assert done.stdout.startswith("v1."), done.stdout


@pytest.mark.flow
def test_a_warehouse_made_by_a_run_opens_in_the_duckdb_1_shell(tmp_path: Path) -> None:
    write(tmp_path / "in", "attack.txt", ARTICLE)
    db = tmp_path / "wh.duckdb"
    done = subprocess.run(
        [str(BIN / "newsfacts"), "run", str(tmp_path / "in"), "--db", str(db)],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    (n_facts,) = rows(db, "select count(*) from facts")[0]
    assert n_facts >= 2
    shell = duckdb_cli(db, "select count(*) from facts")
    assert shell.returncode == 0, shell.stderr
    assert shell.stdout.strip() == str(n_facts)


def test_latest_is_a_setting_and_such_a_warehouse_keeps_working(tmp_path: Path) -> None:
    db = tmp_path / "latest.duckdb"
    with writer(db, storage_version="latest") as con:
        con.execute("insert into runs (run_id, started_at, status) values ('r1', now(), 'completed')")
    assert "version number" in duckdb_cli(db, "select 1").stderr  # DuckDB 2's own format
    with writer(db) as con:  # opened again with the default: it keeps its format and its rows
        con.execute("insert into runs (run_id, started_at, status) values ('r2', now(), 'completed')")
    assert rows(db, "select count(*) from runs") == [(2,)]
    assert "version number" in duckdb_cli(db, "select 1").stderr


def test_a_new_warehouse_is_written_in_storage_version_1_4(tmp_path: Path) -> None:
    db = tmp_path / "wh.duckdb"
    with writer(db):
        pass
    assert rows(db, "select tags['storage_version'] from duckdb_databases() where database_name = 'wh'") == [
        ("v1.4.0+",)
    ]
    assert duckdb_cli(db, "select count(*) from schema_version").stdout.strip().isdigit()
