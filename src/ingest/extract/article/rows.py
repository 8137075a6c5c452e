"""Facts as rows: a number restated for the same event is one row; stable fact ids."""

from __future__ import annotations

import hashlib
from typing import Any

from ingest.extract.article.model import Fact
from schemas.vocabulary import CUMULATIVE


def merge_restated(facts: list[Fact]) -> list[Fact]:
    """A number restated for the same event is one fact; the title's copy yields to the body's."""
    kept: list[Fact] = []
    facts = _drop_restated_totals(facts)
    for f in sorted(facts, key=lambda f: f.in_title):  # body first
        twin = next((k for k in kept if _same_fact(k, f)), None)
        if twin is None:
            kept.append(f)
            continue
        if twin.metric == _PRISONERS and f.metric in _PARTS:
            twin.metric, twin.rule = f.metric, f.rule  # "30 people" restated as "30 POWs": the POWs
        for attr in ("weapon", "location", "event_date", "attributed_to"):
            if getattr(twin, attr) is None and getattr(f, attr) is not None:
                setattr(twin, attr, getattr(f, attr))
    kept.sort(key=lambda f: f.sentence.start)
    return kept


_PRISONERS = "prisoners_released"
_PARTS = frozenset(["soldiers_released", "civilians_released"])


def _metric_of(f: Fact) -> str:
    """Prisoners restated as soldiers or civilians ("100 prisoners each" in the title, "100 POWs
    each" in the body) are one fact: compare a release by its general metric."""
    return _PRISONERS if f.metric in _PARTS else f.metric


def _drop_restated_totals(facts: list[Fact]) -> list[Fact]:
    """An event number that the article also states as a war-long or period total ("a total of
    3,135 freed" and "so far, 3,135 POWs have been freed") is that total, not an event."""
    totals = {(_metric_of(f), f.value, f.actor, f.target) for f in facts if f.kind == CUMULATIVE}
    if not totals:
        return facts
    return [
        f
        for f in facts
        if f.kind == CUMULATIVE or f.value < 10 or (_metric_of(f), f.value, f.actor, f.target) not in totals
    ]


def _same_fact(a: Fact, b: Fact) -> bool:
    if (a.kind, _metric_of(a), a.value, a.value_max, a.actor, a.target) != (
        b.kind,
        _metric_of(b),
        b.value,
        b.value_max,
        b.actor,
        b.target,
    ):
        return False
    if a.metric != b.metric and _PRISONERS not in (a.metric, b.metric):
        return False  # 30 soldiers and 30 civilians are two facts
    if b.in_title:
        return True
    same_date = a.event_date is None or b.event_date is None or a.event_date == b.event_date
    same_place = a.location is None or b.location is None or a.location == b.location
    return same_date and same_place


def to_row(f: Fact) -> dict[str, Any]:
    return {
        "kind": f.kind,
        "metric": f.metric,
        "value": f.value,
        "value_max": f.value_max,
        "qualifier": f.qualifier,
        "actor": f.actor,
        "target": f.target,
        "weapon": f.weapon,
        "location": f.location,
        "event_date": f.event_date,
        "attributed_to": f.attributed_to,
        "evidence": f.sentence.text,
        "evidence_start": f.sentence.start,
        "evidence_end": f.sentence.end,
        "rule": f.rule,
    }


def fact_id(article_id: str, row: dict[str, Any]) -> str:
    """A stable id: the same fact read from the same article gets the same id on every run."""
    key = "|".join(
        str(row[c])
        for c in (
            "kind",
            "metric",
            "value",
            "value_max",
            "actor",
            "target",
            "event_date",
            "location",
            "evidence_start",
        )
    )
    return hashlib.blake2b(f"{article_id}|{key}".encode(), digest_size=8).hexdigest()
