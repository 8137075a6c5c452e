"""One run at a time per warehouse: an exclusive `flock` on `<warehouse>.lock`, held from the
start of a run to its end.

DuckDB's own file lock only covers the moments a run writes; this one covers the whole run, so
two runs never interleave (one would otherwise plan against a warehouse the other is about to
change). The OS drops a `flock` when its process dies, so a crashed run never leaves a stale
lock behind. The holder writes who it is into the file, so a waiting run can say what it waits for.

A run that finds the lock taken waits, polling, for at most `wait_s` seconds, then gives up
with `RunBusy`: the CLI then fails with that sentence, a scheduled run is recorded as skipped.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ingest.errors import RunBusy

POLL_S = 0.2


@dataclass(frozen=True)
class Holder:
    """The run holding a warehouse's lock, as it described itself."""

    run_id: str
    source: str | None
    pid: int
    since: str  # ISO time, UTC

    def describe(self) -> str:
        what = f"run {self.run_id}" + (f" (source {self.source})" if self.source else "")
        return f"{what}, pid {self.pid}, running since {self.since} UTC"


def lock_path(db: str | Path) -> Path:
    return Path(f"{db}.lock")


class RunLock:
    """A held lock; `release()` (or leaving the `with` block) lets the next run in."""

    def __init__(self, path: Path, fh: IO[str], holder: Holder) -> None:
        self.path = path
        self.holder = holder
        self._fh: IO[str] | None = fh

    def release(self) -> None:
        if self._fh is None:
            return
        try:
            self._fh.seek(0)
            self._fh.truncate()  # before unlocking: the next holder writes its own name
            self._fh.flush()
        finally:
            fcntl.flock(self._fh, fcntl.LOCK_UN)
            self._fh.close()
            self._fh = None

    def __enter__(self) -> RunLock:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.release()


def acquire(
    db: str | Path,
    run_id: str,
    source: str | None = None,
    wait_s: float = 600.0,
    on_wait: Callable[[str], None] | None = None,
) -> RunLock:
    """Take the warehouse's run lock, waiting up to `wait_s` seconds for the run that holds it.
    `on_wait` hears once, in a sentence, which run this one is waiting for."""
    path = lock_path(db)
    path.parent.mkdir(parents=True, exist_ok=True)
    fh = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held until release()
    deadline = time.monotonic() + max(wait_s, 0.0)
    told = False
    while True:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            now = time.monotonic()
            if now >= deadline:
                holder = read_holder(db)
                fh.close()
                who = holder.describe() if holder else "another run"
                raise RunBusy(str(db), who, wait_s, run_id=run_id, source=source) from None
            if not told and on_wait is not None:
                holder = read_holder(db)
                who = holder.describe() if holder else "another run"
                on_wait(f"waiting for {who} to finish with {db} (at most {wait_s:g} s)")
                told = True
            time.sleep(min(POLL_S, deadline - now))
    holder = Holder(run_id, source, os.getpid(), _now())
    fh.seek(0)
    fh.truncate()
    fh.write(json.dumps(holder.__dict__))
    fh.flush()
    return RunLock(path, fh, holder)


def read_holder(db: str | Path) -> Holder | None:
    """Who holds the lock now, if anyone says so."""
    try:
        raw = lock_path(db).read_text(encoding="utf-8")
        return Holder(**json.loads(raw)) if raw.strip() else None
    except (OSError, ValueError, TypeError):
        return None


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds")
