"""Score extraction on our own corpus (tests/cases), then, when ../shared is there, on the seeds
and on the real reports (../shared/real). Uses ../shared/score.py when present, our own strict
comparer (ingest.run.scoring) otherwise.

python scripts/evaluate.py [--shared ../shared] [--show]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from ingest.run.evaluation import write_predictions
from ingest.run.scoring import read_jsonl, rule_precision, rule_table, score_files

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument(
        "--shared", default=str(ROOT.parent / "shared"), help="folder holding score.py, the seeds and real/"
    )
    ap.add_argument("--show", action="store_true", help="list missed and extra facts (with score.py)")
    args = ap.parse_args()
    shared = Path(args.shared)
    score = shared / "score.py"
    sets = [("our corpus (tests/cases)", ROOT / "tests/cases/articles", ROOT / "tests/cases/gold.jsonl")]
    if (shared / "seeds").is_dir():
        sets.append(("seeds (development set)", shared / "seeds", shared / "gold/seeds.jsonl"))
    if (shared / "real/articles").is_dir() and (shared / "real/gold.jsonl").exists():
        sets.append(("real reports (../shared/real)", shared / "real/articles", shared / "real/gold.jsonl"))
    if not score.exists():
        print(f"no score.py in {shared}: strict scores from our own comparer", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        for title, folder, gold in sets:
            pred = Path(tmp) / "pred.jsonl"
            write_predictions(folder, pred)
            print(f"\n== {title}", flush=True)
            if score.exists():
                cmd = [sys.executable, str(score), "--pred", str(pred), "--gold", str(gold)]
                subprocess.run(cmd + (["--show"] if args.show else []), check=True)
            else:
                print(score_files(gold, pred).line())
            print(rule_table(rule_precision(read_jsonl(gold), read_jsonl(pred))), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
