"""A disk that fills during the load: `newsfacts run` says "no space left on device" in one
sentence, not DuckDB's "cannot rollback - no transaction is active", and the warehouse opens as it
was. The warehouse lives on a 1.5 MB tmpfs mounted in a private mount namespace (`unshare -m`),
so nothing outside the test sees it; skipped where that cannot be done (not root, no unshare)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import rows

pytestmark = pytest.mark.flow
EXE = Path(sys.executable).parent / "newsfacts"

SCRIPT = """
set -e
mount -t tmpfs -o size=1500k tmpfs "$1/small"
cd "$1"
set +e
"$2" run in --db small/wh.duckdb > out.txt 2> err.txt
echo $? > rc.txt
cp small/wh.duckdb after.duckdb
"""


def _can_mount_a_small_disk() -> bool:
    if shutil.which("unshare") is None or os.geteuid() != 0:
        return False
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
        capture_output=True,
        timeout=30,
    )
    return probe.returncode == 0


@pytest.mark.skipif(not _can_mount_a_small_disk(), reason="needs root and unshare -m to mount a small tmpfs")
def test_a_disk_full_during_the_load_is_one_sentence_and_the_warehouse_opens(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(1000):
        (folder / f"a{i:04d}.txt").write_text(
            f" date 2025-06-{1 + i % 28:02d} Russia launched {i + 10} drones at the Odesa region overnight, "
            f"the Ukrainian air force said. Air defences shot down {i + 3} of them. Report {i} of the wire.\n",
            encoding="utf-8",
        )
    (tmp_path / "small").mkdir()
    subprocess.run(
        ["unshare", "-m", "sh", "-c", SCRIPT, "sh", str(tmp_path), str(EXE)],
        check=True,
        timeout=600,
        # as a user runs it: Prefect's own logs quiet (the tests' default shows its warnings)
        env={**os.environ, "COLUMNS": "200", "PREFECT_LOGGING_LEVEL": "CRITICAL"},
    )

    err = (tmp_path / "err.txt").read_text()
    # DuckDB's bindings may list "leaked" objects as the interpreter exits: not newsfacts' output
    ours = err.split("nanobind:", 1)[0].split("\n - leaked", 1)[0]
    # the line naming the Prefect server the run uses comes first, then the progress lines (stderr
    # is not a terminal: "extract: 500/1,000 articles (50%), …"); the error is the one that follows
    lines = [
        line
        for line in ours.splitlines()
        if line.strip() and not line.startswith("starting Prefect") and " articles (" not in line
    ]
    assert (tmp_path / "rc.txt").read_text().strip() == "1"
    assert "Traceback" not in err and "cannot rollback" not in err
    assert lines == [
        "error: the run did not complete: no space left on device for the warehouse small/wh.duckdb: "
        "nothing of this write was kept (the warehouse is as it was); free some space and try again"
    ]
    # the load was under way (the run registered itself first) and left nothing
    assert rows(tmp_path / "after.duckdb", "select count(*) from runs") == [(1,)]
    assert rows(tmp_path / "after.duckdb", "select count(*) from articles") == [(0,)]
