"""The local Prefect server newsfacts shares between commands: started once in the background on
127.0.0.1, reused by every later `run` and `serve`, stopped by `newsfacts server stop`.

Without a server each process would start Prefect's temporary one and migrate its database
(14–18 s a run). The server we start is recorded under its PREFECT_HOME (`server.json`: pid,
port, API URL) together with Prefect's own `server.pid`, so `prefect server stop` ends it too.
A lock file held while starting means two commands never start two servers. Nothing here
imports Prefect: the API URL must be settled before Prefect reads its settings.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ingest.errors import ServerError
from ingest.settings import TEMPORARY_SERVER, Settings

STARTUP_TIMEOUT_S = 180.0  # a cold start migrates its SQLite database first: 20–30 s, 100 s on a busy machine
STOP_GRACE_S = 15.0
PREFERRED_PORT = 4200  # Prefect's own default, so the UI is where Prefect's docs say; else a free one
STATE_FILE = "server.json"  # ours: what we started, where
PID_FILE = "server.pid"  # Prefect's: `PREFECT_HOME=… prefect server stop` reads it
LOCK_FILE = "server.lock"  # held while a server is checked for and started


def prefect_home(env: Mapping[str, str] = os.environ) -> Path:
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


def user_api_url(env: Mapping[str, str] = os.environ) -> str | None:
    """The Prefect API the user chose: `$PREFECT_API_URL`, else the one of their active Prefect
    profile (read from its TOML file, so that Prefect need not be imported to know)."""
    if env.get("PREFECT_API_URL"):
        return env["PREFECT_API_URL"]
    home = Path(env.get("PREFECT_HOME") or Path.home() / ".prefect").expanduser()
    path = Path(env.get("PREFECT_PROFILES_PATH") or home / "profiles.toml").expanduser()
    try:
        profiles = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    active = env.get("PREFECT_PROFILE") or profiles.get("active") or "ephemeral"
    url = profiles.get("profiles", {}).get(active, {}).get("PREFECT_API_URL")
    return str(url) if url else None


def healthy(api_url: str, timeout_s: float = 2.0) -> bool:
    """Whether a Prefect server answers on `api_url` (its `/health` endpoint)."""
    try:
        with urllib.request.urlopen(f"{api_url.rstrip('/')}/health", timeout=timeout_s) as r:
            return bool(r.status == 200)
    except (urllib.error.URLError, OSError, ValueError):
        return False


def answers(api_url: str, timeout_s: float = 10.0, attempts: int = 3) -> bool:
    """Whether a Prefect server answers on `api_url`, asked again when it was only slow to (a
    loaded server misses one deadline); a refused connection or a bad address fails at once."""
    for _ in range(attempts):
        began = time.monotonic()
        if healthy(api_url, timeout_s):
            return True
        if time.monotonic() - began < timeout_s / 2:
            return False
    return False


def ui_api_url(ui_url: str, timeout_s: float = 5.0) -> str | None:
    """The API URL a Prefect server tells its UI to call (`/ui-settings`), or None if it does not
    answer: where the pages in the browser look for runs and deployments."""
    try:
        with urllib.request.urlopen(f"{ui_url.rstrip('/')}/ui-settings", timeout=timeout_s) as r:
            return str(json.loads(r.read())["api_url"])
    except (urllib.error.URLError, OSError, ValueError, KeyError, TypeError):
        return None


def free_port(preferred: int | None = None) -> int:
    """`preferred` if nothing listens there on 127.0.0.1, else a port the OS picks."""
    for port in ([preferred] if preferred else []) + [0]:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return int(s.getsockname()[1])
    raise ServerError("no free port on 127.0.0.1 for the Prefect server")


class PrefectServer:
    """A `prefect server start` subprocess on 127.0.0.1, in its own session (a Ctrl-C in the
    terminal that started it does not reach it), logging to `server.log` in its home."""

    def __init__(self, home: Path, port: int | None = None) -> None:
        self.home = home
        self.port = port or free_port()
        self.api_url = f"http://127.0.0.1:{self.port}/api"
        self.ui_url = f"http://127.0.0.1:{self.port}"
        self.log = home / "server.log"
        self.process: subprocess.Popen[bytes] | None = None

    def launch(self) -> int:
        """Start the server process and return its pid, without waiting for it to answer."""
        self.home.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
        env.update(
            Settings().prefect,
            PREFECT_HOME=str(self.home),
            PREFECT_LOGGING_LEVEL="WARNING",
            # the port is the one --port gives; said here too so that every setting the server
            # and its UI derive from it agree (else the UI of a server off port 4200 calls 4200)
            PREFECT_SERVER_API_HOST="127.0.0.1",
            PREFECT_SERVER_API_PORT=str(self.port),
            PREFECT_UI_API_URL=self.api_url,
            PREFECT_UI_URL=self.ui_url,
        )
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
                cwd=self.home,  # not the user's folder: the server may outlive their shell there
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        return self.process.pid

    def wait_healthy(self, timeout_s: float = STARTUP_TIMEOUT_S) -> None:
        """Wait until `/api/health` answers; a server that exits or stays silent is a ServerError."""
        deadline = time.monotonic() + timeout_s
        while not healthy(self.api_url, timeout_s=1.0):
            if self.process is not None and self.process.poll() is not None:
                raise ServerError(
                    f"the Prefect server stopped at start (exit code {self.process.returncode}): "
                    f"{self._tail()} (log: {self.log})"
                )
            if time.monotonic() > deadline:
                self.stop()
                raise ServerError(
                    f"the Prefect server did not answer on {self.api_url} within {timeout_s:g} s (log: {self.log})"
                )
            time.sleep(0.25)

    def start(self, timeout_s: float = STARTUP_TIMEOUT_S) -> PrefectServer:
        """Start the server and wait until it answers (at most `timeout_s`)."""
        self.launch()
        self.wait_healthy(timeout_s)
        return self

    def stop(self, grace_s: float = STOP_GRACE_S) -> None:
        """SIGTERM to the server's process group, then SIGKILL after `grace_s`."""
        p, self.process = self.process, None
        if p is None or p.poll() is not None:
            return
        _end(p.pid, grace_s, p)

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


@dataclass(frozen=True)
class BackgroundServer:
    """The background server as recorded in its home's `server.json`."""

    pid: int
    port: int
    api_url: str

    @property
    def ui_url(self) -> str:
        return self.api_url.removesuffix("/api")


def recorded(home: Path, forget_stale: bool = True) -> BackgroundServer | None:
    """The server recorded under `home`, if its process is still there (else the record is
    stale and, with `forget_stale`, removed: only by a holder of the start lock or a user's
    command, never by a reader racing a start)."""
    try:
        state = json.loads((home / STATE_FILE).read_text(encoding="utf-8"))
        server = BackgroundServer(int(state["pid"]), int(state["port"]), str(state["api_url"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if _is_server(server.pid):
        return server
    if forget_stale:
        _forget(home)
    return None


def running(home: Path) -> BackgroundServer | None:
    """The background server under `home` if it is there and answers."""
    server = recorded(home, forget_stale=False)  # no lock held: a start may be under way
    return server if server is not None and healthy(server.api_url) else None


def ensure(
    home: Path, say: Callable[[str], None] = print, timeout_s: float = STARTUP_TIMEOUT_S
) -> BackgroundServer:
    """The background server under `home`, started (and waited for) if none answers. Says so in
    one line when it starts one; a second command meanwhile waits for this one's server."""
    if (server := running(home)) is not None:  # the usual case: no lock needed to read
        return server
    with _starting(home, timeout_s):
        server = recorded(home)
        if server is not None:  # a start that its starter did not see through (killed while waiting)
            if _answers_within(server.api_url, timeout_s):
                return server
            _end(server.pid, STOP_GRACE_S)
            _forget(home)
        process = PrefectServer(home, free_port(_last_port(home) or PREFERRED_PORT))
        say(f"starting the local Prefect server (once) on {process.ui_url}; `newsfacts server stop` ends it…")
        pid = process.launch()
        server = BackgroundServer(pid, process.port, process.api_url)
        _record(home, server)
        try:
            process.wait_healthy(timeout_s)
        except BaseException:
            process.stop()
            _forget(home)
            raise
        return server


def stop(home: Path, grace_s: float = STOP_GRACE_S) -> BackgroundServer | None:
    """Stop the background server under `home`; returns what was stopped (None: nothing ran)."""
    with _starting(home, STARTUP_TIMEOUT_S):
        server = recorded(home)
        if server is not None:
            _end(server.pid, grace_s)
        _forget(home)
        return server


@contextlib.contextmanager
def _starting(home: Path, timeout_s: float) -> Iterator[None]:
    """Hold `server.lock` under `home` (an flock: a process that dies drops it)."""
    home.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + timeout_s + STOP_GRACE_S
    with open(home / LOCK_FILE, "a+") as fh:
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise ServerError(
                        f"another newsfacts command is still starting the Prefect server in {home}"
                    ) from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _answers_within(api_url: str, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if healthy(api_url, timeout_s=1.0):
            return True
        time.sleep(0.25)
    return False


def _record(home: Path, server: BackgroundServer) -> None:
    """Written whole or not at all (a rename): a command reading it meanwhile never sees half."""
    for name, text in ((STATE_FILE, json.dumps(asdict(server))), (PID_FILE, str(server.pid))):
        part = home / f".{name}.{os.getpid()}"
        part.write_text(text, encoding="utf-8")
        part.replace(home / name)


def _forget(home: Path) -> None:
    """Remove the record of a server that is gone; its port stays noted for the next start."""
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        port = int(json.loads((home / STATE_FILE).read_text(encoding="utf-8"))["port"])
        (home / "server.port").write_text(str(port), encoding="utf-8")
    for name in (STATE_FILE, PID_FILE):
        (home / name).unlink(missing_ok=True)


def _last_port(home: Path) -> int | None:
    """The port the last server here had, so the UI stays at one address across restarts."""
    try:
        return int((home / "server.port").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _is_server(pid: int) -> bool:
    """Whether `pid` is alive and, where the OS says (Linux /proc), a Prefect server: a pid
    reused by another program after a reboot is not ours to stop."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, but another user's: not ours
        return False
    cmdline = Path(f"/proc/{pid}/cmdline")
    if not cmdline.exists():
        return not Path("/proc/self").exists()  # no /proc at all: trust the record
    try:
        args = cmdline.read_bytes().split(b"\0")
        status = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    zombie = status.rsplit(")", 1)[-1].split()[0] == "Z"
    return not zombie and b"prefect" in args and b"server" in args


def _end(pid: int, grace_s: float, child: subprocess.Popen[bytes] | None = None) -> None:
    """SIGTERM to the server's process group (it leads its own session), SIGKILL after `grace_s`."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace_s
    while time.monotonic() < deadline:
        if child is not None and child.poll() is not None:
            return
        if child is None and not _is_server(pid):
            return
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
    if child is not None:
        child.wait(5)


def connect(settings: Settings, say: Callable[[str], None] = print) -> str | None:
    """Point this process (and the workers it starts) at the Prefect server a command uses: the
    user's own if they chose one, else the background server, started if need be. Returns its
    API URL, or None when Prefect is to start its temporary server (`settings.prefect_server`)."""
    if user_api_url(os.environ) or settings.prefect_server == TEMPORARY_SERVER:
        return None
    server = ensure(prefect_home(), say)
    os.environ["PREFECT_API_URL"] = server.api_url
    return server.api_url
