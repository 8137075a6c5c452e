"""Progress of a run, article by article, and messages for the person watching it.

A batch is processed in a worker process (or on a Dask worker), so its progress cannot be a
call into the flow: the worker appends a short line (`stage done`) to a file of its own in the
run's staging folder at each stage and every `EVERY` articles or `INTERVAL_S` seconds, whichever
comes first, and the flow's process reads the new lines of those files every `INTERVAL_S`
seconds for whoever listens (the CLI's bar). A file is a few dozen appends of a few bytes per
batch: nothing a run can measure; and it works wherever the staging folder does (the batches'
frames go there too). With nobody listening (a scheduled run), no file is written or read.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

# the stages of a run as the person watching it sees them, in order
STAGES = ("read", "extract", "validate", "load")
EVERY = 50  # articles between two reports of a batch at most
INTERVAL_S = 0.2  # seconds between two reports of a batch at most, and between two looks of the flow


class Listener(Protocol):
    def show(self, stages: tuple[str, ...], done: int, total: int) -> None:
        """`done` of `total` articles are through extraction; the batches at work are in `stages`
        (in STAGES order; ("load",) once every batch is done)."""


_listener: Listener | None = None


def listen(listener: Listener | None) -> None:
    """Send progress to `listener` (None: nobody listens, the default)."""
    global _listener
    _listener = listener


def tell(message: str) -> None:
    """A message for a person: on stderr for the CLI, in the run's log for the Prefect UI."""
    from prefect import get_run_logger  # Prefect is slow to import: only once a run has started

    print(message, file=sys.stderr, flush=True)
    get_run_logger().warning(message)


def batch_file(folder: Path, index: int) -> Path:
    return folder / f"{index:06d}.txt"


class BatchProgress:
    """A batch's progress as a worker reports it: appended to `path` (None: not reported)."""

    def __init__(self, path: Path | None, every: int = EVERY, interval_s: float = INTERVAL_S) -> None:
        self.path = path
        self.every = every
        self.interval_s = interval_s
        self.stage = ""
        self.done = 0
        self.size = 0  # articles in the batch, once read (0: not known yet)
        self._told = 0
        self._at = time.monotonic()

    def enter(self, stage: str, done: int | None = None, size: int | None = None) -> None:
        """The batch starts `stage`, with `done` articles through (those it need not extract) of
        `size` (what it holds: planning knows only a file, not the lines of a small JSONL)."""
        self.stage = stage
        if done is not None:
            self.done = done
        if size is not None:
            self.size = size
        self._write()

    def article(self) -> None:
        """One more article extracted; reported when `every` more are, or `interval_s` has passed."""
        self.done += 1
        if self.done - self._told >= self.every or time.monotonic() - self._at >= self.interval_s:
            self._write()

    def _write(self) -> None:
        self._told, self._at = self.done, time.monotonic()
        if self.path is not None:
            with self.path.open("a", encoding="ascii") as fh:
                fh.write(f"{self.stage} {self.done} {self.size}\n")


@dataclass
class _Batch:
    size: int  # as planned
    stage: str = ""
    done: int = 0
    final: int | None = None  # articles the batch read, once its summary has come back
    offset: int = 0  # bytes of its file read so far


class Watch:
    """The run's progress as the flow's process sees it: per batch, what its file says, until its
    summary comes back with the real count. Shown to `listener` on every change."""

    def __init__(self, folder: Path, sizes: Sequence[int], listener: Listener | None) -> None:
        self.folder = folder if listener is not None else None  # where the workers report, if anyone listens
        self.batches = [_Batch(n) for n in sizes]
        self.listener = listener
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._shown: tuple[tuple[str, ...], int, int] | None = None

    def poll(self) -> None:
        """Read what the workers have reported since the last look."""
        with self._lock:
            for index, b in enumerate(self.batches):
                if b.final is None:
                    self._read(index, b)

    def finished(self, index: int, n_read: int) -> None:
        """Batch `index`'s summary came back: what its file still holds, then its real count."""
        with self._lock:
            b = self.batches[index]
            self._read(index, b)
            b.final, b.stage = n_read, ""
            if self.folder is not None:
                with contextlib.suppress(OSError):
                    batch_file(self.folder, index).unlink()
            self._show()

    def loading(self) -> None:
        """Every batch is done: the load starts."""
        with self._lock:
            for b in self.batches:
                b.final = b.done if b.final is None else b.final
            self._show(("load",))

    def _read(self, index: int, b: _Batch) -> None:
        if self.folder is None:
            return
        try:
            with batch_file(self.folder, index).open("rb") as fh:
                fh.seek(b.offset)
                data = fh.read()
        except OSError:  # not started yet
            return
        end = data.rfind(b"\n") + 1  # whole lines only: the worker may be writing the next one
        for line in data[:end].decode("ascii").splitlines():
            stage, done, size = line.split()
            b.stage, b.done, b.size = stage, max(b.done, int(done)), int(size) or b.size
            self._show()
        b.offset += end

    def _show(self, stages: tuple[str, ...] | None = None) -> None:
        if self.listener is None:
            return
        if stages is None:
            at_work = {b.stage for b in self.batches if b.final is None and b.stage}
            stages = tuple(s for s in STAGES if s in at_work) or (
                self._shown[0] if self._shown else (STAGES[0],)
            )
        done = sum(b.final if b.final is not None else b.done for b in self.batches)
        total = sum(b.final if b.final is not None else max(b.size, b.done) for b in self.batches)
        shown = (stages, done, total)
        if shown != self._shown:
            self._shown = shown
            self.listener.show(stages, done, total)

    def _look(self) -> None:
        while not self._stopped.wait(INTERVAL_S):
            self.poll()


@contextlib.contextmanager
def watching(folder: Path, sizes: Sequence[int]) -> Iterator[Watch]:
    """Watch the batches' progress files in `folder` (one per batch of `sizes` articles) while the
    block runs, for the listener there is; with none, nothing is read."""
    watch = Watch(folder, sizes, _listener)
    if _listener is None:
        yield watch
        return
    watch._show()
    looker = threading.Thread(target=watch._look, name="newsfacts-progress", daemon=True)
    looker.start()
    try:
        yield watch
    finally:
        watch._stopped.set()
        looker.join()
