"""A run stopped by SIGINT (Ctrl-C) or SIGTERM: one signal is enough, and the process is gone
within about two seconds.

The first signal kills the run's worker processes at once (they may be in the middle of a
batch: nothing of a batch is kept), and raises `RunStopped` in the flow's thread, which marks the
run `cancelled`, puts inbox files back, removes the staging area, releases the run lock and says
so in one line. Later signals are ignored: the run is already stopping. If Prefect then takes
longer than `GRACE_S` to record the end of its flow run, the process exits anyway: the run's own
bookkeeping is done. Workers ignore SIGINT (a Ctrl-C reaches the whole process group; only the
flow decides what it means) and exit as soon as the process that started them is gone, so that
even a SIGKILL of the run leaves no process behind.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

SIGNALS = (signal.SIGINT, signal.SIGTERM)
GRACE_S = 1.5  # from the signal to the exit, once the run has cleaned up, for Prefect to finish
CLEANUP_S = 10.0  # the cleanup's own limit (a write to the runs table); then the process exits regardless
WATCH_S = 0.2  # how often a worker checks that the process that started it is still there


class RunStopped(BaseException):
    """The run was stopped by a signal. A BaseException, as KeyboardInterrupt is, so that no
    `except Exception` on its way out (ours, Prefect's, DuckDB's) takes it for a failure."""

    def __init__(self, signum: int, told: bool = False) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        self.told = told  # the run has said in its one line what it did

    def __reduce__(self) -> tuple[Any, ...]:
        return (RunStopped, (self.signum, self.told))

    @property
    def exit_code(self) -> int:
        """128 + the signal's number, as a shell reports a process ended by it (130, 143)."""
        return 128 + self.signum


class Stop:
    """The signals a run has received, and what it did about them. A signal raises RunStopped
    only inside `raising()`: the cleanup around it is never cut short."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self.armed = False
        self.at = 0.0  # time.monotonic() of the first signal
        self.settled = threading.Event()
        self._told = threading.Lock()
        self._message: str | None = None
        self.unmarked: str | None = None  # why the run could not be marked cancelled, if it could not

    @property
    def requested(self) -> bool:
        return self.signum is not None

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name if self.signum else ""

    def error(self) -> RunStopped:
        assert self.signum is not None
        return RunStopped(self.signum, self.settled.is_set())

    @contextlib.contextmanager
    def raising(self) -> Iterator[None]:
        """Within the block a signal raises RunStopped at once (also one that came before it)."""
        if self.requested:
            raise self.error()
        self.armed = True
        try:
            yield
        finally:
            self.armed = False

    def outcome(self, run_id: str, loaded: bool) -> str:
        """The one line a stopped run ends with."""
        if loaded:
            return f"stopped by {self.name} after run {run_id} had loaded: it is completed"
        if self.unmarked:
            return (
                f"stopped by {self.name}: run {run_id} stopped, nothing of it was loaded (the warehouse is as it "
                f"was); it could not be marked cancelled ({self.unmarked[:200]}), the next run marks it died"
            )
        return f"stopped by {self.name}: run {run_id} cancelled, nothing of it was loaded (the warehouse is as it was)"

    def settle(self, message: str) -> None:
        """The run's bookkeeping is done: say so in one line (on stderr, once)."""
        with self._told:
            if self._message is None:
                self._message = message
                print(message, file=sys.stderr, flush=True)
        self.settled.set()

    def on_signal(self, signum: int, frame: FrameType | None) -> None:
        if self.signum is not None:
            return  # one is enough: the run is already stopping
        self.signum, self.at = signum, time.monotonic()
        kill_workers()
        threading.Thread(target=self._exit_soon, name="newsfacts-stop", daemon=True).start()
        if self.armed:
            raise self.error()

    def _exit_soon(self) -> None:
        """Leave the process within GRACE_S of the signal once the run has settled, whatever
        Prefect is still doing; without the cleanup after CLEANUP_S (the next run marks it died)."""
        if not self.settled.wait(CLEANUP_S):
            self.settle(f"stopped by {self.name}: the run did not finish cleaning up within {CLEANUP_S:g} s")
        time.sleep(max(0.0, self.at + GRACE_S - time.monotonic()))
        leave(128 + (self.signum or 0))


def leave(code: int) -> None:
    """End the process now, with `code`, once a stopped run has settled: Prefect's teardown and
    the interpreter's own (seconds of it) are skipped; a temporary Prefect server this process
    started is told to stop, so it does not outlive us."""
    servers = sys.modules.get("prefect.server.api.server")  # only if Prefect started one here
    for server in list(getattr(getattr(servers, "SubprocessASGIServer", None), "_instances", {}).values()):
        with contextlib.suppress(Exception):
            server.server_process.terminate()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)


@contextlib.contextmanager
def stoppable() -> Iterator[Stop]:
    """SIGINT and SIGTERM stop the run within this block. Outside the main thread signals
    cannot be caught: the Stop then never fires."""
    stop = Stop()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return
    previous: dict[int, Any] = {s: signal.signal(s, stop.on_signal) for s in SIGNALS}
    try:
        yield stop
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def raise_stopped(signum: int, frame: FrameType | None) -> None:
    """A signal handler for the moments before a run has started (the CLI's SIGTERM)."""
    raise RunStopped(signum)


def kill_workers() -> None:
    """SIGKILL the worker processes this process started (multiprocessing's children)."""
    for child in multiprocessing.active_children():
        with contextlib.suppress(OSError, ValueError, AttributeError):
            child.kill()


def stop_flow_runs(wait_s: float = CLEANUP_S + GRACE_S) -> list[int]:
    """SIGTERM to the flow runs this process started (Prefect's `python -m prefect.engine`
    children, as `serve` starts them), then wait until they are gone, at most `wait_s`: each
    cancels its run, puts its inbox files back and frees the warehouse. Returns their pids."""
    runs = flow_runs()
    for pid in runs:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + wait_s
    while any(alive(pid) for pid in runs) and time.monotonic() < deadline:
        time.sleep(0.05)
    return runs


def flow_runs() -> list[int]:
    """The pids of the flow runs this process started that are still running."""
    return [pid for pid, command in _children(os.getpid()) if "prefect.engine" in command and alive(pid)]


def _parents() -> dict[int, int]:
    """Every process's parent pid (Linux: /proc)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return parents


def _children(parent: int) -> list[tuple[int, str]]:
    """(pid, command line) of the processes whose parent is `parent`."""
    found = []
    for pid, ppid in _parents().items():
        if ppid == parent:
            try:
                command = (
                    Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                )
            except OSError:
                continue
            found.append((pid, command))
    return found


def descendants(pid: int) -> list[int]:
    """Every process below `pid`: its children, theirs, and so on."""
    parents = _parents()
    found: list[int] = []
    frontier = [pid]
    while frontier:
        kids = [c for c, p in parents.items() if p in frontier]
        found += kids
        frontier = kids
    return found


def alive(pid: int) -> bool:
    """Still running: not gone, and not a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def init_worker() -> None:
    """Run in each worker process as it starts: a Ctrl-C in the terminal is the flow's to handle,
    and the worker ends itself when the process that started it is gone (even SIGKILLed)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()
    threading.Thread(target=_watch_parent, args=(parent,), name="newsfacts-parent-watch", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_S)
    os._exit(1)
