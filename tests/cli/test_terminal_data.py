"""Data printed by the CLI is shown as it is: never read as Rich markup or emoji codes, control
characters escaped (issue 15, item 8). SQL results, titles and evidence in `failures`, runs."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.store.connection import writer

HOSTILE = "[/x] [bold]x root:x:0:0 \x1b[31mred"
SHOWN = "[/x] [bold]x root:x:0:0 \\x1b[31mred"


def newsfacts(*args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent / "newsfacts"
    env = {**os.environ, "COLUMNS": "400"}
    return subprocess.run([str(exe), *args], capture_output=True, text=True, env=env, timeout=300)


def _literal(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "\x1b" not in done.stdout + done.stderr
    assert "❌" not in done.stdout


@pytest.mark.parametrize(
    "value", ["[/x]", "[bold]x", "root:x:0:0", ":thumbs_up:", "\x1b[2J\x1b[31mred", "\x9b31mred"], ids=repr
)
def test_sql_prints_values_literally(tmp_path: Path, value: str) -> None:
    db = tmp_path / "wh.duckdb"
    with writer(db):
        pass
    literal = "'" + value.replace("\x1b", "' || chr(27) || '").replace("\x9b", "' || chr(155) || '") + "'"
    done = newsfacts("sql", f'select {literal} as "[bold]col"', "--db", str(db))
    _literal(done)
    assert "[bold]col" in done.stdout and "\x9b" not in done.stdout
    # DuckDB's box shows ESC as \e itself; what it leaves (C1 controls) is escaped as \x9b
    shown = value.replace("\x1b", "\\e").replace("\x9b", "\\x9b")
    assert shown in done.stdout


def test_a_query_error_holding_markup_is_one_literal_line(tmp_path: Path) -> None:
    db = tmp_path / "wh.duckdb"
    with writer(db):
        pass
    done = newsfacts("sql", "select * from \"[/x]\"", "--db", str(db))
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "[/x]" in done.stderr, done.stderr


@pytest.mark.flow
def test_failures_and_runs_print_titles_evidence_and_errors_literally(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    record = {
        "title": f"Odesa {HOSTILE}",
        "published": "2025-06-02",
        "text": "Russia launched 40 drones at the Odesa region overnight, the Ukrainian air force said. "
        f"Air defences shot down 55 of them, the force said ({HOSTILE}).",
    }
    (folder / "wire.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = tmp_path / "wh.duckdb"
    run = newsfacts("run", str(folder), "--db", str(db))
    assert run.returncode == 0, run.stderr
    failures = newsfacts("failures", "--db", str(db))
    _literal(failures)
    assert f"from: Odesa {SHOWN}" in failures.stdout
    assert f"({SHOWN})" in failures.stdout  # the evidence sentence
    with writer(db) as con:
        con.execute(
            "insert into runs (run_id, started_at, ended_at, status, sources, error) values "
            "('r-hostile', ?, ?, 'failed', ?, ?)",
            [dt.datetime(2025, 1, 1), dt.datetime(2025, 1, 1, 0, 1), HOSTILE, HOSTILE],
        )
    runs = newsfacts("runs", "--db", str(db))
    _literal(runs)
    assert runs.stdout.count(SHOWN[:-5]) == 2, runs.stdout  # its sources (cut short) and its error
