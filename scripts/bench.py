"""Benchmark: a synthetic corpus through the real flow, then an unchanged re-run.

    python scripts/bench.py [--articles 20000] [--workdir DIR] [--keep] [--batch-size 2000]

Generates N articles of our own synthetic text (scripts/bench_corpus.py), measures the scan
floor (one compiled regex over the same files on one core), the fixed start-up and the wall time
of a one-article `newsfacts run` (command to summary, warm), then runs the ingest flow into a fresh
warehouse and prints articles/s, MB/s, the ratio to the scan floor, the time of each stage and
the peak memory of the flow process and of each worker; then runs again on the unchanged corpus.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from bench_corpus import generate

# the scan floor: one pass of one compiled pattern (a number and the word after it) over every file
_FLOOR = re.compile(r"[0-9]+(?:[.,][0-9]+)*\s+\w+")


def scan_floor(corpus: Path) -> float:
    """Wall seconds for one core to read every file of the corpus and run one compiled regex over
    it: wall time, as the run's, so that a loaded machine slows both."""
    start = time.perf_counter()
    hits = 0
    for path in sorted(corpus.rglob("*")):
        if path.is_file():
            hits += sum(1 for _ in _FLOOR.finditer(path.read_text(encoding="utf-8")))
    assert hits
    return time.perf_counter() - start


class PeakMemory:
    """Samples the peak RSS (VmHWM) of this process's worker processes while a run goes on. VmHWM
    is the process's own high-water mark, so a sample every 2 s loses no peak of a worker that
    lives through the run; listing the children reads every process of the machine, which at
    5 samples a second took 6.6 s of this process's CPU from the workers over a 250,000-article run."""

    def __init__(self, interval_s: float = 2.0) -> None:
        self._me = psutil.Process()
        self.workers: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, args=(interval_s,), daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self, interval_s: float) -> None:
        while not self._stop.wait(interval_s):
            for child in self._me.children(recursive=True):
                try:
                    command = " ".join(child.cmdline())
                    if "multiprocessing" not in command or "resource_tracker" in command:
                        continue  # not a worker of the task runner (the Prefect server, a CLI run)
                    status = Path(f"/proc/{child.pid}/status").read_text()
                except (OSError, psutil.Error):  # gone between listing and reading
                    continue
                kb = next(
                    (int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM")), 0
                )
                self.workers[child.pid] = max(self.workers.get(child.pid, 0.0), kb / 1024)


def cli_run(work: Path, path: Path, db: Path) -> float:
    """Wall seconds of `newsfacts run PATH --db DB`, from the command until it exits (after its summary)."""
    exe = Path(sys.executable).parent / "newsfacts"
    start = time.perf_counter()
    subprocess.run([str(exe), "run", str(path), "--db", str(db)], check=True, capture_output=True, cwd=work)
    return time.perf_counter() - start


def small_runs(work: Path, times: int = 3) -> tuple[float, float]:
    """Medians of: the fixed start-up (a `newsfacts run` whose one file is unchanged: nothing is
    read, extracted or loaded) and a one-article run (a new article each time), both warm."""
    db = work / "small.duckdb"
    one, fixed = [], []
    for k in range(times + 1):
        article = work / "small" / f"one-{k}.txt"
        article.parent.mkdir(exist_ok=True)
        article.write_text(
            f"Russia launched {5 + k} drones at Kharkiv overnight, the air force said on Monday."
        )
        took = cli_run(work, article, db)
        if k:  # the first run starts the background server if none is up, and makes the warehouse
            one.append(took)
            fixed.append(cli_run(work, article, db))
    return statistics.median(fixed), statistics.median(one)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--batch-size", type=int, default=2000)
    ap.add_argument("--workdir", type=Path, default=None, help="where to put the corpus and the warehouse")
    ap.add_argument("--keep", action="store_true", help="keep the corpus and warehouse")
    ap.add_argument(
        "--dask",
        action="store_true",
        help="then the same run on a Dask LocalCluster (two worker processes) into a second "
        "warehouse, compared with the first",
    )
    args = ap.parse_args()

    from flows.environment import prepare_prefect, without_flow_heartbeats
    from flows.prefect_server import connect
    from ingest.settings import Settings

    prepare_prefect()
    connect(Settings())  # the background server `newsfacts run` uses, started if need be
    from flows.ingest_flow import WORKERS, ingest

    work = args.workdir or Path(tempfile.mkdtemp(prefix="newsfacts-bench-"))
    corpus, db = work / "corpus", work / "bench.duckdb"
    shutil.rmtree(corpus, ignore_errors=True)
    db.unlink(missing_ok=True)
    corpus.mkdir(parents=True)
    t = time.perf_counter()
    size = generate(corpus, args.articles)
    n, mb = args.articles, size / 1e6
    print(f"corpus: {n} articles, {mb:.0f} MB of text, generated in {time.perf_counter() - t:.1f} s")

    floor = scan_floor(corpus)
    print(
        f"scan floor (one regex over the files, one core): {n / floor:.0f} articles/s, {mb / floor:.1f} MB/s"
    )
    fixed, one = small_runs(work)
    print(f"fixed start-up (`newsfacts run`, nothing new to read; median of 3): {fixed:.2f} s")
    print(f"one-article run (`newsfacts run`, command to summary, warm; median of 3): {one:.2f} s")

    # the flow as `newsfacts run` runs it (without Prefect's heartbeats, flows/environment.py)
    with PeakMemory() as memory, without_flow_heartbeats():
        t = time.perf_counter()
        summary = ingest([str(corpus)], str(db), args.batch_size)
        total = time.perf_counter() - t
    sec, cpu, counts = summary.seconds, summary.cpu_seconds, summary.counts
    rate = n / total
    print(f"first run: {total:.1f} s wall — {rate:.0f} articles/s, {mb / total:.1f} MB/s")
    print(
        f"  scan-floor ratio: {rate * floor / n / WORKERS:.3f} of {WORKERS} cores' worth of the scan floor "
        f"({rate * floor / n:.2f} of one core's)"
    )
    print(
        f"  stages (wall): plan {sec['plan']:.1f} s, read+extract+validate {sec['process']:.1f} s, "
        f"load {sec['load']:.2f} s ({n / sec['load']:.0f} articles/s)"
    )
    extract = cpu.get("extract", 0)
    print(
        f"  worker CPU: read {cpu.get('read', 0):.1f} s, extract {extract:.1f} s "
        f"({1000 * extract / n:.2f} ms an article), validate {cpu.get('validate', 0):.1f} s"
    )
    print(
        f"  facts loaded {counts.facts_loaded}, quarantined {counts.facts_quarantined}, articles new {counts.articles_new}"
    )
    flow_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = ", ".join(f"{mb_:.0f}" for mb_ in sorted(memory.workers.values(), reverse=True)) or "none seen"
    print(f"  peak RSS: flow process {flow_mb:.0f} MB; each worker (MB): {workers}")

    t = time.perf_counter()
    with without_flow_heartbeats():
        again = ingest([str(corpus)], str(db), args.batch_size)
    rerun = time.perf_counter() - t
    print(
        f"unchanged re-run: {rerun:.2f} s ({100 * rerun / total:.1f} % of the first run), "
        f"{again.counts.articles_unchanged} unchanged, {again.counts.articles_new} new"
    )
    same = True
    if args.dask:
        same = dask_run(corpus, db, work / "bench-dask.duckdb", args.batch_size, n)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if same else 1


# what must be equal between two warehouses built from the same corpus (ids are content hashes)
SAME = {
    "articles": "select article_id, source, text from {db}.articles",
    "facts": "select fact_id, metric, value, actor, target, weapon, location, event_date, "
    "attributed_to, evidence from {db}.facts",
    "quarantine": "select quarantine_id, fact_id, check_name, message from {db}.quarantine",
    "events": "select event_id, kind, event_date from {db}.events",
}


def dask_run(corpus: Path, local: Path, remote: Path, batch_size: int, n: int) -> bool:
    """The corpus again, its batches extracted on a Dask LocalCluster (as `newsfacts run --dask`
    does on a real one), into a fresh warehouse; then every table of SAME compared row for row."""
    import logging

    import duckdb
    from distributed import LocalCluster

    logging.getLogger("distributed").setLevel(logging.WARNING)  # not a line per worker event

    from flows.ingest_flow import WORKERS, ingest
    from flows.runners import dask_runner

    with LocalCluster(
        n_workers=WORKERS, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        t = time.perf_counter()
        summary = ingest.with_options(task_runner=dask_runner(cluster.scheduler_address))(
            [str(corpus)], str(remote), batch_size
        )
        total = time.perf_counter() - t
    print(
        f"dask run (LocalCluster, {WORKERS} worker processes): {total:.1f} s wall — {n / total:.0f} "
        f"articles/s, load {summary.seconds['load']:.2f} s, facts loaded {summary.counts.facts_loaded}"
    )
    con = duckdb.connect(str(local), read_only=True)
    try:
        con.execute("attach ? as remote (read_only)", [str(remote)])
        differ = []
        for table, query in SAME.items():
            a, b = query.format(db=local.stem.replace("-", "_")), query.format(db="remote")
            rows = con.execute(f"select count(*) from ({a})").fetchall()[0][0]
            extra = con.execute(f"select count(*) from ({a} except all {b})").fetchall()[0][0]
            missing = con.execute(f"select count(*) from ({b} except all {a})").fetchall()[0][0]
            if extra or missing:
                differ.append(f"{table}: {extra} rows only in the local run, {missing} only in the Dask run")
            else:
                print(f"  {table}: {rows} rows, identical")
    finally:
        con.close()
    print(
        "dask warehouse identical to the local one"
        if not differ
        else "dask warehouse DIFFERS: " + "; ".join(differ)
    )
    return not differ


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    sys.exit(main())
