"""An article's facts about one attack agree on who did what to whom.

The same count read twice with opposite directions ("19 of 23 drones" in a headline read as
Ukraine → Russia, in the body as Russia → Ukraine) is one fact misread once. The stronger
reading wins: the body over the headline; for interceptions, the reading in which the
source's own side did the intercepting (a Russian defence ministry report of drones it downed
is Ukraine → Russia). Where neither is stronger both stay, and validation holds both back for
review with their sentences (schemas/facts.py, `directions_agree`), so two opposite facts
never load. Exchanges are left alone: "390 each" is the same number both ways on purpose.
"""

from __future__ import annotations

from ingest.extract.article.model import Fact
from ingest.extract.article.parties import side_of

_DIRECTED_KINDS = frozenset(["aerial_attack", "casualties"])


def agree_on_direction(facts: list[Fact]) -> list[Fact]:
    """The facts, less each weaker reading of a count that a stronger one gives the other way."""
    dropped: set[int] = set()
    for i, a in enumerate(facts):
        if a.kind not in _DIRECTED_KINDS or i in dropped:
            continue
        for j in range(i + 1, len(facts)):
            b = facts[j]
            if j in dropped or not _opposite(a, b):
                continue
            weaker = _weaker(a, b)
            if weaker is a:
                dropped.add(i)
                break
            if weaker is b:
                dropped.add(j)
    return [f for k, f in enumerate(facts) if k not in dropped]


def _opposite(a: Fact, b: Fact) -> bool:
    return (
        (a.kind, a.metric, a.value, a.value_max) == (b.kind, b.metric, b.value, b.value_max)
        and a.actor is not None
        and (a.actor, a.target) == (b.target, b.actor)
        and (a.event_date is None or b.event_date is None or a.event_date == b.event_date)
    )


def _weaker(a: Fact, b: Fact) -> Fact | None:
    if a.in_title != b.in_title:
        return a if a.in_title else b
    if a.metric.endswith("_intercepted"):
        side = side_of(a.attributed_to) or side_of(b.attributed_to)
        if side is not None and side in (a.target, b.target):
            return b if a.target == side else a
    return None
