"""`newsfacts serve`: each configured source becomes a Prefect deployment with its schedule,
served from this process until it is stopped.

Schedules need a real Prefect server (a temporary one schedules nothing). When
`PREFECT_API_URL` is set, that server is used; otherwise `prefect server start` is started on
127.0.0.1 at a free port, with its database under the user's data folder, and stopped again on
exit. Prefect reads its settings once, on first import, so nothing here imports Prefect before
the API URL is settled.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx

from ingest.errors import ServerError, TerminalError
from ingest.run.schedule import ServeConfig
from ingest.settings import Settings

STARTUP_TIMEOUT_S = 120.0  # a cold start migrates the server's SQLite database first (DEPS.md: 6–26 s)
STOP_GRACE_S = 15.0


def prefect_home(env: dict[str, str] | os._Environ[str] = os.environ) -> Path:
    """Where the server newsfacts starts keeps its database: `$NEWSFACTS_PREFECT_HOME`, else
    `$XDG_DATA_HOME/newsfacts/prefect` (`~/.local/share/…`), else a temporary folder."""
    if env.get("NEWSFACTS_PREFECT_HOME"):
        return Path(env["NEWSFACTS_PREFECT_HOME"])
    data = Path(env.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    home = data / "newsfacts" / "prefect"
    try:
        home.mkdir(parents=True, exist_ok=True)
        return home
    except OSError:
        return Path(tempfile.mkdtemp(prefix="newsfacts-prefect-"))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def healthy(api_url: str, timeout_s: float = 2.0) -> bool:
    try:
        return httpx.get(f"{api_url.rstrip('/')}/health", timeout=timeout_s).status_code == 200
    except httpx.HTTPError:
        return False


class PrefectServer:
    """A `prefect server start` subprocess on 127.0.0.1, in its own process group."""

    def __init__(self, home: Path, port: int | None = None) -> None:
        self.home = home
        self.port = port or free_port()
        self.api_url = f"http://127.0.0.1:{self.port}/api"
        self.ui_url = f"http://127.0.0.1:{self.port}"
        self.log = home / "server.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout_s: float = STARTUP_TIMEOUT_S) -> PrefectServer:
        """Start the server and wait until `/api/health` answers (at most `timeout_s`)."""
        self.home.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
        env.update(Settings().prefect, PREFECT_HOME=str(self.home), PREFECT_LOGGING_LEVEL="WARNING")
        cmd = [
            sys.executable,
            "-m",
            "prefect",
            "server",
            "start",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
        ]
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                cmd,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout_s
        while not healthy(self.api_url, timeout_s=1.0):
            if self.process.poll() is not None:
                raise ServerError(
                    f"the Prefect server stopped at start (exit code {self.process.returncode}): "
                    f"{self._tail()} (log: {self.log})"
                )
            if time.monotonic() > deadline:
                self.stop()
                raise ServerError(
                    f"the Prefect server did not answer on {self.api_url} within {timeout_s:g} s (log: {self.log})"
                )
            time.sleep(0.5)
        return self

    def stop(self, grace_s: float = STOP_GRACE_S) -> None:
        """SIGTERM to the server's process group, then SIGKILL after `grace_s`."""
        p, self.process = self.process, None
        if p is None or p.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(p.pid, signal.SIGTERM)
        try:
            p.wait(grace_s)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(p.pid, signal.SIGKILL)
            p.wait(5)

    def _tail(self) -> str:
        try:
            lines = [ln for ln in self.log.read_text(errors="replace").splitlines() if ln.strip()]
        except OSError:
            return "no log"
        return " | ".join(lines[-3:])[-400:] or "no output"

    def __enter__(self) -> PrefectServer:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()


@contextlib.contextmanager
def prefect_api(say: Callable[[str], None] = print, timeout_s: float = STARTUP_TIMEOUT_S) -> Iterator[str]:
    """The Prefect API to serve against: `$PREFECT_API_URL`, or a server started here (and
    stopped when the block ends), exported as `PREFECT_API_URL` for this process and its children."""
    given = os.environ.get("PREFECT_API_URL")
    if given:
        if not healthy(given, timeout_s=10.0):
            raise ServerError(f"PREFECT_API_URL is {given}, but no Prefect server answers there")
        yield given
        return
    server = PrefectServer(prefect_home())
    say(f"starting a Prefect server on {server.ui_url} (database in {server.home})…")
    with server:
        os.environ["PREFECT_API_URL"] = server.api_url
        try:
            yield server.api_url
        finally:
            os.environ.pop("PREFECT_API_URL", None)
            say("stopping the Prefect server…")


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
    workdir = prefect_home() / "work"
    workdir.mkdir(parents=True, exist_ok=True)
    os.chdir(workdir)
    asyncio.run(runner.start())


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
