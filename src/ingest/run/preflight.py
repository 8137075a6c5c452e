"""Before a run starts: the warehouse can be written, and no other program holds it open.

A newsfacts run holding the file is waited for through the run lock (ingest.run.lock), which
says which run it waits for. Any other process holding it (a DuckDB shell, a notebook) is named
at once by its PID, and waited for up to the run's `--wait`, then the run fails in one sentence.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from ingest.errors import WarehouseBusy, WarehouseHeld
from ingest.run import lock as runlock
from ingest.store.connection import STORAGE_VERSION, writer

POLL_S = 0.2


def check_warehouse(
    db: str | Path,
    wait_s: float,
    tell: Callable[[str], None],
    storage_version: str = STORAGE_VERSION,
) -> None:
    """Create the warehouse, or check that it can be written: a path that can never be a warehouse
    fails at once (WarehouseError); a file held open by a process that is not a newsfacts run is
    told to `tell` once, waited for up to `wait_s`, then refused with WarehouseHeld."""
    deadline = time.monotonic() + max(wait_s, 0.0)
    told = False
    while True:
        try:
            with writer(db, wait_s=0, storage_version=storage_version):
                return
        except WarehouseBusy as busy:
            holder = runlock.read_holder(db)
            if busy.pid is None or (holder is not None and holder.pid == busy.pid):
                return  # a newsfacts run: the run lock waits for it, and says so
            if time.monotonic() >= deadline:
                raise WarehouseHeld(str(db), busy.pid, busy.program, wait_s) from busy
            if not told:
                tell(
                    f"the warehouse {db} is held open by process {busy.pid} ({busy.program}), not a "
                    f"newsfacts run: waiting at most {wait_s:g} s for it to close the file"
                )
                told = True
            time.sleep(max(min(POLL_S, deadline - time.monotonic()), 0.0))
