"""`make demo` as a new user meets it: it installs only what newsfacts needs, and fills the
default warehouse, so the next `newsfacts sql` in the project folder reads what it loaded."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from ingest.settings import DEFAULT_DB

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("make") is None, reason="no make here")
def test_make_demo_installs_no_dev_tools_and_loads_the_default_warehouse() -> None:
    planned = subprocess.run(
        ["make", "-n", "-B", "demo"], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    ).stdout
    installs = [line for line in planned.splitlines() if "pip install" in line]
    assert installs and all("[dev]" not in line for line in installs), planned
    runs = [line for line in planned.splitlines() if "newsfacts run samples" in line]
    assert runs == [f".venv/bin/newsfacts run samples --db {DEFAULT_DB}"]
    assert f"rm -f {DEFAULT_DB}" not in planned  # a warehouse of one's own there is never deleted
