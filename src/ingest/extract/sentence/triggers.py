"""Verbs and nouns that say what happened to what a number counts, and which one governs
each number."""

from __future__ import annotations

import re

from ingest.extract import lexicon as lx
from ingest.extract.sentence.model import Mention
from ingest.extract.sentence.noun_phrase import past_who, treated_for_wounds
from ingest.extract.text import Token, words

# "destroyed the missile and 30 of the drones": a first object between the verb and the number
_LEFT_OBJECT = frozenset(words("and missile missiles both"))


_GET = frozenset(words("got get gets getting brought bring brings bringing took take takes taking"))
_SWAP_VERBS = frozenset(words("exchanged exchanging exchange swapped swapping swap traded trade"))


ATTACK_NOUNS = frozenset(
    words(
        "attack attacks attacked attacking barrage assault raid strike strikes struck wave salvo "
        "launched fired launches targeted barraged bombarded pounded battered pummelled pummeled hammered "
        "blitzed"
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


def _participle(w: str) -> bool:
    return w.endswith(("ed", "en")) or w in ("held", "kept", "brought", "caught")


def _past_aside(low: list[str], k: int, trigger_starts: set[int]) -> int:
    """Past where the people came from and an aside in commas that holds no number, to their verb:
    "three civilians from the Belgorod region, detained by Ukrainian forces last year, had returned"."""
    j = k
    if low[j : j + 1] == ["from"]:
        close = next((i for i in range(j + 1, min(j + 6, len(low))) if low[i] in (",", ".")), None)
        if close is None or low[close] != ",":
            return k
        j = close
    if low[j : j + 1] != [","] or j + 1 >= len(low) or not _participle(low[j + 1]) or j + 1 in trigger_starts:
        return (
            k  # the aside is a participle's ("…, detained by …,"), and not one we count ("…, injured in …,")
        )
    close = next((i for i in range(j + 1, min(j + 12, len(low))) if low[i] == ","), None)
    if close is None or any(w[:1].isdigit() and not _YEAR.fullmatch(w) for w in low[j + 1 : close]):
        return k
    return close + 1


def assign_trigger(
    tokens: list[Token],
    m: Mention,
    triggers: list[tuple[int, int, str]],
    clause_of: list[int],
    mentions: list[Mention],
) -> None:
    low = [t.low for t in tokens]
    if low[m.head_end : m.head_end + 1] and low[m.head_end] in _OWN_FATE:
        return  # "two dead, 11 injured, 34 residents evacuated": the 34 were evacuated, no more
    # right: "63 were shot down", "390 people had returned"
    k = m.head_end
    if m.whole_of is not None:
        k = m.whole_of.head_end
    skipped = 0
    if low[k : k + 2] in (["held", "by"], ["held", "in"]) and k + 3 < len(tokens):
        k += 3  # "22 Ukrainian civilians held by Russia returned home"
    k = past_who(low, k)  # "two women aged 64 and 70 were injured", "a woman, 52, was wounded"
    if m.cls in lx.PEOPLE:
        k = _past_aside(
            low, k, {t[0] for t in triggers}
        )  # "three civilians from the Belgorod region, detained last year, had returned"
    if low[k : k + 2] == [",", "including"] and "," in low[k + 2 : k + 10]:
        k = low.index(",", k + 2) + 1  # "Nine people, including two children, were killed"
    if (
        low[k : k + 1] == [","]
        and (low[k + 1 : k + 2] in (["was"], ["has"], ["had"]) or low[k + 1 : k + 2] == ["died"])
        and m.num.article
        and m.num.q > 0
        and low[m.num.q - 1] == ","
    ):
        k += 1  # "The driver, a 61-year-old man, was injured": the apposition closes before the verb
    if m.anaphoric and low[k : k + 3] in (["and", "all", "the"], ["and", "both", "the"]) and k + 3 < len(low):
        k += 4  # "11 of the missiles and all the drones had been destroyed": the verb after both
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
    if right is None and m.anaphoric and m.cls in (lx.DRONE, lx.MISSILE):
        # "twelve of the drones had been flying toward the city and were shot down on approach"
        clause = clause_of[m.num.i]
        for j in range(m.head_end, min(len(low), m.head_end + 12)):
            if clause_of[j] != clause or low[j][:1].isdigit() or low[j] in (";", ":"):
                break
            hit = next((t for t in triggers if t[0] == j), None)
            if hit is not None:
                right = hit if hit[2] == lx.INTERCEPT and low[j - 1] in ("were", "was", "been") else None
                break
    if right is None and m.cls in lx.PEOPLE and treated_for_wounds(low, k):
        right = (k, k + 1, lx.INJURE)  # "an elderly man was treated on site for a concussion"
    if right is None and low[k : k + 1] == ["among"] and m.cls in lx.PEOPLE:
        # "12 civilians among the freed women", "five soldiers among those released"
        right = next((t for t in triggers if k < t[0] <= k + 3 and t[2] in _EXCHANGE_TRIGGERS), None)
    # left: "neutralized 150", "downed at least 162", "killing two workers"
    k = m.num.q - 1
    if k >= 1 and low[k - 1 : k + 1] == ["all", "but"]:
        k -= 2  # "destroyed all but one": read in aerial.all_but as the launched count less this one
    skipped = 0
    left = next((t for t in triggers if t[1] == k + 1), None)
    while left is None and k >= 0 and (low[k] in lx.LEFT_FILLERS or low[k] in _LEFT_OBJECT) and skipped < 4:
        k -= 1
        skipped += 1
        left = next((t for t in triggers if t[1] == k + 1), None)
    if left is None and m.num.q >= 2 and low[m.num.q - 2 : m.num.q] in (["as", "were"], ["as", "was"]):
        # "13 were destroyed, as were 57 of the 60 drones": the verb said before
        left = next(
            (t for t in reversed(triggers) if t[1] <= m.num.q - 2 and t[2] in (lx.LAUNCH, lx.INTERCEPT)), None
        )
    if left is None and k >= 0 and low[k] == "for":
        clause = clause_of[m.num.i]
        swap = [t for t in triggers if t[1] <= k and t[2] == lx.RELEASE and clause_of[t[0]] == clause]
        if swap and low[swap[-1][0]] in _SWAP_VERBS:
            left = (k, k + 1, lx.RELEASE)  # "swapped 52 Ukrainian soldiers for 52 Russian troops"
    if (
        left is None
        and k >= 0
        and low[k] in _GET
        and low[m.head_end : m.head_end + 1] in (["back"], ["home"])
    ):
        left = (k, k + 1, lx.RECEIVE)  # "each side got 195 soldiers back", "brought 90 defenders home"
    if left is None and k >= 0 and low[k] == "with":
        clause = clause_of[m.num.i]
        if any(low[j] in ATTACK_NOUNS for j in range(len(tokens)) if clause_of[j] == clause and j < k):
            left = (k, k + 1, lx.LAUNCH)
    if (
        left is None
        and k >= 1
        and low[k] in ("to", "at", "reached", "of", "is", "was")
        and m.cls in (None, lx.PERSON, lx.CIVILIAN)
    ):
        left = _toll(low, k, triggers)
        m.toll = left is not None and right is None
    if left is None and m.num.q >= 2 and low[m.num.q - 2 : m.num.q] == ["bodies", "of"]:
        left = (m.num.q - 2, m.num.q - 1, lx.KILL)  # "rescuers recovered the bodies of six people"
    if right is None and left is None and (m.cls is None or m.cls in lx.PEOPLE):
        right = _reach(low, m, triggers)
    if right is None and left is None and m.cls in lx.PEOPLE:
        # a participle inside the noun phrase: "one injured person", "three dead civilians"
        left = next(
            (t for t in triggers if m.num.j <= t[0] < m.head_end and t[2] in (lx.KILL, lx.INJURE)), None
        )
    chosen = right if right is not None else left
    if (
        right is not None
        and left is not None
        and right[2] == lx.LAUNCH
        and left[2] == lx.INTERCEPT
        and right[0] == m.head_end
    ):
        chosen = left  # "shot down all 12 drones launched overnight": the participle is the noun's, the verb governs
    if m.whole_of is not None and left is not None:
        chosen = left  # "shot down 16 of 19 drones launched ...": "launched" is the whole's
    if right is not None and left is not None and right[2] == lx.RELEASE and low[right[1] - 1] == "for":
        chosen = left  # "got back 84 servicemen in exchange for 90 POWs": the "for" is the second count's
    if chosen is None:
        return
    if chosen[2] == lx.RECEIVE and chosen[0] >= m.head_end and low[chosen[0] - 1] not in _PASSIVE:
        return  # "1,100 families have received certificates": they received something, no one them
    m.trigger = chosen[2]
    m.trigger_at = chosen[0]
    start = chosen[0]
    before = low[max(0, start - 3) : start]
    m.future = bool(
        before and (before[-1] in lx.FUTURE_MARKERS or ("to" in before[-2:] and "be" in before[-1:]))
    )
    if m.cls is None and m.trigger in (lx.KILL, lx.INJURE):
        m.cls = lx.PERSON


_YEAR = re.compile(r"(?:19|20)\d\d")
_PASSIVE = frozenset(words("were was been be being"))
_OWN_FATE = frozenset(words("evacuated rescued displaced relocated sheltered saved missing trapped"))
_ADVERBS = frozenset(words("also later reportedly eventually finally successfully then subsequently"))
_AUXILIARIES = frozenset(words("were was been are is had have has who that"))
_EXCHANGE_TRIGGERS = frozenset([lx.RELEASE, lx.RECEIVE, lx.RETURN])
_PEOPLE_TRIGGERS = frozenset([lx.KILL, lx.INJURE, lx.RELEASE, lx.RECEIVE, lx.RETURN])


def _reach(low: list[str], m: Mention, triggers: list[tuple[int, int, str]]) -> tuple[int, int, str] | None:
    """The predicate of people a few words on: past an apposition ("two people, a man and a woman,
    were killed"), a relative ("two people who died"), a parenthesis or a phrase ("five servicemen
    from the territorial defence (names) were exchanged"). Only a verb after an auxiliary or a
    relative pronoun counts, and nothing with a number of its own may stand between."""
    starts = {t[0]: t for t in triggers if t[2] in _PEOPLE_TRIGGERS}
    j, end = m.head_end, min(len(low), m.head_end + 20)
    if low[j : j + 1] == [","]:
        close = low.index(",", j + 1) if "," in low[j + 1 : j + 12] else -1
        if close < 0 or any(w[:1].isdigit() for w in low[j + 1 : close]):
            return None
        j = close + 1  # ", a man and a woman,"
    while j < end:
        w = low[j]
        if w == "(" and ")" in low[j + 1 : j + 32]:  # a list of names: "(Dmytro K., Ihor M., and Oleh S.)"
            close = low.index(")", j + 1)
            end = min(len(low), end + close - j)
            j = close + 1
            continue
        if j in starts and (
            low[j - 1] in _AUXILIARIES
            or w in _AUXILIARIES
            or (low[j - 1] in _ADVERBS and low[j - 2] in _AUXILIARIES)
        ):
            return starts[j]  # "were exchanged", ", were killed", "who died", "were also returned"
        ordinal = low[j + 1 : j + 2] in (["th"], ["st"], ["nd"], ["rd"])
        if (
            w in (",", ";", ":", ".", "and", "or", "but")
            or (w[:1].isdigit() and not ordinal)
            or (w,) in lx.TRIGGERS
        ):
            return None
        j += 1
    return None


_RISE = frozenset(
    words(
        "rose risen climbed increased reached jumped grew gone stands stood now is was bringing brought brings raising"
    )
)


_DEAD_NOUNS = frozenset(words("toll victims dead fatalities"))


def _toll(low: list[str], k: int, triggers: list[tuple[int, int, str]]) -> tuple[int, int, str] | None:
    """ "the death toll rose to 14", "the number of people injured has risen to 38", "the number of
    victims had already reached 49", "the number of injured ... is 20"."""
    window = low[max(0, k - 20) : k]
    if not any(w in _RISE for w in [*window[-4:], low[k]]):
        return None
    if "toll" in window or any(
        low[j : j + 2] == ["number", "of"] and low[j + 2] in _DEAD_NOUNS for j in range(max(0, k - 20), k - 2)
    ):
        return (k, k + 1, lx.KILL)
    for start, _end, kind in reversed(triggers):
        if max(0, k - 20) <= start < k and kind in (lx.KILL, lx.INJURE):
            return (k, k + 1, kind)
    return None
