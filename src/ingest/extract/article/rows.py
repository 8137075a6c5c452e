"""Facts as rows: a number restated for the same event is one row; stable fact ids."""

from __future__ import annotations

import hashlib
from typing import Any

from ingest.extract.article.model import Fact


def merge_restated(facts: list[Fact]) -> list[Fact]:
    """A number restated for the same event is one fact; the title's copy yields to the body's."""
    kept: list[Fact] = []
    for f in sorted(facts, key=lambda f: f.in_title):  # body first
        twin = next((k for k in kept if _same_fact(k, f)), None)
        if twin is None:
            kept.append(f)
            continue
        for attr in ("weapon", "location", "event_date", "attributed_to"):
            if getattr(twin, attr) is None and getattr(f, attr) is not None:
                setattr(twin, attr, getattr(f, attr))
    kept.sort(key=lambda f: f.sentence.start)
    return kept


def _same_fact(a: Fact, b: Fact) -> bool:
    if (a.kind, a.metric, a.value, a.value_max, a.actor, a.target) != (
        b.kind,
        b.metric,
        b.value,
        b.value_max,
        b.actor,
        b.target,
    ):
        return False
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
