"""The run lock: one run at a time per warehouse, a bounded wait that says what it waits for,
and no stale lock when a run's process dies."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from ingest.run import lock as runlock
from ingest.run.lock import RunBusy


def test_a_second_run_waits_for_the_first_and_says_which_run_it_waits_for(db: Path) -> None:
    first = runlock.acquire(db, "run-a", "inbox")
    heard: list[str] = []
    threading.Timer(0.5, first.release).start()
    started = time.monotonic()
    with runlock.acquire(db, "run-b", wait_s=10, on_wait=heard.append) as second:
        waited = time.monotonic() - started
        assert second.holder.run_id == "run-b"
        assert runlock.read_holder(db).run_id == "run-b"  # type: ignore[union-attr]
    assert 0.4 <= waited < 5
    assert len(heard) == 1
    assert heard[0].startswith("waiting for run run-a (source inbox), pid ")
    assert "(at most 10 s)" in heard[0]


def test_a_run_that_waited_long_enough_gives_up_naming_the_holder(db: Path) -> None:
    with runlock.acquire(db, "run-a", "wire"):
        started = time.monotonic()
        with pytest.raises(RunBusy) as caught:
            runlock.acquire(db, "run-b", wait_s=0.3)
    assert 0.3 <= time.monotonic() - started < 3
    message = str(caught.value)
    assert message.startswith(f"the warehouse {db} is busy: run run-a (source wire), pid ")
    assert message.endswith("still holds it after waiting 0.3 s")


def test_runs_holding_the_lock_never_overlap(db: Path) -> None:
    inside: list[int] = []
    overlaps: list[int] = []

    def run(n: int) -> None:
        with runlock.acquire(db, f"run-{n}", wait_s=30):
            inside.append(n)
            if len(inside) > 1:
                overlaps.append(n)
            time.sleep(0.05)
            inside.remove(n)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert overlaps == []


def test_the_lock_of_a_killed_run_is_free_at_once(db: Path) -> None:
    code = (
        "import sys, time; from ingest.run import lock as runlock; "
        "lock = runlock.acquire(sys.argv[1], 'doomed'); print('held', flush=True); time.sleep(60)"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        with pytest.raises(RunBusy):
            runlock.acquire(db, "next", wait_s=0)
        proc.kill()
        proc.wait(10)
        with runlock.acquire(db, "next", wait_s=5) as lock:
            assert lock.holder.run_id == "next"
    finally:
        proc.kill()
