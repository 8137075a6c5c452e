"""A file that failed for a passing reason (the OS would not read it, it was moved away mid-run)
is not recorded as read, so the next run reads it again (issue 15, item 5); the folder walk
turns a symlink loop or an unreadable subfolder into a reason of its own (item 6)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from support import rows, write

from flows.ingest_flow import ingest
from ingest.load.run import load_run, start_run
from ingest.read.plan import plan_run
from ingest.run import counts as counting
from ingest.run import worker
from ingest.run.staging import Staging

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_api")]

ATTACK = " date 2025-06-02 Russia launched 40 drones at the Odesa region overnight, the Ukrainian air force said.\n"
SWAP = " date 2025-06-05 Russia and Ukraine exchanged 84 prisoners each on Thursday, the ombudsman said.\n"


def _recorded(db: Path) -> list[str]:
    return [p for (p,) in rows(db, "select path from files order by path")]


def test_a_file_moved_away_mid_run_is_not_recorded_and_is_read_when_it_is_back(
    tmp_path: Path, db: Path
) -> None:
    """The run's own steps (plan, worker, load) on a real warehouse, with the file moved away
    between the plan and the read; then the real flow once it is back, with its mtime kept."""
    folder = tmp_path / "in"
    write(folder, "attack.txt", ATTACK)
    swap = write(folder, "swap.txt", SWAP)
    staging = Staging(db, "run-1")
    known_files = start_run(db, "run-1", str(folder), "test", staging.known)
    work = plan_run([str(folder)], known_files, batch_size=10)
    shutil.move(swap, tmp_path / "aside.txt")  # mid-run: planned, then gone
    tally = counting.tally_batches(
        (staging.note(worker.process_and_stage(b, staging.root, "run-1")) for b in work.batches),
        staging,
    )
    counts = load_run(db, "run-1", staging, work.files, counting.run_counts(tally, work, staging, []))
    staging.remove()

    assert dict(counts.failures)[str(swap)] == "cannot be read: No such file or directory"
    assert _recorded(db) == [str(folder / "attack.txt")]
    shutil.move(tmp_path / "aside.txt", swap)  # back, same size and mtime
    again = ingest([str(folder)], str(db))
    assert again.counts.articles_new == 1 and again.counts.articles_unchanged == 1
    swapped = rows(
        db,
        "select distinct value from facts join article_sources using (article_id) where source = ?",
        [str(swap)],
    )
    assert swapped == [(84,)]
    assert _recorded(db) == [str(folder / "attack.txt"), str(swap)]
    # and unchanged files are still skipped, without being read
    third = ingest([str(folder)], str(db))
    assert third.counts.articles_unchanged == 2 and third.counts.articles_new == 0


def test_a_file_the_os_fails_to_read_is_a_reason_and_is_not_recorded_as_read(
    tmp_path: Path, db: Path
) -> None:
    """`/proc/self/mem` stats as a regular file and fails to read with EIO, for root too."""
    folder = tmp_path / "in"
    write(folder, "attack.txt", ATTACK)
    (folder / "broken.txt").symlink_to("/proc/self/mem")
    summary = ingest([str(folder)], str(db))

    assert dict(summary.counts.failures)[str(folder / "broken.txt")] == "cannot be read: Input/output error"
    assert _recorded(db) == [str(folder / "attack.txt")]
    assert summary.counts.articles_new == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file")
def test_a_chmod_000_file_is_read_once_it_is_readable_again(tmp_path: Path, db: Path) -> None:
    folder = tmp_path / "in"
    write(folder, "attack.txt", ATTACK)
    swap = write(folder, "swap.txt", SWAP)
    swap.chmod(0)
    first = ingest([str(folder)], str(db))
    swap.chmod(0o644)
    second = ingest([str(folder)], str(db))

    assert dict(first.counts.failures)[str(swap)] == "cannot be read: Permission denied"
    assert second.counts.articles_new == 1
    assert _recorded(db) == [str(folder / "attack.txt"), str(swap)]


def test_a_symlink_loop_in_a_folder_is_a_reason_and_the_rest_loads(tmp_path: Path, db: Path) -> None:
    folder = tmp_path / "in"
    write(folder, "attack.txt", ATTACK)
    write(folder / "sub", "swap.txt", SWAP)
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "sub" / "a.txt").symlink_to("b.txt")
    (folder / "sub" / "b.txt").symlink_to("a.txt")
    (folder / "sub" / "up").symlink_to("..")  # a link to a folder is not followed: no endless walk
    summary = ingest([str(folder)], str(db))

    failures = dict(summary.counts.failures)
    loop = "cannot be read: Too many levels of symbolic links"
    assert failures == {
        str(folder / "loop.txt"): loop,
        str(folder / "sub" / "a.txt"): loop,
        str(folder / "sub" / "b.txt"): loop,
    }
    assert summary.counts.articles_new == 2
    assert rows(db, "select status from runs") == [("completed",)]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 folder")
def test_an_unreadable_subfolder_is_a_reason_and_the_rest_loads(tmp_path: Path, db: Path) -> None:
    folder = tmp_path / "in"
    write(folder, "attack.txt", ATTACK)
    write(folder / "locked", "swap.txt", SWAP)
    (folder / "locked").chmod(0)
    try:
        summary = ingest([str(folder)], str(db))
    finally:
        (folder / "locked").chmod(0o755)

    assert dict(summary.counts.failures) == {str(folder / "locked"): "cannot be read: Permission denied"}
    assert summary.counts.articles_new == 1
