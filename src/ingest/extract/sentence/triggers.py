"""Verbs and nouns that say what happened to what a number counts, and which one governs
each number."""

from __future__ import annotations

from ingest.extract import lexicon as lx
from ingest.extract.sentence.model import Mention
from ingest.extract.text import Token, words

# "destroyed the missile and 30 of the drones": a first object between the verb and the number
_LEFT_OBJECT = frozenset(words("and missile missiles both"))


_SWAP_VERBS = frozenset(words("exchanged exchanging exchange swapped swapping swap traded trade"))


ATTACK_NOUNS = frozenset(
    words(
        "attack attacks attacked attacking barrage assault raid strike strikes struck wave salvo "
        "launched fired launches targeted"
    )
)


def find_triggers(tokens: list[Token]) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    k = 0
    lows = [t.low for t in tokens]
    while k < len(tokens):
        for phrase in lx.TRIGGER_FIRST.get(lows[k], ()):
            if tuple(lows[k : k + len(phrase)]) == phrase:
                found.append((k, k + len(phrase), lx.TRIGGERS[phrase]))
                k += len(phrase) - 1
                break
        k += 1
    return found


def assign_trigger(
    tokens: list[Token],
    m: Mention,
    triggers: list[tuple[int, int, str]],
    clause_of: list[int],
    mentions: list[Mention],
) -> None:
    low = [t.low for t in tokens]
    # right: "63 were shot down", "390 people had returned"
    k = m.head_end
    if m.whole_of is not None:
        k = m.whole_of.head_end
    skipped = 0
    if low[k : k + 2] in (["held", "by"], ["held", "in"]) and k + 3 < len(tokens):
        k += 3  # "22 Ukrainian civilians held by Russia returned home"
    if low[k : k + 2] == [",", "including"] and "," in low[k + 2 : k + 10]:
        k = low.index(",", k + 2) + 1  # "Nine people, including two children, were killed"
    right = next((t for t in triggers if t[0] == k), None)
    while (
        right is None
        and k < len(tokens)
        and (low[k] in lx.RIGHT_FILLERS or low[k] in ("of", "which", "them"))
    ):
        if skipped == 4:
            break
        k += 1
        skipped += 1
        right = next((t for t in triggers if t[0] == k), None)
    # left: "neutralized 150", "downed at least 162", "killing two workers"
    k = m.num.q - 1
    skipped = 0
    left = next((t for t in triggers if t[1] == k + 1), None)
    while left is None and k >= 0 and (low[k] in lx.LEFT_FILLERS or low[k] in _LEFT_OBJECT) and skipped < 4:
        k -= 1
        skipped += 1
        left = next((t for t in triggers if t[1] == k + 1), None)
    if left is None and k >= 0 and low[k] == "for":
        clause = clause_of[m.num.i]
        swap = [t for t in triggers if t[1] <= k and t[2] == lx.RELEASE and clause_of[t[0]] == clause]
        if swap and low[swap[-1][0]] in _SWAP_VERBS:
            left = (k, k + 1, lx.RELEASE)  # "swapped 52 Ukrainian soldiers for 52 Russian troops"
    if left is None and k >= 0 and low[k] == "with":
        clause = clause_of[m.num.i]
        if any(low[j] in ATTACK_NOUNS for j in range(len(tokens)) if clause_of[j] == clause and j < k):
            left = (k, k + 1, lx.LAUNCH)
    if (
        left is None
        and k >= 1
        and low[k] in ("to", "at", "reached", "of")
        and m.cls in (None, lx.PERSON, lx.CIVILIAN)
    ):
        left = _toll(low, k, triggers)
        m.toll = left is not None and right is None
    chosen = right if right is not None else left
    if m.whole_of is not None and left is not None:
        chosen = left  # "shot down 16 of 19 drones launched ...": "launched" is the whole's
    if chosen is None:
        return
    m.trigger = chosen[2]
    m.trigger_at = chosen[0]
    start = chosen[0]
    before = low[max(0, start - 3) : start]
    m.future = bool(
        before and (before[-1] in lx.FUTURE_MARKERS or ("to" in before[-2:] and "be" in before[-1:]))
    )
    if m.cls is None and m.trigger in (lx.KILL, lx.INJURE):
        m.cls = lx.PERSON


_RISE = frozenset(words("rose risen climbed increased reached jumped grew gone stands stood now is was"))


def _toll(low: list[str], k: int, triggers: list[tuple[int, int, str]]) -> tuple[int, int, str] | None:
    """ "the death toll rose to 14", "the number of people injured has risen to 38"."""
    window = low[max(0, k - 20) : k]
    if not any(w in _RISE for w in window[-4:]):
        return None
    if "toll" in window:
        return (k, k + 1, lx.KILL)
    for start, _end, kind in reversed(triggers):
        if max(0, k - 20) <= start < k and kind in (lx.KILL, lx.INJURE):
            return (k, k + 1, kind)
    return None
