"""Stress, part 3: SIGINT and SIGTERM to `newsfacts run` (mid-extraction and mid-load) and to
`newsfacts serve` (mid-run, inbox folder with move_processed), N times each.

Each stopped run must exit with 128 + the signal within seconds, be marked `cancelled`, leave the
warehouse's counts as they were, free the run lock and leave no process behind; after the loop a
last run (or a restarted serve) must reach the counts of an uninterrupted run. Called by
scripts/stress.py (`--signals N`).
"""

from __future__ import annotations

import os
import shutil
import signal
import statistics
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from ingest.run.interrupt import alive, descendants

NEWSFACTS = str(Path(sys.executable).parent / "newsfacts")
TABLES = ("articles", "facts", "quarantine", "article_sources")
PATIENCE_S = 600.0  # polling bound on a loaded machine
BATCH = 100  # articles a batch: many batches, so that "mid-extraction" and "mid-load" both exist


def counts(db: Path) -> dict[str, int]:
    if not db.exists():
        return dict.fromkeys(TABLES, 0)
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}  # type: ignore[index]
    finally:
        con.close()


def last_status(db: Path) -> str | None:
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("select status from runs order by started_at desc limit 1").fetchone()
        return str(row[0]) if row else None
    finally:
        con.close()


def staged(db: Path) -> int:
    return len(list(Path(f"{db}.staging").glob("*/articles-*.parquet")))


def loading(db: Path) -> bool:
    """The run is in its load transaction: batches are staged and it holds the file for writing."""
    if staged(db) < 2:
        return False
    try:
        duckdb.connect(str(db), read_only=True).close()
        return False
    except duckdb.IOException:
        return True


def wait_for(predicate: Callable[[], bool], proc: subprocess.Popen[bytes]) -> bool:
    """Poll until `predicate`; False if the process ended first (or PATIENCE_S passed)."""
    deadline = time.monotonic() + PATIENCE_S
    while not predicate():
        if proc.poll() is not None or time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def survivors(pids: list[int], within_s: float = 10.0) -> list[int]:
    deadline = time.monotonic() + within_s
    while [p for p in pids if alive(p)] and time.monotonic() < deadline:
        time.sleep(0.05)
    return [p for p in pids if alive(p)]


def lock_free(db: Path) -> bool:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from ingest.run import lock; lock.acquire(sys.argv[1], 'check', wait_s=0)",
            str(db),
        ],
        capture_output=True,
    )
    return done.returncode == 0


def stop_runs(corpus: Path, work: Path, want: dict[str, int], n: int) -> bool:
    """`newsfacts run` stopped n times for each signal and moment; then a last run completes."""
    db = work / "signals.duckdb"
    good = True
    took: list[float] = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        for moment, now in (("mid-extraction", lambda: staged(db) >= 2), ("mid-load", lambda: loading(db))):
            ok = landed = 0
            for _ in range(n):
                before = counts(db)
                proc = subprocess.Popen(
                    [NEWSFACTS, "run", str(corpus), "--db", str(db), "--batch-size", str(BATCH)],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                    start_new_session=True,
                )
                if not wait_for(now, proc):
                    proc.wait()
                    continue  # it finished before the moment came: not counted as landed
                children = descendants(proc.pid)
                t = time.monotonic()
                if sig == signal.SIGINT:
                    os.killpg(proc.pid, sig)  # Ctrl-C in a terminal: the whole process group
                else:
                    os.kill(proc.pid, sig)
                _, stderr = proc.communicate(timeout=PATIENCE_S)
                took.append(time.monotonic() - t)
                landed += 1
                problems = []
                if proc.returncode != 128 + sig:
                    problems.append(f"exit {proc.returncode}")
                if last_status(db) != "cancelled":
                    problems.append(f"status {last_status(db)}")
                if counts(db) != before:
                    problems.append("the warehouse changed")
                if left := survivors(children):
                    problems.append(f"processes left: {left}")
                if not lock_free(db):
                    problems.append("the run lock is held")
                if problems:
                    print(f"   {sig.name} {moment}: {problems}; {stderr.decode()[-300:]}")
                ok += not problems
            print(
                f"run, {sig.name} {moment}: {ok} of {landed} stopped runs as required ({n - landed} finished first)"
            )
            good = good and ok == landed and landed > 0
    final = subprocess.run([NEWSFACTS, "run", str(corpus), "--db", str(db)], capture_output=True)
    got = counts(db)
    if took:
        print(
            f"run: signal to exit median {statistics.median(took):.2f} s, max {max(took):.2f} s over {len(took)}; "
            f"after the last run (exit {final.returncode}): {got}"
        )
    return good and final.returncode == 0 and got == want


def stop_serve(corpus: Path, work: Path, n: int) -> bool:
    """`newsfacts serve` over an inbox stopped mid-run n times per signal; then a restart loads
    every file exactly once, with the counts of an uninterrupted run over the same files."""
    box = work / "inbox"
    files = sorted(corpus.glob("00000/*.txt"))[: 6 * BATCH // 2]
    box.mkdir()
    for f in files:
        shutil.copy(f, box / f.name)
    reference = work / "serve-reference.duckdb"
    subprocess.run([NEWSFACTS, "run", str(box), "--db", str(reference)], check=True, capture_output=True)
    want = counts(reference)
    db = work / "served.duckdb"
    cfg = work / "newsfacts.toml"
    cfg.write_text(
        textwrap.dedent(
            f"""\
            [warehouse]
            path = "{db}"
            batch_size = {BATCH // 2}

            [[sources]]
            name = "inbox"
            path = "{box}/"
            interval = "5s"
            move_processed = true
            """
        ),
        encoding="utf-8",
    )
    good = True
    for sig in (signal.SIGINT, signal.SIGTERM):
        ok = landed = 0
        for _ in range(n):
            proc = subprocess.Popen(
                [NEWSFACTS, "serve", "--config", str(cfg)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                cwd=work,
                start_new_session=True,
            )
            if not wait_for(lambda: staged(db) >= 2, proc):
                proc.kill()
                proc.wait()
                continue
            children = descendants(proc.pid)
            if sig == signal.SIGINT:
                os.killpg(proc.pid, sig)
            else:
                os.kill(proc.pid, sig)
            _, stderr = proc.communicate(timeout=PATIENCE_S)
            landed += 1
            problems = []
            if proc.returncode != 0:
                problems.append(f"exit {proc.returncode}")
            if left := survivors(children):
                problems.append(f"processes left: {left}")
            if counts(db)["articles"] != 0:
                problems.append("articles loaded by a stopped run")
            if (back := len(list(box.glob("*.txt")))) != len(files):
                problems.append(f"{back} of {len(files)} files in the inbox")
            ok += not problems
            if problems:  # the inbox is not what the next stop needs: this signal's loop ends here
                print(f"   serve {sig.name}: {problems}; its stderr ends:\n{stderr.decode()[-3000:]}")
                break
        print(f"serve, {sig.name} mid-run: {ok} of {landed} stops lost no file and left no process")
        good = good and ok == landed and landed > 0
    proc = subprocess.Popen(
        [NEWSFACTS, "serve", "--config", str(cfg)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=work,
    )
    wait_for(lambda: _articles(db) >= want["articles"], proc)
    proc.send_signal(signal.SIGTERM)
    proc.wait(PATIENCE_S)
    got = counts(db)
    con = duckdb.connect(str(db), read_only=True)
    once = con.execute("select count(*) = count(distinct source) from articles").fetchone()[0]  # type: ignore[index]
    statuses = con.execute("select status, count(*) from runs group by 1 order by 1").fetchall()
    con.close()
    print(
        f"serve restarted: {got} (uninterrupted: {want}); each file once: {once}; runs by status: {statuses}"
    )
    return good and got == want and bool(once) and not list(box.glob("*.txt"))


def _articles(db: Path) -> int:
    """Articles in the warehouse; -1 while a run holds it for writing (checked and read at once:
    a check first and a read after races the run taking the lock)."""
    try:
        return counts(db)["articles"]
    except duckdb.Error:
        return -1
