"""Signals (issue 15, items 3, 4 and 12), with real processes, a real Prefect server and real
warehouses: Ctrl-C or SIGTERM stops a multi-batch `newsfacts run` at once, cancelled and leaving
the warehouse as it was; SIGKILL leaves no process behind; SIGTERM on `serve` loses no inbox file.
The long versions (N times each, mid-extraction and mid-load) are `make stress`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from support import rows

from ingest.run import lock as runlock
from ingest.run.interrupt import alive, descendants

pytestmark = pytest.mark.flow

EXE = Path(sys.executable).parent / "newsfacts"
PLACES = ["Odesa", "Kharkiv", "Dnipro", "Sumy", "Kherson", "Mykolaiv", "Poltava", "Zaporizhzhia"]
TABLES = ("articles", "article_sources", "facts", "quarantine", "read_failures", "files", "events")
PATIENCE_S = 240  # a bound for polling on a loaded machine, not a measure of speed


def env(api_url: str, **extra: str) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"},
        "PREFECT_API_URL": api_url,
        **extra,
    }


def article(i: int) -> str:
    place = PLACES[i % len(PLACES)]
    return (
        f" date 2025-05-{1 + i % 28:02d} Russia launched {20 + i} drones at the {place} region overnight, "
        f"the Ukrainian air force said. Air defences shot down {10 + i // 2} of them.\n\n"
        f"{1 + i % 5} people were injured in {place}, the regional governor said.\n"
    )


def corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True)
    for i in range(n):
        (folder / f"a{i:04d}.txt").write_text(article(i), encoding="utf-8")
    return folder


def counts(db: Path) -> dict[str, int]:
    return {t: rows(db, f"select count(*) from {t}")[0][0] for t in TABLES}


_STDERR: dict[int, Path] = {}  # where each process started here writes its stderr


def _stderr_of(proc: subprocess.Popen[bytes]) -> str:
    err = _STDERR.get(proc.pid)
    return f"; its stderr ends:\n{err.read_text()[-4000:]}" if err is not None and err.exists() else ""


def wait_until(
    predicate: Callable[[], object], what: str, proc: subprocess.Popen[bytes] | None = None
) -> None:
    deadline = time.monotonic() + PATIENCE_S
    while not predicate():
        if proc is not None and proc.poll() is not None:
            pytest.fail(f"the process ended (exit {proc.returncode}) before {what}{_stderr_of(proc)}")
        assert time.monotonic() < deadline, f"not within {PATIENCE_S} s: {what}"
        time.sleep(0.05)


def staged(db: Path) -> int:
    """Parquet files of articles staged by the run in progress (one per batch, one empty)."""
    return len(list(Path(f"{db}.staging").glob("*/articles-*.parquet")))


def start_run(articles: Path, db: Path, api_url: str, err: Path) -> subprocess.Popen[bytes]:
    with open(err, "w") as e:  # small batches: worker processes extract them
        proc = subprocess.Popen(
            [str(EXE), "run", str(articles), "--db", str(db), "--batch-size", "20"],
            stdout=subprocess.DEVNULL,
            stderr=e,
            env=env(api_url),
            start_new_session=True,  # its own process group: what a terminal's Ctrl-C reaches
        )
    _STDERR[proc.pid] = err
    return proc


# --- Ctrl-C and SIGTERM on `newsfacts run` ---------------------------------------------------------


@pytest.mark.parametrize(
    ("sig", "to_group", "when"),
    [
        (signal.SIGINT, True, "extracting"),  # Ctrl-C in a terminal: the whole process group
        (signal.SIGTERM, False, "extracting"),  # `kill PID`
        (signal.SIGINT, True, "every batch staged"),  # the load, or about to start it
    ],
    ids=[
        "sigint-to-the-group-mid-extraction",
        "sigterm-to-the-run-mid-extraction",
        "sigint-after-extraction",
    ],
)
def test_one_signal_stops_a_multi_batch_run_cancelled_with_the_warehouse_as_it_was(
    prefect_server: str, tmp_path: Path, sig: signal.Signals, to_group: bool, when: str
) -> None:
    articles = corpus(tmp_path / "in", 240)
    db = tmp_path / "wh.duckdb"
    err = tmp_path / "run.err"
    first = subprocess.run(  # the warehouse holds something already: it must be left as it was
        [str(EXE), "run", str(articles / "a0000.txt"), "--db", str(db)],
        capture_output=True,
        env=env(prefect_server),
    )
    assert first.returncode == 0, first.stderr
    before = counts(db)
    run = start_run(articles, db, prefect_server, err)
    want = 2 if when == "extracting" else 1 + 240 // 20  # the empty one, then one per batch
    wait_until(lambda: staged(db) >= want, f"{want} files were staged", run)
    children = descendants(run.pid)
    assert children, "the run started no worker processes"

    (os.killpg if to_group else os.kill)(run.pid, sig)
    code = run.wait(PATIENCE_S)  # before the fix: still running after 150 s, a second Ctrl-C did nothing

    assert code == 128 + sig, err.read_text()[-3000:]
    lines = err.read_text().strip().splitlines()
    assert any(line.startswith(f"stopped by {sig.name}: run ") and "cancelled" in line for line in lines), (
        lines
    )
    assert "Traceback" not in err.read_text()
    wait_until(
        lambda: not [p for p in children if alive(p)], "the workers and the resource tracker were gone"
    )
    assert rows(db, "select status, error from runs order by started_at")[-1] == (
        "cancelled",
        f"stopped by {sig.name}",
    )
    assert counts(db) == before  # all or nothing: nothing of the stopped run
    assert not Path(f"{db}.staging").exists()
    with runlock.acquire(db, "after", wait_s=0):  # the run lock is free at once
        pass

    again = subprocess.run(
        [str(EXE), "run", str(articles), "--db", str(db)], capture_output=True, env=env(prefect_server)
    )
    assert again.returncode == 0, again.stderr
    assert counts(db)["articles"] == 240
    assert [s for (s,) in rows(db, "select status from runs order by started_at")] == [
        "completed",
        "cancelled",
        "completed",
    ]


# --- no orphans ------------------------------------------------------------------------------------


def test_a_run_killed_with_sigkill_alone_leaves_no_worker_or_resource_tracker_behind(
    prefect_server: str, tmp_path: Path
) -> None:
    articles = corpus(tmp_path / "in", 200)
    db = tmp_path / "wh.duckdb"
    run = start_run(articles, db, prefect_server, tmp_path / "run.err")
    wait_until(lambda: staged(db) >= 2, "a batch was staged", run)
    children = descendants(run.pid)
    names = [Path(f"/proc/{p}/cmdline").read_bytes() for p in children]
    assert any(b"resource_tracker" in n for n in names) and any(b"spawn_main" in n for n in names), names

    os.kill(run.pid, signal.SIGKILL)  # the main process only, not its group: nobody else tells the workers
    assert run.wait(30) == -signal.SIGKILL

    # before the fix: both workers and the resource tracker ran on, adopted by init
    wait_until(lambda: not [p for p in children if alive(p)], "every process the run started was gone")


# --- SIGTERM on `serve` with an inbox ------------------------------------------------------------


def serve(cfg: Path, api_url: str, tmp_path: Path, name: str) -> subprocess.Popen[bytes]:
    with open(tmp_path / f"{name}.out", "w") as o, open(tmp_path / f"{name}.err", "w") as e:
        proc = subprocess.Popen(
            [str(EXE), "serve", "--config", str(cfg)],
            stdout=o,
            stderr=e,
            env=env(api_url, XDG_DATA_HOME=str(tmp_path / "data")),
            cwd=tmp_path,
        )
    _STDERR[proc.pid] = tmp_path / f"{name}.err"
    return proc


def stopped(proc: subprocess.Popen[bytes], err: Path) -> int:
    """The exit code of a process told to stop; if it is still there after PATIENCE_S, it is
    killed and the test fails with the end of its stderr (where it was, if it said)."""
    try:
        return proc.wait(PATIENCE_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        pytest.fail(
            f"still running {PATIENCE_S} s after SIGTERM; its stderr ends:\n{err.read_text()[-4000:]}"
        )


# a serve whose stop handler is installed and whose shutdown will hang: a thread that never ends,
# as a stuck worker thread of Prefect's would; it says "ready", then the test goes on
_HUNG_SERVE = textwrap.dedent(
    """\
    import os, signal, sys, threading, time
    from flows import serve
    serve.STOP_S = 1.0
    signal.signal(signal.SIGINT, serve._stop_runs_first)
    threading.Thread(target=lambda: time.sleep(3600), name="stuck-worker").start()
    print("ready", flush=True)
    """
)


def test_serve_leaves_when_prefects_shutdown_hangs_after_a_stop(tmp_path: Path) -> None:
    """A serve whose runner never finishes shutting down (here: a thread that never ends, as a
    stuck worker thread of Prefect's would) still exits soon after the signal, and says where it hung."""
    script = _HUNG_SERVE + textwrap.dedent(
        """\
        try:
            time.sleep(3600)
        except KeyboardInterrupt:
            pass  # the main thread ends; the interpreter then waits for the stuck thread
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path
    )
    assert proc.stdout is not None and proc.stdout.readline() == b"ready\n"
    began = time.monotonic()
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=PATIENCE_S)  # before the fix: it waited for the thread, an hour
    assert proc.returncode == 0
    assert time.monotonic() - began < 60  # a bound for a loaded machine: 1 s without load
    assert "had not stopped 1 s after the signal" in stderr.decode()
    assert "stuck-worker" in stderr.decode() or "Thread 0x" in stderr.decode()


def test_serve_leaves_after_a_stop_when_its_stderr_has_no_reader_any_more(tmp_path: Path) -> None:
    """The same hung shutdown, with stderr a pipe whose reader has gone (the terminal or the
    supervisor that started serve died): before the fix the line saying where it hung raised
    BrokenPipeError in the thread that was to end the process, and serve hung on for good."""
    script = _HUNG_SERVE + textwrap.dedent(
        """\
        sys.stdin.read()  # until the test closes its end: by then stderr's reader is gone too
        os.kill(os.getpid(), signal.SIGINT)
        try:
            time.sleep(3600)
        except KeyboardInterrupt:
            pass
        """
    )
    read_end, write_end = os.pipe()
    proc = subprocess.Popen(
        [sys.executable, "-c", script],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=write_end,
        cwd=tmp_path,
    )
    os.close(write_end)
    assert proc.stdout is not None and proc.stdin is not None and proc.stdout.readline() == b"ready\n"
    os.close(read_end)  # nobody reads serve's stderr any more
    proc.stdin.close()
    assert proc.wait(timeout=PATIENCE_S) == 0  # before the fix: still there after an hour


def test_a_flow_run_that_starts_after_serve_was_told_to_stop_is_stopped_too(tmp_path: Path) -> None:
    """A run that came due as the signal arrived: Prefect's runner may still start its process
    while it shuts down. Before the fix that run claimed the inbox the stopped run had given
    back and loaded it after `serve` had gone (make stress, 1 stop in 20). Here a stand-in
    flow-run process (`... prefect.engine` on its command line, as the runner starts them) is
    started after the stop: it gets SIGTERM at once, and serve still leaves by its deadline."""
    script = textwrap.dedent(
        """\
        import signal, subprocess, sys, threading, time
        from flows import serve
        threading.Thread(target=serve._leave_by, args=(time.monotonic() + 3.0, set()), daemon=True).start()
        time.sleep(0.5)
        late = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", "prefect.engine"])
        began = time.monotonic()
        code = late.wait(10)
        print(code, round(time.monotonic() - began, 2), flush=True)
        time.sleep(60)  # serve's own deadline ends the process
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, timeout=PATIENCE_S
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    code, waited = proc.stdout.split()
    assert int(code) == -signal.SIGTERM  # before the fix: it ran its 60 s, as the late run loaded
    assert float(waited) < 5  # a bound for a loaded machine: LATE_RUN_POLL_S without load
    assert "had not stopped 30 s after the signal" in proc.stderr


def loaded(db: Path) -> int:
    try:
        return int(rows(db, "select count(*) from articles")[0][0])
    except Exception:  # not there yet, or a run holds it for writing
        return -1


# enough that the run is still extracting when the stop reaches it, on a fast idle machine too
# (with 120 files the run had loaded everything before serve passed the signal on)
N_INBOX = 600


def test_sigterm_on_serve_mid_run_loses_no_inbox_file_and_a_restart_loads_each_once(
    prefect_server: str, tmp_path: Path
) -> None:
    box = corpus(tmp_path / "inbox", N_INBOX)
    db = tmp_path / "warehouse" / "wh.duckdb"
    cfg = tmp_path / "newsfacts.toml"
    cfg.write_text(
        textwrap.dedent(
            f"""\
            [warehouse]
            path = "{db}"
            batch_size = 20

            [[sources]]
            name = "signalled"  # a deployment name of its own on the session's Prefect server
            path = "{box}/"
            interval = "5s"
            move_processed = true
            """
        ),
        encoding="utf-8",
    )
    first = serve(cfg, prefect_server, tmp_path, "first")
    try:
        wait_until(lambda: staged(db) >= 2, "the served run staged a batch", first)
        assert not list(box.glob("*.txt"))  # every file claimed into processed/
        children = descendants(first.pid)
    finally:
        first.send_signal(signal.SIGTERM)
    assert stopped(first, tmp_path / "first.err") == 0, (tmp_path / "first.err").read_text()[-3000:]
    wait_until(lambda: not [p for p in children if alive(p)], "the flow run and its workers were gone")
    # before the fix: every file stayed in processed/, never read again, and none was loaded
    assert loaded(db) == 0
    assert len(list(box.glob("*.txt"))) == N_INBOX  # back in the inbox: the run was cancelled
    assert "cancelled" in [s for (s,) in rows(db, "select status from runs")]

    second = serve(cfg, prefect_server, tmp_path, "second")
    try:
        wait_until(lambda: loaded(db) == N_INBOX, "the restarted serve loaded the inbox", second)
    finally:
        second.send_signal(signal.SIGTERM)
        stopped(second, tmp_path / "second.err")
    assert rows(db, "select count(*), count(distinct source) from articles") == [(N_INBOX, N_INBOX)]
    assert sorted(Path(s).name for (s,) in rows(db, "select source from articles")) == [
        f"a{i:04d}.txt" for i in range(N_INBOX)
    ]
    assert all("/processed/" in s for (s,) in rows(db, "select source from articles"))
    assert not list(box.glob("*.txt")) and len(list((box / "processed").glob("*.txt"))) == N_INBOX
    assert not list((box / "processed").glob(".claims-*"))
