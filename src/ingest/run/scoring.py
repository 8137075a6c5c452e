"""Our own comparer of extracted facts with a gold file, so that the golden corpus (tests/cases)
counts on a clean clone. Strict matching as the shared facts spec describes it: within one
article a predicted fact matches a gold fact when metric, value, value_max, actor and target all
agree, each fact matched at most once; `cumulative` facts are left out on both sides, and a gold
row of kind `none` names an article that states no fact."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STRICT = ("metric", "value", "value_max", "actor", "target")
LEFT_OUT = ("cumulative", "none")


@dataclass(frozen=True)
class Score:
    gold: int
    predicted: int
    matched: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        return (
            f"facts: gold {self.gold} predicted {self.predicted} | "
            f"strict P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f}"
        )


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    with Path(path).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def strict_score(gold: Iterable[Mapping[str, Any]], predicted: Iterable[Mapping[str, Any]]) -> Score:
    """Strict precision and recall of `predicted` against `gold` (rows with an `article` field);
    predictions for articles the gold file does not name are left out, identical ones count once."""
    gold_rows = list(gold)
    articles = {_article(g) for g in gold_rows}
    wanted: dict[str, Counter[tuple[Any, ...]]] = defaultdict(Counter)
    for g in gold_rows:
        if _kind(g) not in LEFT_OUT:
            wanted[_article(g)][_key(g)] += 1
    seen: set[tuple[Any, ...]] = set()
    found: dict[str, Counter[tuple[Any, ...]]] = defaultdict(Counter)
    for p in predicted:
        article = _article(p)
        same = (article, *_key(p), str(p.get("event_date"))[:10], _text(p.get("location")))
        if article not in articles or _kind(p) in LEFT_OUT or same in seen:
            continue
        seen.add(same)
        found[article][_key(p)] += 1
    matched = sum(sum((wanted[a] & found[a]).values()) for a in articles)
    return Score(
        sum(sum(c.values()) for c in wanted.values()), sum(sum(c.values()) for c in found.values()), matched
    )


def rule_precision(
    gold: Iterable[Mapping[str, Any]], predicted: Iterable[Mapping[str, Any]]
) -> dict[str, tuple[int, int]]:
    """How often each extraction rule is right: rule -> (facts matched strictly, facts it
    produced), most used first. The first place to look when a number is wrong."""
    wanted: dict[str, Counter[tuple[Any, ...]]] = defaultdict(Counter)
    for g in gold:
        if _kind(g) not in LEFT_OUT:
            wanted[_article(g)][_key(g)] += 1
    seen: set[tuple[Any, ...]] = set()
    used: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for p in predicted:
        article = _article(p)
        same = (article, *_key(p))
        if article not in wanted or _kind(p) in LEFT_OUT or same in seen:
            continue
        seen.add(same)
        rule = str(p.get("rule") or "?")
        used[rule] += 1
        if wanted[article][_key(p)] > 0:
            wanted[article][_key(p)] -= 1
            right[rule] += 1
    return {rule: (right[rule], n) for rule, n in used.most_common()}


def rule_table(by_rule: Mapping[str, tuple[int, int]]) -> str:
    lines = ["rule                         right / facts  precision"]
    lines += [f"{rule:28} {ok:5} / {n:<5}  {ok / n:.2f}" for rule, (ok, n) in by_rule.items()]
    return "\n".join(lines)


def score_files(gold: str | Path, predicted: str | Path) -> Score:
    return strict_score(read_jsonl(gold), read_jsonl(predicted))


def _article(row: Mapping[str, Any]) -> str:
    return Path(str(row.get("article") or "")).name


def _kind(row: Mapping[str, Any]) -> str:
    return _text(row.get("kind")) or ""


def _key(row: Mapping[str, Any]) -> tuple[Any, ...]:
    return tuple(_int(row.get(c)) if c.startswith("value") else _text(row.get(c)) for c in STRICT)


def _int(value: Any) -> int | None:
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


def _text(value: Any) -> str | None:
    return str(value).strip().lower() or None if value is not None else None
