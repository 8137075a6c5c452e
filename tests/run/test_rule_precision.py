"""Precision per extraction rule, counted as the scorer counts facts."""

from __future__ import annotations

from ingest.run.scoring import rule_precision, rule_table


def _fact(article: str, value: int, rule: str, actor: str = "Russia", kind: str = "aerial_attack") -> dict:  # type: ignore[type-arg]
    target = "Ukraine" if actor == "Russia" else "Russia"
    return {"article": article, "kind": kind, "metric": "drones_launched", "value": value,
            "value_max": None, "actor": actor, "target": target, "rule": rule}  # fmt: skip


def test_each_rule_is_credited_with_its_right_facts_only() -> None:
    gold = [_fact("a", 40, ""), _fact("a", 12, ""), _fact("b", 7, "")]
    predicted = [
        _fact("a", 40, "aerial.launched"),
        _fact("a", 40, "aerial.launched"),  # the same row twice counts once
        _fact("a", 12, "aerial.impact", actor="Ukraine"),  # wrong direction
        _fact("b", 7, "aerial.impact"),
        _fact("b", 900, "aerial.launched", kind="cumulative"),  # left out, as by the scorer
    ]
    by_rule = rule_precision(gold, predicted)
    assert by_rule == {"aerial.impact": (1, 2), "aerial.launched": (1, 1)}
    assert "aerial.impact" in rule_table(by_rule)
