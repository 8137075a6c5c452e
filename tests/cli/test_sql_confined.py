"""`newsfacts sql` reads the warehouse and nothing else: no statement writes a file, reaches
another database, installs an extension or touches the network (issue 15, item 1)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.store.connection import writer


def newsfacts(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent / "newsfacts"
    return subprocess.run(
        [str(exe), *args], capture_output=True, text=True, env=dict(os.environ), cwd=cwd, timeout=120
    )


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A migrated warehouse with one article, beside another warehouse with one fact."""
    with writer(tmp_path / "wh.duckdb") as con:
        con.execute(
            "insert into articles (article_id, source, date_precision, text, n_chars, run_id) "
            "values ('a1', 'in/a.txt', 'unknown', 'text', 4, 'r1')"
        )
    with writer(tmp_path / "other.duckdb"):
        pass
    return tmp_path


STATEMENTS = {
    "copy-over-the-warehouse": "copy (select 'gone' as x) to '{wh}' (format csv)",
    "copy-elsewhere": "copy (select 1 as x) to '{dir}/leak.csv' (format csv)",
    "attach-read-write": "attach '{other}' as o (read_only false)",
    "export-database": "export database '{dir}/exported'",
    "install-extension": "install httpfs",
    "read-over-http": "select * from read_csv('http://127.0.0.1:1/x')",
    "read-a-local-file": "select * from read_text('/etc/hostname')",
}



@pytest.mark.parametrize("statement", STATEMENTS.values(), ids=STATEMENTS.keys())
def test_sql_refuses_every_statement_that_reaches_outside_the_warehouse(folder: Path, statement: str) -> None:
    wh, other = folder / "wh.duckdb", folder / "other.duckdb"
    before = {p.name: _digest(p) for p in (wh, other)}
    sql = statement.format(wh=wh, other=other, dir=folder)
    done = newsfacts("sql", sql, "--db", str(wh), cwd=folder)
    assert done.returncode == 1, done.stdout
    assert done.stderr.startswith("error: ") and done.stderr.count("\n") == 1, done.stderr
    assert "reads this warehouse only" in done.stderr  # refused by the confinement, not by chance
    assert "Traceback" not in done.stderr
    assert {p.name: _digest(p) for p in (wh, other)} == before
    assert sorted(p.name for p in folder.iterdir()) == ["other.duckdb", "wh.duckdb"]
    count = newsfacts("sql", "select count(*) n from articles", "--format", "json", "--db", str(wh), cwd=folder)
    assert json.loads(count.stdout) == [{"n": 1}]


def test_sql_cannot_lift_the_confinement(folder: Path) -> None:
    wh = str(folder / "wh.duckdb")
    done = newsfacts("sql", "set enable_external_access = true", "--db", wh, cwd=folder)
    assert done.returncode == 1 and "locked" in done.stderr and done.stderr.count("\n") == 1, done.stderr


def test_queries_views_failures_and_runs_still_work_on_the_confined_connection(folder: Path) -> None:
    wh = str(folder / "wh.duckdb")
    done = newsfacts("sql", "select source from articles", "--format", "json", "--db", wh, cwd=folder)
    assert json.loads(done.stdout) == [{"source": "in/a.txt"}]
    view = newsfacts("sql", "select count(*) n from open_failures", "--format", "json", "--db", wh, cwd=folder)
    assert json.loads(view.stdout) == [{"n": 0}], view.stderr
    for command in ("failures", "runs"):
        done = newsfacts(command, "--db", wh, cwd=folder)
        assert done.returncode == 0, done.stderr
