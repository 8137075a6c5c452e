"""Score extraction on our own corpus (tests/cases) and on the seeds with ../shared/score.py.

python scripts/evaluate.py [--shared ../shared] [--show]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from ingest.run.evaluation import write_predictions

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument(
        "--shared", default=str(ROOT.parent / "shared"), help="folder holding score.py and the seeds"
    )
    ap.add_argument("--show", action="store_true", help="list missed and extra facts")
    args = ap.parse_args()
    shared = Path(args.shared)
    score = shared / "score.py"
    if not score.exists():
        print(f"no score.py in {shared}: nothing to score against", file=sys.stderr)
        return 2
    sets = [("our corpus (tests/cases)", ROOT / "tests/cases/articles", ROOT / "tests/cases/gold.jsonl")]
    if (shared / "seeds").is_dir():
        sets.append(("seeds (development set)", shared / "seeds", shared / "gold/seeds.jsonl"))
    with tempfile.TemporaryDirectory() as tmp:
        for title, folder, gold in sets:
            pred = Path(tmp) / "pred.jsonl"
            write_predictions(folder, pred)
            print(f"\n== {title}")
            cmd = [sys.executable, str(score), "--pred", str(pred), "--gold", str(gold)]
            subprocess.run(cmd + (["--show"] if args.show else []), check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
