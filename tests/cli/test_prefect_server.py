"""The local Prefect server that runs share: started once in the background by the first run
that finds none (never twice), reused by the next, stopped by `newsfacts server stop`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import write

from flows import prefect_server as servers

EXE = Path(sys.executable).parent / "newsfacts"
ARTICLE = """\
 date 2025-06-02 Russia launched 40 drones at the Odesa region overnight, the Ukrainian air force said.
Air defences shot down 35 of them, according to the same statement.
"""
STARTING = "starting the local Prefect server (once)"


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Path]:
    """A Prefect home of the test's own; whatever server a test starts there is stopped after it."""
    home = tmp_path / "prefect-home"
    try:
        yield home
    finally:
        servers.stop(home)


def env(home: Path) -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", "PREFECT_PROFILE")}
    e.update(
        NEWSFACTS_PREFECT_SERVER="background",
        NEWSFACTS_PREFECT_HOME=str(home),
        PREFECT_HOME=str(home.parent / "client-home"),  # no user's profile points elsewhere
    )
    return e


def newsfacts(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(EXE), *args], capture_output=True, text=True, env=env(home), timeout=300)


@pytest.mark.flow
def test_runs_start_one_background_server_reuse_it_and_server_stop_ends_it(
    home: Path, tmp_path: Path
) -> None:
    for n in range(2):
        write(tmp_path / f"in{n}", "attack.txt", ARTICLE.replace("40 drones", f"{40 + n} drones"))
    first = [  # two runs at once on a fresh machine: one starts the server, the other waits for it
        subprocess.Popen(
            [str(EXE), "run", str(tmp_path / f"in{n}"), "--db", str(tmp_path / f"wh{n}.duckdb")],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env(home),
        )
        for n in range(2)
    ]
    outputs = [p.communicate(timeout=300) for p in first]
    for p, (out, err) in zip(first, outputs, strict=True):
        assert p.returncode == 0, err
        assert "facts loaded: 2" in out
    assert sum(err.count(STARTING) for _, err in outputs) == 1
    server = servers.running(home)
    assert server is not None and server.api_url.startswith("http://127.0.0.1:")
    assert (home / "server.pid").read_text() == str(server.pid)  # `prefect server stop` finds it too

    again = newsfacts(home, "run", str(tmp_path / "in0"), "--db", str(tmp_path / "wh0.duckdb"))
    assert again.returncode == 0, again.stderr
    assert STARTING not in again.stderr and "1 unchanged" in again.stdout
    assert servers.running(home) == server

    (run, *_) = json.loads(
        newsfacts(home, "runs", "--db", str(tmp_path / "wh0.duckdb"), "--format", "json").stdout
    )
    assert (
        run["wall_s"] >= run["duration_s"] > 0
    )  # the wait includes Prefect's start-up and the flow's own time

    # the UI in the browser calls the API the server really listens on, whatever its port
    assert servers.ui_api_url(server.ui_url) == f"http://127.0.0.1:{server.port}/api" == server.api_url
    status = newsfacts(home, "server", "status")
    assert status.returncode == 0 and server.ui_url in status.stdout and "warning" not in status.stderr
    stopped = newsfacts(home, "server", "stop")
    assert stopped.returncode == 0 and f"pid {server.pid}" in stopped.stdout, stopped.stderr
    assert not servers.healthy(server.api_url) and servers.recorded(home) is None
    assert not (home / "server.pid").exists()
    assert newsfacts(home, "server", "status").returncode == 1


def test_a_record_of_a_server_that_is_gone_is_forgotten(tmp_path: Path) -> None:
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    (tmp_path / servers.STATE_FILE).write_text(
        json.dumps({"pid": int(gone.stdout), "port": 4999, "api_url": "http://127.0.0.1:4999/api"})
    )
    (tmp_path / servers.PID_FILE).write_text(gone.stdout.strip())
    assert servers.recorded(tmp_path) is None
    assert not (tmp_path / servers.STATE_FILE).exists() and not (tmp_path / servers.PID_FILE).exists()
    assert servers.stop(tmp_path) is None


def test_the_users_own_server_comes_from_the_environment_or_the_active_profile(tmp_path: Path) -> None:
    (tmp_path / "profiles.toml").write_text(
        'active = "local"\n[profiles.local]\nPREFECT_API_URL = "http://127.0.0.1:4300/api"\n[profiles.other]\n'
    )
    home = {"PREFECT_HOME": str(tmp_path)}
    assert servers.user_api_url(home) == "http://127.0.0.1:4300/api"
    assert servers.user_api_url({**home, "PREFECT_PROFILE": "other"}) is None
    assert servers.user_api_url({**home, "PREFECT_API_URL": "http://h:1/api"}) == "http://h:1/api"
    assert servers.user_api_url({"PREFECT_HOME": str(tmp_path / "none")}) is None


def test_a_slow_server_is_asked_again_and_a_closed_port_fails_at_once(tmp_path: Path) -> None:
    """`serve` against the user's server: a server that misses one deadline (a loaded machine)
    is still found; nothing listening is no server."""
    import socket
    import threading
    import time
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    calls: list[float] = []

    class SlowOnce(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            calls.append(time.monotonic())
            if len(calls) == 1:
                time.sleep(1.5)  # longer than the client waits
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"true")

        def log_message(self, *args: object) -> None:
            pass

    http = ThreadingHTTPServer(("127.0.0.1", 0), SlowOnce)
    threading.Thread(target=http.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{http.server_address[1]}/api"
        assert servers.answers(url, timeout_s=1.0)
        assert len(calls) == 2  # the first attempt timed out
    finally:
        http.shutdown()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}/api"
    assert not servers.answers(closed, timeout_s=5.0)
