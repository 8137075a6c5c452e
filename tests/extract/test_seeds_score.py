"""The seeds' score as ../shared/score.py computes it (skipped where ../shared is absent)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ingest.run.evaluation import write_predictions

ROOT = Path(__file__).resolve().parents[2]


def strict_f1(score: Path, articles: Path, gold: Path, tmp: Path) -> float:
    pred = tmp / "pred.jsonl"
    write_predictions(articles, pred)
    done = subprocess.run(
        [sys.executable, str(score), "--pred", str(pred), "--gold", str(gold), "--json"],
        capture_output=True, text=True, check=True,
    )
    return float(json.loads(done.stdout)["strict"]["f1"])


def test_seeds_strict_f1_is_at_least_085(shared: Path, tmp_path: Path) -> None:
    assert strict_f1(shared / "score.py", shared / "seeds", shared / "gold/seeds.jsonl", tmp_path) >= 0.85


def test_our_corpus_strict_f1_does_not_regress(shared: Path, tmp_path: Path) -> None:
    f1 = strict_f1(shared / "score.py", ROOT / "tests/cases/articles", ROOT / "tests/cases/gold.jsonl", tmp_path)
    assert f1 >= 0.70
