"""What the sentence as a whole says about its numbers: a war-long or period total, an attack."""

from __future__ import annotations

from ingest.extract import lexicon as lx
from ingest.extract.folded import Folded
from ingest.extract.sentence.triggers import ATTACK_NOUNS
from ingest.extract.text import Token, words

_ALERT_WORDS = frozenset(words("alert alerts siren sirens warning warnings shelter shelters"))


_SUPERLATIVE = frozenset(
    ["largest", "biggest", "first", "most", "heaviest", "deadliest", "worst", "highest", "record"]
)


# War-long or period totals; "the largest swap since the war began" is not one (a superlative before).
_CUMULATIVE = Folded(
    r"\b(?:"
    r"since the start|since the beginning|since the war|since the full\-scale|"
    r"since the invasion|since its invasion|since russia's|since russia’s|"
    r"since moscow's|since february|over the course of|throughout the war|"
    r"during the war|in the war so far|so far this year|this year|to date|"
    r"over the past(?! (?:day|night|24 hours))|since the outbreak|since the conflict|since 2014|since 2022|"
    r"since 2023|since 2024|in all of|(?<!earlier )this month|last year|in total since|war so far|"
    r"of the war so far|are held|being held|remain in captivity|this week|past week|per week|"
    r"every week|in a week|weekly|a day on average|on average|"
    r"(?:in|during|throughout|for) (?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december)(?: alone)?(?! \d)"
    r")\b"
)


# The cues that name the whole war or a running count; a per-side swap ("exchanged 300 each on
# Friday, some held since 2022", "In January, the two countries exchanged 195 each") is one event
# whatever month or year the sentence also names.
_WAR_LONG = Folded(
    r"\b(?:since the (?:start|beginning|war|full\-scale|invasion|outbreak|conflict)|since (?:its|the) invasion|"
    r"over the course of|throughout the war|during the war|so far|to date|in total since)\b"
)


def is_war_long(sentence: str) -> bool:
    """A war-long or running total ("3,135 freed so far", "since the invasion"), not a superlative's."""
    for m in _WAR_LONG.finditer(sentence):
        if not _SUPERLATIVE_BEFORE.search(sentence, max(0, m.start() - 80), m.start()):
            return True
    return False


_SUPERLATIVE_BEFORE = Folded(r"\b(?:largest|biggest|first|most|heaviest|deadliest|worst|highest|record)\b")


def is_cumulative(sentence: str) -> bool:
    """War-long or period totals: "freed over the course of the war", "since the invasion"."""
    for m in _CUMULATIVE.finditer(sentence):
        if not _SUPERLATIVE_BEFORE.search(sentence, max(0, m.start() - 80), m.start()):
            return True
    return False


def attack_context(tokens: list[Token]) -> bool:
    """Does the sentence speak of an attack? ("attack drones" names a kind of drone, not one.)"""
    for k, t in enumerate(tokens):
        if t.low in ATTACK_NOUNS:
            nxt = tokens[k + 1].low if k + 1 < len(tokens) else ""
            if lx.head_class(nxt) not in (lx.DRONE, lx.MISSILE) and nxt not in _ALERT_WORDS:
                return True  # but "attack drones" is a kind of drone, "air raid alerts" no attack
    return False


# "Earlier this month, …": one event of the past whose day the article does not give
_UNDATED_PAST = Folded(
    r"\b(?:earlier this (?:month|week)|last month|earlier in the (?:month|week))\b"
    # "the first since September, when the sides freed 103 each": an event of a month gone by
    r"|\b(?:since|in|back in|last)\s+(?:january|february|march|april|may|june|july|august|september|october"
    r"|november|december)(?:\s+(?:19|20)\d\d)?\s*,?\s+when\b"
)


def undated_past(sentence: str) -> bool:
    """Does the sentence tell of an earlier event without its day ("Earlier this month, …")?"""
    return _UNDATED_PAST.search(sentence) is not None
