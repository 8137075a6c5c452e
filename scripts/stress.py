"""Stress: reads while a run writes, and runs killed with SIGKILL at random points.

    python scripts/stress.py [--articles 20000] [--reads 1000] [--readers 4] [--kills 5] [--signals 10]

1. Reads during a run: a run loads N synthetic articles while several reader processes send
   `newsfacts sql` queries in a loop; every query must succeed and the run must load everything.
2. Crash safety: a run is killed with SIGKILL (with its worker processes) at a random moment,
   the warehouse is checked for consistency, and the next run must complete the work with the
   same final counts as an uninterrupted run. Repeated --kills times.
3. Signals: SIGINT and SIGTERM to `newsfacts run` (mid-extraction and mid-load) and to
   `newsfacts serve` (mid-run, on an inbox), --signals times each (scripts/stress_signals.py).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from bench import generate  # noqa: E402
from stress_signals import stop_runs, stop_serve  # noqa: E402

NEWSFACTS = str(Path(sys.executable).parent / "newsfacts")
TABLES = ("articles", "facts", "quarantine", "article_sources")


def run(corpus: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [NEWSFACTS, "run", str(corpus), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: SIGKILL reaches the workers too
    )


def reader(db: str, n: int, results: mp.Queue) -> None:
    ok = failed = 0
    errors: list[str] = []
    for _ in range(n):
        done = subprocess.run(
            [NEWSFACTS, "sql", "select count(*) from facts", "--db", db, "--format", "csv"],
            capture_output=True,
            text=True,
        )
        if done.returncode == 0:
            ok += 1
        else:
            failed += 1
            errors.append(done.stderr.strip()[:200])
    results.put((ok, failed, errors[:3]))


def counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}  # type: ignore[index]
    finally:
        con.close()


def consistent(db: Path) -> list[str]:
    """What is wrong with the warehouse after a crash (empty: nothing)."""
    if not db.exists():
        return []
    con = duckdb.connect(str(db), read_only=True)
    problems = []
    try:
        checks = {
            "facts without their article": "select count(*) from facts f anti join articles a using (article_id)",
            "open failures without their article": (
                "select count(*) from quarantine q anti join articles a using (article_id)"
            ),
            "completed runs without an end": "select count(*) from runs where status = 'completed' and ended_at is null",
        }
        for name, sql in checks.items():
            n = con.execute(sql).fetchone()[0]  # type: ignore[index]
            if n:
                problems.append(f"{n} {name}")
    finally:
        con.close()
    return problems


def reads_during_run(corpus: Path, work: Path, n_reads: int, n_readers: int) -> bool:
    db = work / "reads.duckdb"
    subprocess.run(
        [NEWSFACTS, "run", str(corpus / "00000"), "--db", str(db)], check=True, capture_output=True
    )
    proc = run(corpus, db)
    results: mp.Queue = mp.Queue()
    readers = [
        mp.Process(target=reader, args=(str(db), n_reads // n_readers, results)) for _ in range(n_readers)
    ]
    t = time.perf_counter()
    for p in readers:
        p.start()
    for p in readers:
        p.join()
    code = proc.wait()
    ok = failed = 0
    for _ in readers:
        a, b, errors = results.get()
        ok, failed = ok + a, failed + b
        for e in errors:
            print("   read failed:", e)
    c = counts(db)
    print(
        f"reads during a run: {ok} ok, {failed} failed in {time.perf_counter() - t:.0f} s; run exit {code}; {c}"
    )
    return failed == 0 and code == 0


def crash_loop(corpus: Path, work: Path, kills: int, seed: int) -> tuple[bool, dict[str, int]]:
    reference = work / "reference.duckdb"
    t = time.perf_counter()
    subprocess.run([NEWSFACTS, "run", str(corpus), "--db", str(reference)], check=True, capture_output=True)
    took = time.perf_counter() - t
    want = counts(reference)
    print(f"uninterrupted run: {took:.0f} s, {want}")
    r = random.Random(seed)
    db = work / "crash.duckdb"
    good = True
    killed = 0
    for i in range(kills):
        proc = run(corpus, db)
        delay = r.uniform(0.05, 0.95) * took  # anywhere in a run: start-up, extraction, the load
        time.sleep(delay)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            state = "killed"
            killed += 1
        else:
            state = "finished before the kill"
        problems = consistent(db)
        print(f"kill {i + 1}: after {delay:.1f} s, {state}; consistent: {not problems} {problems or ''}")
        good = good and not problems
    final = subprocess.run([NEWSFACTS, "run", str(corpus), "--db", str(db)], capture_output=True, text=True)
    got = counts(db)
    con = duckdb.connect(str(db), read_only=True)
    statuses = con.execute("select status, count(*) from runs group by 1 order by 1").fetchall()
    con.close()
    print(f"after the last run (exit {final.returncode}): {got}; runs by status: {statuses}")
    # every killed run that had registered is marked died (none is left 'running'); a loop in which
    # every run finished before its kill proves nothing
    print(f"{killed} of {kills} kills landed")
    still_running = dict(statuses).get("running", 0)
    ok = good and final.returncode == 0 and got == want and not still_running and (killed > 0 or kills == 0)
    return ok, want


def every_part(corpus: Path, work: Path, args: argparse.Namespace) -> bool:
    """Reads during a run, the kill loop, then the stops to `run` and to `serve`."""
    ok = args.skip_reads or reads_during_run(corpus, work, args.reads, args.readers)
    crashed_ok, want = crash_loop(corpus, work, args.kills, args.seed)
    ok = crashed_ok and ok
    if args.signals:
        ok = stop_runs(corpus, work, want, args.signals) and ok
        ok = stop_serve(corpus, work, args.signals) and ok
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--reads", type=int, default=1000)
    ap.add_argument("--readers", type=int, default=4)
    ap.add_argument("--kills", type=int, default=5)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--signals", type=int, default=10, help="stops per signal and moment (0: none)")
    ap.add_argument("--skip-reads", action="store_true", help="leave out part 1")
    ap.add_argument(
        "--serve-only", action="store_true", help="only the stops to `serve` (part 3's second half)"
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsfacts-stress-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        corpus.mkdir()
        generate(corpus, args.articles)
        ok = stop_serve(corpus, work, args.signals) if args.serve_only else every_part(corpus, work, args)
    print("stress:", "passed" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
