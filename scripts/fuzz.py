"""Long fuzzing of the reader and the extractor (`make fuzz`, docs/reliability.md "Fuzzing").

Runs the hypothesis tests of tests/fuzz in rounds until `--minutes` have passed (the round under
way when time is up finishes): each round gives every test `--examples` new random examples, with
hypothesis' example database in `.fuzz/hypothesis`, so a failure found once is tried first in
every later round until it is fixed. Each round's pytest output is kept in `.fuzz/<UTC time>-round-N.log`;
the totals (minutes, examples per test, failing tests) are printed and written to
`.fuzz/summary-<UTC time>.json`. One process, polars on one thread: fuzzing takes one core.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / ".fuzz"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=float(os.environ.get("FUZZ_MINUTES", "10")))
    parser.add_argument("--examples", type=int, default=300, help="examples per test and round")
    parser.add_argument("-k", default=None, help="only the fuzz tests pytest's -k selects")
    args = parser.parse_args(argv)

    OUT.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    counts = OUT / f"counts-{stamp}.json"
    env = {
        **os.environ,
        "NEWSFACTS_FUZZ_EXAMPLES": str(args.examples),
        "NEWSFACTS_FUZZ_COUNTS": str(counts),
        "POLARS_MAX_THREADS": "1",
    }
    started = time.monotonic()
    failed: dict[str, list[int]] = {}
    rounds = 0
    while time.monotonic() - started < args.minutes * 60:
        rounds += 1
        # no --hypothesis-seed: hypothesis draws a new one each round itself, and a forced seed
        # would turn its example database off
        cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/fuzz"]
        cmd += ["-k", args.k] if args.k else []
        log = OUT / f"{stamp}-round-{rounds}.log"
        with log.open("w") as fh:
            code = subprocess.run(cmd, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT).returncode
        names = re.findall(r"^FAILED (\S+)", log.read_text(), flags=re.M)
        for name in names:
            failed.setdefault(name, []).append(rounds)
        minutes = (time.monotonic() - started) / 60
        state = "passed" if code == 0 else f"FAILED ({', '.join(names) or f'pytest exit {code}'})"
        print(f"round {rounds}: {state}; {minutes:.1f} min so far", flush=True)

    examples = json.loads(counts.read_text()) if counts.exists() else {}
    summary = {
        "started": stamp,
        "minutes": round((time.monotonic() - started) / 60, 1),
        "rounds": rounds,
        "examples": examples,
        "total_examples": sum(examples.values()),
        "failed": failed,
    }
    (OUT / f"summary-{stamp}.json").write_text(json.dumps(summary, indent=1))
    print(json.dumps(summary, indent=1))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
