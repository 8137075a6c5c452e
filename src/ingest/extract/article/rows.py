"""Facts as rows: a number restated for the same event is one row; stable fact ids."""

from __future__ import annotations

import hashlib
from typing import Any

from ingest.extract.article.model import Fact
from ingest.extract.places import find_places
from schemas.vocabulary import CUMULATIVE


def merge_restated(facts: list[Fact]) -> list[Fact]:
    """A number restated for the same event is one fact; the title's copy yields to the body's."""
    kept: list[Fact] = []
    facts = drop_toll_parts(_drop_restated_totals(facts))
    for f in sorted(facts, key=lambda f: f.in_title):  # body first
        twin = next((k for k in kept if _same_fact(k, f)), None)
        if twin is None:
            kept.append(f)
            continue
        if twin.metric == _PRISONERS and f.metric in _PARTS:
            twin.metric, twin.rule = f.metric, f.rule  # "30 people" restated as "30 POWs": the POWs
        if twin.default_date and not f.default_date and f.event_date is not None:
            twin.event_date, twin.default_date = f.event_date, False  # the stated day beats the default
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


_HOSPITALISED = "casualties.hospitalised"


def drop_toll_parts(facts: list[Fact]) -> list[Fact]:
    """Parts of a stated toll are no facts of their own: the hospitalised among the injured ("four
    were hospitalized" after "ten were injured"), and a toll split by place or time ("some 38 died
    at the station", "12 died in hospital" after "50 killed"), two or three counts in one
    paragraph that add up to the toll, in sentences that name no other place than the toll's
    (two towns' counts are no split of a third town's toll)."""
    cas = [f for f in facts if f.kind == "casualties"]
    if len(cas) < 2:
        return facts
    drop: set[int] = set()
    for f in cas:
        if f.rule == _HOSPITALISED and any(
            o.rule != _HOSPITALISED and _same_toll(o, f) and o.value >= f.value for o in cas
        ):
            drop.add(id(f))
    for n in (2, 3):
        for k in range(len(cas) - n + 1):
            parts = cas[k : k + n]
            first = parts[0]
            if any(
                p.sentence.paragraph != first.sentence.paragraph or not _same_toll(p, first) for p in parts
            ):
                continue
            total = sum(p.value for p in parts)
            if any(
                t.value == total
                and t.sentence.start < first.sentence.start
                and _same_toll(t, first)
                and all(p.location in (None, t.location) and _names_only(p, t.location) for p in parts)
                for t in cas
            ):
                drop.update(id(p) for p in parts)
    return [f for f in facts if id(f) not in drop] if drop else facts


def _names_only(f: Fact, place: str | None) -> bool:
    """Does the sentence of `f` name no place, or only `place`?"""
    return all(p.place.name == place for p in find_places(f.sentence.text))


def _same_toll(a: Fact, b: Fact) -> bool:
    return (a.metric, a.actor, a.target, a.event_date) == (b.metric, b.actor, b.target, b.event_date)


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
    # a fact dated only by the article's day (a headline, a lead) is the twin of one with a stated day
    same_date = a.event_date is None or b.event_date is None or a.event_date == b.event_date
    same_date = same_date or a.default_date != b.default_date
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
