"""One settings object: options win over the environment, which wins over the defaults; a variable
that cannot be used is one sentence naming it; only the entry points look at the environment."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.errors import SettingsError, TerminalError
from ingest.settings import DEFAULT_DB, Settings

ROOT = Path(__file__).resolve().parent.parent
EXE = Path(sys.executable).parent / "newsfacts"


def test_the_defaults_hold_without_an_environment() -> None:
    s = Settings.from_env({})
    assert s == Settings()
    assert (s.db, s.batch_size, s.read_wait_s) == (Path("newsfacts.duckdb"), 2000, 60.0)
    assert not s.db.is_absolute()  # in the current folder, not inside the `warehouse` package


def test_options_win_over_the_environment_which_wins_over_the_defaults() -> None:
    env = {"NEWSFACTS_DB": "/data/wh.duckdb", "NEWSFACTS_BATCH_SIZE": "500", "NEWSFACTS_READ_WAIT": "2.5"}
    assert Settings.from_env(env) == Settings(db=Path("/data/wh.duckdb"), batch_size=500, read_wait_s=2.5)
    chosen = Settings.from_env(env, db="mine.duckdb", batch_size=10)
    assert (chosen.db, chosen.batch_size) == (Path("mine.duckdb"), 10)
    assert Settings.from_env({"NEWSFACTS_DB": "", "NEWSFACTS_READ_WAIT": " "}) == Settings()


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"NEWSFACTS_READ_WAIT": "abc"}, "NEWSFACTS_READ_WAIT must be a number of seconds, 0 or more, not 'abc'"),
        ({"NEWSFACTS_READ_WAIT": "-1"}, "NEWSFACTS_READ_WAIT must be a number of seconds, 0 or more, not -1"),
        ({"NEWSFACTS_READ_WAIT": "nan"}, "NEWSFACTS_READ_WAIT must be a number of seconds, 0 or more, not nan"),
        ({"NEWSFACTS_BATCH_SIZE": "0"}, "NEWSFACTS_BATCH_SIZE must be a whole number of articles, 1 or more, not 0"),
        (
            {"NEWSFACTS_BATCH_SIZE": "2.5"},
            "NEWSFACTS_BATCH_SIZE must be a whole number of articles, 1 or more, not '2.5'",
        ),
        (
            {"NEWSFACTS_PREFECT_SERVER": "ephemeral"},
            "NEWSFACTS_PREFECT_SERVER must be background or temporary, not 'ephemeral'",
        ),
    ],
)
def test_a_bad_variable_is_a_terminal_error_naming_it(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError) as caught:
        Settings.from_env(env)
    assert str(caught.value) == message
    assert isinstance(caught.value, TerminalError)


def test_a_bad_batch_size_option_is_named_as_the_option() -> None:
    with pytest.raises(SettingsError, match=r"^--batch-size must be a whole number of articles, 1 or more, not 0$"):
        Settings.from_env({}, batch_size=0)


@pytest.mark.parametrize(
    ("name", "value"), [("NEWSFACTS_READ_WAIT", "abc"), ("NEWSFACTS_BATCH_SIZE", "0")]
)
def test_the_cli_says_a_bad_variable_in_one_line(tmp_path: Path, name: str, value: str) -> None:
    env = {**os.environ, name: value}
    done = subprocess.run(
        [str(EXE), "sql", "select 1"], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120
    )
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {name} must be "), done.stderr


def test_the_default_warehouse_is_in_the_current_folder(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NEWSFACTS_DB"}
    done = subprocess.run(
        [str(EXE), "sql", "select 1"], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120
    )
    assert done.returncode == 1
    assert done.stderr.strip() == f"error: no warehouse at {DEFAULT_DB}: run `newsfacts run PATH` first, or pass --db FILE"


def test_only_the_entry_points_read_the_environment() -> None:
    reads = re.compile(r"os\.environ|getenv\(")
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "src" / "ingest").rglob("*.py"))
        if "cli" not in path.relative_to(ROOT / "src" / "ingest").parts and reads.search(path.read_text())
    ]
    assert offenders == []


def test_the_storage_version_of_a_new_warehouse_is_a_setting() -> None:
    assert Settings().storage_version == "v1.4.0"
    assert Settings.from_env({"NEWSFACTS_STORAGE_VERSION": "latest"}).storage_version == "latest"
    with pytest.raises(SettingsError, match="NEWSFACTS_STORAGE_VERSION must be a DuckDB version"):
        Settings.from_env({"NEWSFACTS_STORAGE_VERSION": "1.4"})
