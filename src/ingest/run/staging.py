"""A run's staging area: each batch's frames as Parquet files, loaded in one transaction at the
end. Memory stays flat however large the run, and a run that dies leaves the warehouse as it was."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import polars as pl

from ingest.run.batch import BatchResult, BatchSummary, empty_result, summarize

# the frames a batch stages, each as `NAME-NNNNNN.parquet`
STAGED_FRAMES = ("articles", "sources", "facts", "quarantine", "failures")


class Staging:
    def __init__(self, db: str | Path, run_id: str) -> None:
        self.root = Path(f"{db}.staging") / run_id
        if self.root.parent.exists():  # made under the run lock: what is there was left by dead runs
            for leftover in self.root.parent.iterdir():
                shutil.rmtree(leftover, ignore_errors=True)
        self.root.mkdir(parents=True)
        self.progress.mkdir()
        self.replaced: set[str] = set()
        self.unread: set[str] = set()  # files not read for a passing reason: not recorded as read
        self.write(empty_result(), -1)  # so that every kind has a file, whose schema an empty run loads

    @property
    def progress(self) -> Path:
        """Where the batches report their progress (ingest.run.progress)."""
        return self.root / "progress"

    @property
    def known(self) -> Path:
        """The warehouse's sources at the start of the run."""
        return self.root / "known.parquet"

    def write(self, result: BatchResult, index: int) -> BatchSummary:
        return self.note(write_frames(self.root, result, index))

    def note(self, summary: BatchSummary) -> BatchSummary:
        """Remember what a batch staged (by a worker, straight into this folder)."""
        self.replaced.update(summary.replaced)
        self.unread.update(summary.unread)
        return summary

    def files(self, kind: str) -> list[str]:
        """Every staged file of one kind, in batch order: a list, never a glob pattern, since the
        warehouse's folder may hold glob characters (`[`, `?`)."""
        prefix = f"{kind}-"
        return sorted(
            str(p) for p in self.root.iterdir() if p.name.startswith(prefix) and p.suffix == ".parquet"
        )

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        with contextlib.suppress(OSError):  # other runs' staging areas may still be there
            self.root.parent.rmdir()


def write_frames(root: Path, result: BatchResult, index: int) -> BatchSummary:
    """Stage a batch's frames as Parquet in `root`; return what is left to count."""
    for kind in STAGED_FRAMES:
        frame: pl.DataFrame = getattr(result, kind)
        if frame.height or index < 0:
            frame.write_parquet(root / f"{kind}-{index + 1:06d}.parquet")
    return summarize(result)
