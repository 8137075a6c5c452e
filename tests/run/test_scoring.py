"""The comparer behind the golden-corpus test: strict keys, each fact matched once."""

from __future__ import annotations

from typing import Any

from ingest.run.scoring import strict_score


def fact(article: str, metric: str, value: int, **more: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"article": article, "kind": "aerial_attack", "metric": metric, "value": value}
    row.update({"value_max": None, "actor": "Russia", "target": "Ukraine", **more})
    return row


def test_a_fact_matches_only_when_every_strict_field_agrees() -> None:
    gold = [fact("a.txt", "drones_launched", 40), fact("a.txt", "drones_intercepted", 35)]
    pred = [fact("a.txt", "drones_launched", 40, actor="russia"), fact("a.txt", "drones_intercepted", 35, target=None)]
    score = strict_score(gold, pred)
    assert (score.gold, score.predicted, score.matched) == (2, 2, 1)
    assert score.precision == score.recall == score.f1 == 0.5


def test_each_gold_fact_is_matched_once_and_identical_predictions_count_once() -> None:
    gold = [fact("a.txt", "killed", 3)]
    twice = [fact("a.txt", "killed", 3), fact("a.txt", "killed", 3)]
    other_place = [fact("a.txt", "killed", 3), fact("a.txt", "killed", 3, location="Kharkiv")]
    assert strict_score(gold, twice).predicted == 1
    s = strict_score(gold, other_place)
    assert (s.predicted, s.matched) == (2, 1)


def test_cumulative_facts_and_articles_the_gold_does_not_name_are_left_out() -> None:
    gold = [fact("a.txt", "killed", 3), {"article": "none.txt", "kind": "none"}]
    pred = [
        fact("a.txt", "killed", 3),
        fact("a.txt", "killed", 4000, kind="cumulative"),
        fact("elsewhere.txt", "killed", 9),
        fact("none.txt", "injured", 2),  # an article that states no fact: a false one
    ]
    s = strict_score(gold, pred)
    assert (s.gold, s.predicted, s.matched) == (1, 2, 1)
