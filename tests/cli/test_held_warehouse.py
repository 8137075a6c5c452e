"""A run against a warehouse another program keeps open says so at once, naming the process,
and waits for it only as long as `--wait` allows (issue 14, item 4)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from support import rows, write

from ingest.store.connection import writer

ARTICLE = "Russia launched 40 drones at the Odesa region overnight on 2 June 2025, the Ukrainian air force said.\n"


@contextmanager
def held_open(db: Path, for_s: float = 120.0) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the warehouse read-write (as a DuckDB shell would) for `for_s`."""
    script = (
        "import duckdb, sys, time\n"
        f"con = duckdb.connect({str(db)!r})\n"
        "print('open', flush=True)\n"
        f"time.sleep({for_s})\n"
        "con.close()\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "open\n"
        yield proc
    finally:
        proc.kill()
        proc.wait()


def newsfacts(*args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent / "newsfacts"
    return subprocess.run([str(exe), *args], capture_output=True, text=True, env=dict(os.environ), timeout=300)


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    write(tmp_path / "in", "attack.txt", ARTICLE)
    db = tmp_path / "wh.duckdb"
    with writer(db):
        pass
    return db


def test_a_run_on_a_warehouse_held_open_names_the_process_and_gives_up_after_wait(warehouse: Path) -> None:
    with held_open(warehouse) as holder:
        started = time.monotonic()
        done = newsfacts("run", str(warehouse.parent / "in"), "--db", str(warehouse), "--wait", "3")
        took = time.monotonic() - started
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0].startswith(f"the warehouse {warehouse} is held open by process {holder.pid} (python")
    assert lines[0].endswith("waiting at most 3 s for it to close the file")
    assert lines[1].startswith(f"error: the warehouse {warehouse} is held open by process {holder.pid} (python")
    assert "still after 3 s" in lines[1] and len(lines) == 2, done.stderr
    assert 3 <= took < 30  # gave up after --wait, before Prefect would have started and waited on its own


@pytest.mark.flow
def test_a_run_waits_for_a_program_that_closes_the_warehouse_within_wait(warehouse: Path) -> None:
    with held_open(warehouse, for_s=3) as holder:
        done = newsfacts("run", str(warehouse.parent / "in"), "--db", str(warehouse), "--wait", "60")
        holder.wait()
    assert done.returncode == 0, done.stderr
    assert f"held open by process {holder.pid}" in done.stderr
    assert rows(warehouse, "select count(*) from facts") == [(1,)]
