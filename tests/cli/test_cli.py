"""The `newsfacts` command as a user types it: a real process, a real warehouse."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import write

pytestmark = pytest.mark.flow

ARTICLE = """\
 date 2025-06-02 Russia launched 40 drones at the Odesa region overnight, the Ukrainian air force said.
Air defences shot down 55 of them, according to the same statement.

Two people were injured in Odesa, regional governor Ivan Petrenko said.
"""


def newsfacts(*args: str, db: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSFACTS_DB": str(db)} if db else dict(os.environ)
    exe = Path(sys.executable).parent / "newsfacts"
    return subprocess.run([str(exe), *args], capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli")
    write(root / "in", "attack.txt", ARTICLE)
    (root / "in" / "empty.txt").write_text("")
    db = root / "wh.duckdb"
    done = newsfacts("run", str(root / "in"), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "articles: 2 read, 1 new, 0 unchanged, 0 replaced, 1 failed" in done.stdout
    assert "empty.txt: empty file" in done.stdout
    assert "drones_intercepted_within_launched: 1" in done.stdout
    return db


def test_sql_prints_csv_with_a_header_row(loaded: Path) -> None:
    done = newsfacts("sql", "select metric, value from facts order by metric", "--format", "csv", db=loaded)
    assert done.returncode == 0, done.stderr
    assert list(csv.reader(io.StringIO(done.stdout))) == [
        ["metric", "value"],
        ["drones_launched", "40"],
        ["injured", "2"],
    ]


def test_sql_prints_json_rows(loaded: Path) -> None:
    done = newsfacts("sql", "select count(*) as n from facts", "--format", "json", db=loaded)
    assert json.loads(done.stdout) == [{"n": 2}]


def test_sql_cannot_change_the_warehouse(loaded: Path) -> None:
    done = newsfacts("sql", "delete from facts", db=loaded)
    assert done.returncode == 1
    assert "read-only" in done.stderr and "Traceback" not in done.stderr
    assert json.loads(
        newsfacts("sql", "select count(*) n from facts", "--format", "json", db=loaded).stdout
    ) == [{"n": 2}]


def test_bad_sql_is_one_clear_line(loaded: Path) -> None:
    done = newsfacts("sql", "select * from no_such_table", db=loaded)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "no_such_table" in done.stderr


def test_failures_as_json_carry_the_fact_and_the_reason(loaded: Path) -> None:
    done = newsfacts("failures", "--format", "json", db=loaded)
    (item,) = json.loads(done.stdout)
    assert {"id", "check", "message", "status", "article_id", "fact"} <= item.keys()
    assert item["check"] == "drones_intercepted_within_launched"
    assert item["status"] == "open"
    assert item["fact"]["metric"] == "drones_intercepted" and item["fact"]["value"] == 55


def test_failures_table_names_the_check(loaded: Path) -> None:
    done = newsfacts("failures", db=loaded)
    assert "drones_intercepted_within_launched" in done.stdout
    assert "1 open failure" in done.stdout


def test_a_missing_warehouse_is_one_sentence(tmp_path: Path) -> None:
    done = newsfacts("sql", "select 1", "--db", str(tmp_path / "none.duckdb"))
    assert done.returncode == 1
    assert "no warehouse at" in done.stderr and "Traceback" not in done.stderr


def test_run_on_a_path_that_does_not_exist_fails_clearly(tmp_path: Path) -> None:
    done = newsfacts("run", str(tmp_path / "nowhere"), "--db", str(tmp_path / "x.duckdb"))
    assert done.returncode == 2
    assert "no such file or folder" in done.stderr


def test_a_runs_progress_in_a_pipe_is_lines_with_its_stages_in_order(tmp_path: Path) -> None:
    for i in range(250):
        write(
            tmp_path / "in",
            f"a{i:04d}.txt",
            f" date 2025-06-{i % 28 + 1:02d} Russia launched {40 + i} drones at the Odesa region "
            f"overnight, the Ukrainian air force said. Air defences shot down {i % 40} of them.\n",
        )
    done = newsfacts("run", str(tmp_path / "in"), "--db", str(tmp_path / "wh.duckdb"), "--batch-size", "100")
    assert done.returncode == 0, done.stderr

    lines = done.stderr.splitlines()
    assert "Prefect" in lines[0]  # at once, before Prefect starts
    shown = [line for line in lines if " articles (" in line]
    assert "\r" not in done.stderr and "\x1b" not in done.stderr  # no bar redrawn in place, no colours
    first: list[str] = []  # each stage, in the order it was first at work
    for line in shown:
        first += [s for s in line.split(": ", 1)[0].split(", ") if s not in first]
    assert first == ["read", "extract", "validate", "load"]
    assert shown[-1] == "load: 250/250 articles (100%)"
    assert len(shown) <= 20  # a line per tenth and per stage, not one per update
