"""`newsfacts serve`: each configured source becomes a Prefect deployment with its schedule,
served from this process until it is stopped.

Schedules need a real Prefect server (a temporary one schedules nothing). When
`PREFECT_API_URL` is set, that server is used; otherwise the local background server that
`newsfacts run` shares (flows/prefect_server.py), which keeps running after `serve` stops.
Prefect reads its settings once, on first import, so nothing here imports Prefect before the
API URL is settled.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import faulthandler
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from flows import prefect_server as servers
from flows.prefect_server import STARTUP_TIMEOUT_S, PrefectServer
from ingest.errors import ServerError, TerminalError
from ingest.run import interrupt as stopping
from ingest.run.schedule import ServeConfig
from ingest.settings import BACKGROUND_SERVER, Settings


@contextlib.contextmanager
def prefect_api(
    settings: Settings, say: Callable[[str], None] = print, timeout_s: float = STARTUP_TIMEOUT_S
) -> Iterator[str]:
    """The Prefect API to serve against, exported as `PREFECT_API_URL` for this process and its
    children: the user's own server, else the background one `newsfacts run` uses too (started
    if need be, left running for later commands); with `settings.prefect_server` "temporary",
    a server started here and stopped when the block ends."""
    given = servers.user_api_url()
    if given:
        if not servers.answers(given, timeout_s=10.0):
            raise ServerError(f"PREFECT_API_URL is {given}, but no Prefect server answers there")
        yield given
        return
    if settings.prefect_server == BACKGROUND_SERVER:
        server = servers.ensure(servers.prefect_home(), say, timeout_s)
        say(f"using the local Prefect server on {server.ui_url} (`newsfacts server stop` ends it)")
        with _exported(server.api_url):
            yield server.api_url
        return
    temporary = PrefectServer(servers.prefect_home())
    say(f"starting a Prefect server on {temporary.ui_url} (database in {temporary.home})…")
    with temporary, _exported(temporary.api_url):
        try:
            yield temporary.api_url
        finally:
            say("stopping the Prefect server…")


@contextlib.contextmanager
def _exported(api_url: str) -> Iterator[None]:
    os.environ["PREFECT_API_URL"] = api_url
    try:
        yield
    finally:
        os.environ.pop("PREFECT_API_URL", None)


def deployments(config: ServeConfig) -> list[Any]:
    """One Prefect deployment per source, with its interval or cron schedule."""
    from prefect.types.entrypoint import EntrypointType

    from flows.ingest_flow import ingest

    out = []
    for s in config.sources:
        when: dict[str, Any] = (
            {"interval": dt.timedelta(seconds=s.interval_s)} if s.interval_s else {"cron": s.cron}
        )
        try:
            out.append(
                ingest.to_deployment(
                    name=s.name,
                    parameters=s.parameters(config.db, config.batch_size, config.web),
                    description=f"newsfacts source '{s.name}' from {config.path}: {', '.join(s.targets)}",
                    tags=["newsfacts"],
                    entrypoint_type=EntrypointType.MODULE_PATH,
                    **when,
                )
            )
        except ValueError as e:  # Prefect's own check of the schedule (pydantic)
            raise TerminalError(f"{config.path}: source '{s.name}': the schedule is not valid: {e}") from e
    return out


def serve_forever(config: ServeConfig, prepared: list[Any] | None = None) -> None:
    """Serve every source's deployment until Ctrl-C or SIGTERM (which raise KeyboardInterrupt)."""
    import asyncio

    from prefect.runner import Runner

    class _Runner(Runner):
        def handle_sigterm(self, *args: Any, **kwargs: Any) -> None:
            # stop as Ctrl-C does: Prefect's own handler leaves its stop coroutine unawaited
            signal.raise_signal(signal.SIGINT)

    runner = _Runner(pause_on_shutdown=True)
    for deployment in prepared if prepared is not None else deployments(config):
        runner.add_deployment(deployment)
    # Flow runs start in a folder of their own: Prefect puts the working folder on their import
    # path, and a folder of data there named like one of our packages (a config's `warehouse/`,
    # tests/cli/test_serve.py) would hide it under an editable install. The config's paths are
    # absolute, so nothing else depends on the working folder.
    workdir = servers.prefect_home() / "work"
    workdir.mkdir(parents=True, exist_ok=True)
    os.chdir(workdir)
    global _runner
    _runner = runner
    previous = signal.signal(signal.SIGINT, _stop_runs_first)
    try:
        asyncio.run(runner.start())
    finally:
        signal.signal(signal.SIGINT, previous)
        if _stopping.is_set():  # a run the runner was starting as the signal came: stopped too
            stopping.stop_flow_runs()
        _runner = None


STOP_S = 30.0  # from the signal to the exit at the latest, whatever Prefect's runner still does
LATE_RUN_POLL_S = 0.1  # how often a stopping serve looks for a flow run started after the signal
_stopping = threading.Event()
_runner: Any = None  # the runner being served, told to start nothing once a stop is asked for


def _stop_runs_first(signum: int, frame: Any) -> None:
    """Ctrl-C (and SIGTERM, which raises it): the flow runs in progress are cancelled first, each
    putting its inbox files back and freeing the warehouse (ingest.run.interrupt); then `serve`
    stops. Left to Prefect's runner, a flow run is SIGKILLed in the middle of its work. If the
    runner's own shutdown (its tasks, the event loop's threads, Prefect's log and event workers)
    is still going STOP_S after the signal, the process leaves without it: the runs are settled."""
    if not _stopping.is_set():
        _stopping.set()
        started = time.monotonic()
        _start_no_more_runs()
        stopped = set(stopping.stop_flow_runs())
        threading.Thread(
            target=_leave_by, args=(started + STOP_S, stopped), name="newsfacts-serve-stop", daemon=True
        ).start()
    signal.default_int_handler(signum, frame)


def _start_no_more_runs() -> None:
    """Tell Prefect's runner and its poller to submit nothing more: a run that comes due while
    the runner shuts down would otherwise start, claim the inbox the stopped run gave back, and
    load it after `serve` has gone."""
    if _runner is not None:
        _runner.stopping = True
        if (poller := getattr(_runner, "_scheduled_run_poller", None)) is not None:
            poller.stopping = True


def _leave_by(deadline: float, stopped: set[int]) -> None:
    """Until `deadline`: stop any flow run the runner had already begun to start when the signal
    came (one that appears later); then, if `serve` is still here, leave."""
    while time.monotonic() < deadline:
        for pid in stopping.flow_runs():
            if pid not in stopped:
                stopped.add(pid)
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGTERM)
        time.sleep(LATE_RUN_POLL_S)
    with contextlib.suppress(Exception):  # a stderr whose reader is gone must not keep us here
        print(
            f"serve: Prefect's runner had not stopped {STOP_S:g} s after the signal; leaving without it "
            "(the flow runs were stopped first). Where it was, for a bug report:",
            file=sys.stderr,
            flush=True,
        )
        faulthandler.dump_traceback(file=sys.stderr, all_threads=True)
    for pid in stopping.flow_runs():  # one that did not stop when told: its claims are kept for the next run
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    stopping.leave(0)


def environment(config: ServeConfig, quiet: bool = False) -> dict[str, str]:
    """Prefect settings for serving, set before Prefect is imported (the user's own win): the
    runner looks for due runs at least as often as the shortest interval, and the console shows
    one line per flow run, not one per task."""
    shortest = min((s.interval_s for s in config.sources if s.interval_s), default=10.0)
    return {
        "PREFECT_RUNNER_POLL_FREQUENCY": str(max(1, min(10, int(shortest)))),
        "PREFECT_LOGGING_LEVEL": "WARNING" if quiet else "INFO",
        "PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL": "WARNING",
    }


@contextlib.contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """SIGTERM stops `serve` as Ctrl-C does, so the cleanup (the server we started) still runs."""

    def interrupt(signum: int, frame: Any) -> None:
        signal.raise_signal(signal.SIGINT)

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
