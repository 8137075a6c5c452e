"""`serve` does not flood `runs`: a scheduled run that found nothing new to read is counted on its
source, not kept as a row; every run that read, failed or was skipped keeps its row. The real flow
as a deployment runs it (`source` set), into a real warehouse; `newsfacts runs` shows the count."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from support import rows, write

from flows.ingest_flow import ingest
from ingest.run import lock as runlock

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_api")]

ATTACK = """\
 date 2025-06-02 Russia launched 40 drones at the Odesa region overnight, the Ukrainian air force said.
Air defences shot down 25 of them.
"""
STRIKE = """\
 date 2025-06-03 A Russian strike on Kharkiv killed 3 people and injured 12, the regional governor said.
"""


def runs(db: Path) -> list[tuple[object, ...]]:
    return rows(db, "select status, source, articles_new, articles_failed from runs order by started_at")


def test_scheduled_ticks_that_find_nothing_new_are_counted_on_the_source_not_kept_as_runs(
    tmp_path: Path, db: Path
) -> None:
    inbox = tmp_path / "in"
    write(inbox, "attack.txt", ATTACK)
    first = ingest([str(inbox)], str(db), source="inbox")
    second = ingest([str(inbox)], str(db), source="inbox")
    third = ingest([str(inbox)], str(db), source="inbox")

    assert first.status == "completed"
    assert second.status == third.status == "idle"
    assert third.counts.articles_unchanged == 1 and third.counts.articles_new == 0
    assert runs(db) == [("completed", "inbox", 1, 0)]
    assert rows(db, "select source, idle_ticks, last_idle_run_id from scheduled_sources") == [
        ("inbox", 2, third.run_id)
    ]
    ((source, n_runs, idle_ticks, last_tick, last_idle),) = rows(
        db, "select source, runs, idle_ticks, last_tick_at, last_idle_at from source_ticks"
    )
    assert (source, n_runs, idle_ticks) == ("inbox", 1, 2) and last_tick == last_idle

    shown = subprocess.run(
        [str(Path(sys.executable).parent / "newsfacts"), "runs", "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shown.returncode == 0, shown.stderr
    assert "inbox: 2 scheduled ticks found nothing new (not listed), the last at 20" in shown.stdout
    assert shown.stdout.count("completed") == 1


def test_a_scheduled_run_that_reads_fails_or_is_skipped_keeps_its_row(tmp_path: Path, db: Path) -> None:
    inbox = tmp_path / "in"
    write(inbox, "attack.txt", ATTACK)
    ingest([str(inbox)], str(db), source="inbox")
    ingest([str(inbox)], str(db), source="inbox")  # idle
    write(inbox, "strike.txt", STRIKE)
    read = ingest([str(inbox)], str(db), source="inbox")
    (inbox / "empty.txt").write_text("")
    failed = ingest([str(inbox)], str(db), source="inbox")  # a file that fails to read is news too
    with runlock.acquire(db, "other-run", "wire"):
        skipped = ingest([str(inbox)], str(db), source="inbox", wait_s=0.2, skip_if_busy=True)

    assert (read.status, failed.status, skipped.status) == ("completed", "completed", "skipped")
    assert runs(db) == [
        ("completed", "inbox", 1, 0),
        ("completed", "inbox", 1, 0),
        ("completed", "inbox", 0, 1),
        ("skipped", "inbox", 0, 0),
    ]
    assert rows(db, "select idle_ticks from scheduled_sources") == [(1,)]


def test_a_run_asked_for_by_hand_that_finds_nothing_new_keeps_its_row(tmp_path: Path, db: Path) -> None:
    write(tmp_path / "in", "attack.txt", ATTACK)
    ingest([str(tmp_path / "in")], str(db))
    again = ingest([str(tmp_path / "in")], str(db))

    assert again.status == "completed"
    assert runs(db) == [("completed", None, 1, 0), ("completed", None, 0, 0)]
    assert rows(db, "select count(*) from scheduled_sources") == [(0,)]
