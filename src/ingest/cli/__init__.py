"""The `newsfacts` command line. `STARTED_AT` is when the command started (the process's start
where the OS tells, else the moment this package was imported): runs record it, so that
`newsfacts runs` can show the wall time a user waited, start-up included."""

from __future__ import annotations

import os
import time


def _process_start() -> float:
    """This process's start as a Unix time, from /proc on Linux (10 ms resolution); else now."""
    try:
        with open("/proc/self/stat") as fh:
            ticks = int(fh.read().rsplit(")", 1)[1].split()[19])  # field 22: starttime
        with open("/proc/uptime") as fh:
            uptime = float(fh.read().split()[0])
        return time.time() - (uptime - ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return time.time()


STARTED_AT: float = _process_start()
