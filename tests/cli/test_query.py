"""`newsfacts sql` and `newsfacts export` as an analyst uses them: a real warehouse file, the
real command in a subprocess."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from event_support import add, article, fact

from ingest.store.connection import writer

EXE = Path(sys.executable).parent / "newsfacts"
DAY = dt.date(2025, 6, 2)


def newsfacts(
    *args: str, stdin: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    return subprocess.run(
        [str(EXE), *args], capture_output=True, text=True, input=stdin, env=env, cwd=cwd, timeout=120
    )


@pytest.fixture(scope="module")
def wh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse of 30 made-up facts from three articles."""
    db = tmp_path_factory.mktemp("query") / "wh.duckdb"
    with writer(db) as con:
        add(
            con,
            [article(x, DAY) for x in "abc"],
            [fact(x, "drones_launched", 10 * n + i, on=DAY) for n, x in enumerate("abc") for i in range(10)],
        )
    return db


def test_sql_prints_duckdbs_own_box_with_types_right_aligned_numbers_and_rows_shown(wh: Path) -> None:
    done = newsfacts("sql", "select value, metric from facts order by value", "--db", str(wh))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("┌") and "int64" in lines[2] and "varchar" in lines[2]
    assert "│     0 │ drones_launched │" in done.stdout  # numbers right-aligned
    one = newsfacts("sql", "select 1 as n", "--db", str(wh)).stdout
    assert "│     1 │" in one and "rows" not in one
    long = newsfacts("sql", "select range as n from range(500)", "--db", str(wh)).stdout
    assert "500 rows (20 shown)" in " ".join(long.split())  # DuckDB's own footer, however it wraps
    assert "│        499 │" in long and "│        250 │" not in long


def test_sql_reads_the_statement_from_a_file_or_standard_input(wh: Path, tmp_path: Path) -> None:
    query = tmp_path / "count.sql"
    query.write_text("-- how many facts\nselect count(*) as n from facts;\n", encoding="utf-8")
    from_file = newsfacts("sql", "-f", str(query), "--db", str(wh), "--format", "json")
    assert from_file.returncode == 0, from_file.stderr
    assert json.loads(from_file.stdout) == [{"n": 30}]
    piped = newsfacts(
        "sql", "-", "--db", str(wh), "--format", "json", stdin="select count(*) as n from articles"
    )
    assert json.loads(piped.stdout) == [{"n": 3}]


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["select 1; select 2"], None, "error: one statement at a time, please: the SQL given holds 2"),
        (["-"], "-- nothing here\n", "error: no SQL statement given"),
        (
            [],
            None,
            "error: give one SQL statement, as an argument, as - (standard input) or with --file FILE",
        ),
        (["select 1", "-f", "x.sql"], None, "error: give one SQL statement, as an argument"),
    ],
    ids=["two statements", "only a comment", "none", "argument and file"],
)
def test_sql_runs_exactly_one_statement_or_says_so_in_one_line(
    wh: Path, args: list[str], stdin: str | None, message: str
) -> None:
    done = newsfacts("sql", *args, "--db", str(wh), stdin=stdin)
    assert done.returncode in (1, 2) and done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(message), done.stderr


def test_sql_imports_neither_polars_nor_prefect(wh: Path) -> None:
    script = (
        "import sys\nfrom ingest.cli.main import app\n"
        f"try:\n    app(['sql', 'select 1', '--db', {str(wh)!r}])\nexcept SystemExit:\n    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'polars', 'prefect', 'pandera'}))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout + done.stderr


def test_version_and_the_choices_of_format_and_status_are_in_the_help() -> None:
    version = newsfacts("--version")
    assert version.returncode == 0 and version.stdout.startswith("newsfacts ")
    assert "table|csv|json" in newsfacts("sql", "--help").stdout
    helped = newsfacts("failures", "--help").stdout
    assert "table|json" in helped and "open|accepted|rejected|corr" in helped
    assert "table|json" in newsfacts("runs", "--help").stdout
    bad = newsfacts("failures", "--status", "pending", "--db", "x.duckdb")
    assert bad.returncode == 2 and "pending" in bad.stderr


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".json", ".jsonl"])
def test_export_writes_a_table_a_view_or_a_query_to_a_file_duckdb_reads_back(
    wh: Path, tmp_path: Path, suffix: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for source, name, n in (
        ("facts", "facts", 30),
        ("articles", "arts", 3),
        ("select value from facts where value < 5", "q", 5),
    ):
        target = out / f"{name}{suffix}"
        done = newsfacts("export", source, "--to", str(target), "--db", str(wh))
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip().startswith(f"exported {n} row")
        back = duckdb.connect()
        reader = {
            ".parquet": "read_parquet",
            ".csv": "read_csv",
            ".json": "read_json",
            ".jsonl": "read_json",
        }[suffix]
        rows = back.execute(f"select count(*) from {reader}($p)", {"p": str(target)}).fetchone()
        assert rows == (n,)
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}{suffix}" for n in ("facts", "arts", "q"))
    if suffix == ".csv":
        with open(out / "q.csv", newline="") as fh:
            assert next(csv.reader(fh)) == ["value"]
    if suffix == ".json":
        assert isinstance(json.loads((out / "q.json").read_text()), list)


def test_export_replaces_a_file_only_with_force_and_names_what_is_wrong(wh: Path, tmp_path: Path) -> None:
    target = tmp_path / "facts.csv"
    target.write_text("keep me\n")
    held = newsfacts("export", "facts", "--to", str(target), "--db", str(wh))
    assert (
        held.returncode == 1 and held.stderr.strip() == f"error: {target} exists: pass --force to replace it"
    )
    assert target.read_text() == "keep me\n"
    assert newsfacts("export", "facts", "--to", str(target), "--force", "--db", str(wh)).returncode == 0
    assert "fact_id" in target.read_text().splitlines()[0].split(",")

    cases = {
        "nope": "error: unknown table or view 'nope': the warehouse has ",
        "select 1; select 2": "error: one statement at a time, please: the SQL given holds 2",
        "copy facts to 'x.csv'": "error: the query must be one that returns rows (or a table or view), not a copy statement",
        "select * from read_csv('/etc/passwd')": 'error: Permission Error: Cannot access file "/etc/passwd"',
    }
    for source, message in cases.items():
        done = newsfacts("export", source, "--to", str(tmp_path / "x.csv"), "--db", str(wh), cwd=tmp_path)
        assert done.returncode == 1 and done.stderr.startswith(message), (source, done.stderr)
        assert done.stderr.count("\n") == 1
    bad = newsfacts("export", "facts", "--to", str(tmp_path / "x.xlsx"), "--db", str(wh))
    assert (
        bad.stderr.strip()
        == f"error: cannot export to {tmp_path / 'x.xlsx'}: name a .parquet, .csv, .json, .jsonl file"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["facts.csv"]  # nothing else was written


def test_sql_in_a_folder_holding_the_default_warehouse_needs_no_db(wh: Path, tmp_path: Path) -> None:
    shutil.copy(wh, tmp_path / "newsfacts.duckdb")  # where `make demo` leaves it
    env = {k: v for k, v in os.environ.items() if k != "NEWSFACTS_DB"}
    done = subprocess.run(
        [str(EXE), "sql", "select count(*) as n from facts", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [{"n": 30}]
