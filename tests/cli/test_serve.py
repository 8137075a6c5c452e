"""`newsfacts serve`, `runs` and concurrent `run`s as a user starts them: real processes, a real
Prefect server, a real warehouse."""

from __future__ import annotations

import itertools
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import httpx
import pytest
from support import write

from ingest.run import lock as runlock

pytestmark = pytest.mark.flow

EXE = Path(sys.executable).parent / "newsfacts"
PREFECT_LOG_LINE = re.compile(r"\d\d:\d\d:\d\d\.\d{3} \| [A-Z]+ +\| ")
ARTICLE = """\
 date 2025-06-02 Russia launched 40 drones at the Odesa region overnight, the Ukrainian air force said.
Air defences shot down 35 of them, according to the same statement.
"""


def env(api_url: str | None, tmp_path: Path) -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    e["XDG_DATA_HOME"] = str(tmp_path / "data")  # a server newsfacts starts keeps its database here
    if api_url:
        e["PREFECT_API_URL"] = api_url
    return e


def config(tmp_path: Path, sources: str) -> Path:
    path = tmp_path / "newsfacts.toml"
    path.write_text(
        f'[warehouse]\npath = "warehouse/wh.duckdb"\n\n{textwrap.dedent(sources)}', encoding="utf-8"
    )
    return path


def wait_for(predicate: object, timeout_s: float, what: str, err: Path | None = None) -> None:
    """Wait for `predicate`; fail with `what` and the end of the process's stderr (`err`) if not."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.5)
    said = f"; its stderr ends:\n{err.read_text()[-3000:]}" if err is not None and err.exists() else ""
    raise AssertionError(f"{what}: not within {timeout_s} s{said}")


def articles(db: Path) -> list[str]:
    """Article sources, or [] while a run holds the warehouse for writing."""
    if not db.exists():
        return []
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error:
        return []
    try:
        return [r[0] for r in con.execute("select source from articles").fetchall()]
    except duckdb.Error:
        return []
    finally:
        con.close()


def stop(proc: subprocess.Popen[str], timeout_s: float = 30) -> float:
    started = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout_s)
    return time.monotonic() - started


def test_a_served_interval_schedule_picks_up_a_file_dropped_into_the_inbox(
    prefect_server: str, tmp_path: Path
) -> None:
    cfg = config(
        tmp_path,
        """
        [[sources]]
        name = "dropbox"
        path = "inbox/"
        interval = "5s"
        move_processed = true
        """,
    )
    out, err = tmp_path / "serve.out", tmp_path / "serve.err"
    with open(out, "w") as o, open(err, "w") as e:
        proc = subprocess.Popen(
            [str(EXE), "serve", "--config", str(cfg)],
            stdout=o,
            stderr=e,
            env=env(prefect_server, tmp_path),
            text=True,
            cwd=tmp_path,  # its `warehouse/` data folder must not hide the `warehouse` package
        )
    try:
        wait_for(lambda: "serving 1 source" in out.read_text(), 120, "serve did not start", err)
        partial = write(tmp_path / "inbox", ".attack.txt.part", ARTICLE)
        partial.rename(tmp_path / "inbox" / "attack.txt")  # dropped in one step, as a user should
        db = tmp_path / "warehouse" / "wh.duckdb"
        target = str(tmp_path / "inbox" / "processed" / "attack.txt")
        # a bound for a loaded machine: a 5 s interval picks it up within seconds on a quiet one
        wait_for(lambda: target in articles(db), 180, "the dropped file was not loaded", err)
    finally:
        stopped_in = stop(proc)
    assert proc.returncode == 0, err.read_text()[-2000:]
    assert stopped_in < 60
    assert f"dropbox: folder {tmp_path / 'inbox'}, every 5s" in out.read_text()

    runs = subprocess.run(
        [str(EXE), "runs", "--db", str(db), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert runs.returncode == 0, runs.stderr
    loaded = [r for r in json.loads(runs.stdout) if r["articles_new"]]
    assert loaded and loaded[0]["source"] == "dropbox" and loaded[0]["status"] == "completed"
    assert loaded[0]["duration_s"] > 0


def test_serve_starts_its_own_prefect_server_and_stops_it_on_sigterm(tmp_path: Path) -> None:
    cfg = config(
        tmp_path,
        """
        [[sources]]
        name = "nightly"
        path = "inbox/"
        cron = "0 3 * * *"
        """,
    )
    out, err = tmp_path / "serve.out", tmp_path / "serve.err"
    with open(out, "w") as o, open(err, "w") as e:
        proc = subprocess.Popen(
            [str(EXE), "serve", "--config", str(cfg)], stdout=o, stderr=e, env=env(None, tmp_path), text=True
        )
    try:
        wait_for(lambda: "serving 1 source" in out.read_text(), 120, "serve did not start its server")
        ui = re.search(r"Prefect UI: (http://127\.0\.0\.1:\d+)", out.read_text())
        assert ui, out.read_text()
        assert httpx.get(f"{ui.group(1)}/api/health", timeout=5).status_code == 200
        # the UI is told to call this server's own API (not Prefect's default 127.0.0.1:4200) ...
        settings = httpx.get(f"{ui.group(1)}/ui-settings", timeout=5).json()
        assert settings["api_url"] == f"{ui.group(1)}/api"

        # ... where the served deployment is listed
        def listed() -> list[str]:
            found = httpx.post(f"{settings['api_url']}/deployments/filter", json={}, timeout=10).json()
            return [d["name"] for d in found]

        wait_for(lambda: listed() == ["nightly"], 60, "the served deployment is not listed")
    finally:
        stopped_in = stop(proc)
    assert proc.returncode == 0, err.read_text()[-2000:]
    assert stopped_in < 30
    assert "stopping the Prefect server" in err.read_text() and err.read_text().rstrip().endswith("stopped")
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"{ui.group(1)}/api/health", timeout=2)
    assert (tmp_path / "data" / "newsfacts" / "prefect" / "server.log").exists()


def test_two_runs_on_one_warehouse_wait_for_each_other_and_never_interleave(
    prefect_server: str, tmp_path: Path
) -> None:
    db = tmp_path / "wh.duckdb"
    for n in range(3):
        write(tmp_path / f"in{n}", "attack.txt", ARTICLE.replace("40 drones", f"{40 + n} drones"))
    holder = runlock.acquire(db, "held-by-the-test", "test")  # every run starts while it is busy
    errs = [tmp_path / f"run{n}.err" for n in range(3)]
    procs = []
    for n in range(3):
        with open(errs[n], "w") as e:
            procs.append(
                subprocess.Popen(
                    [str(EXE), "run", str(tmp_path / f"in{n}"), "--db", str(db)],
                    stdout=subprocess.PIPE,
                    stderr=e,
                    env=env(prefect_server, tmp_path),
                    text=True,
                )
            )
    try:
        waiting = "waiting for run held-by-the-test (source test)"
        wait_for(lambda: all(waiting in e.read_text() for e in errs), 90, "the runs did not wait")
    finally:
        holder.release()
    for p, e in zip(procs, errs, strict=True):
        p.communicate(timeout=180)
        assert p.returncode == 0, e.read_text()
    con = duckdb.connect(str(db), read_only=True)
    spans = con.execute("select started_at, ended_at, status from runs order by started_at").fetchall()
    con.close()
    assert [s for _, _, s in spans] == ["completed"] * 3
    for (_, end, _), (start, _, _) in itertools.pairwise(spans):
        assert end <= start  # each run ended before the next began


def test_a_run_that_cannot_wait_any_longer_fails_with_one_sentence(
    prefect_server: str, tmp_path: Path
) -> None:
    db = tmp_path / "wh.duckdb"
    write(tmp_path / "in", "attack.txt", ARTICLE)
    with runlock.acquire(db, "long-run", "wire"):
        done = subprocess.run(
            [str(EXE), "run", str(tmp_path / "in"), "--db", str(db), "--wait", "1"],
            capture_output=True,
            text=True,
            env=env(prefect_server, tmp_path),
            timeout=120,
        )
    assert done.returncode == 1
    # Prefect's own log lines ("07:51:30.274 | WARNING | EventsWorker - Still processing …")
    # may follow ours while its event worker drains on exit: the last line is the last of ours
    ours = [line for line in done.stderr.strip().splitlines() if not PREFECT_LOG_LINE.match(line)]
    last = ours[-1]
    assert last.startswith(
        f"error: the run did not complete: the warehouse {db} is busy: run long-run (source wire)"
    )
    assert last.endswith("still holds it after waiting 1 s")


def test_serve_with_a_broken_config_says_what_and_where_in_one_line(tmp_path: Path) -> None:
    cfg = config(tmp_path, '[[sources]]\nname = "wire"\nfeed = "example.org/rss"\ninterval = "5m"\n')
    done = subprocess.run(
        [str(EXE), "serve", "--config", str(cfg)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"error: {cfg}: source 'wire': key 'feed' must be an http:// or https:// URL, got 'example.org/rss'"
    )
