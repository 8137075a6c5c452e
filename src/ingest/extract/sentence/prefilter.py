"""Cheap prefilter: a sentence with no number, or nothing counted, holds no fact."""

from __future__ import annotations

import re

from ingest.extract import lexicon as lx
from ingest.extract.folded import Folded

# A sentence can hold a count only if it has a number (digits, a number word, "a dozen", a pointing
# "all of them" / "the same number", or "a"/"an" before a weapon) and a word that says what was
# counted or what happened to it. Both are single regex scans, so most sentences cost next to nothing.
# the people nouns a sentence may count one of ("a security guard was killed")
_ONE_PERSON = frozenset(
    w for w, cls in lx.HEADS.items() if cls in lx.PEOPLE and w.isalpha() and not w.endswith("s")
)
_NUMBERISH = Folded(
    r"[0-9]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen|same numbers?|equal number|both|all)\b"
    r"|\ban? (?:[\w()-]+ ){0,4}(?:missile|rocket|drone|uav|shahed|kalibr|iskander|kinzhal|aerial vehicle)"
    r"|\ban? (?:[\w-]+ ){0,2}(?:" + "|".join(sorted(_ONE_PERSON)) + r")\b"
    r"|\b(?:an?|the) \d+-year-old\b"
)


_DIGIT = re.compile(r"[0-9]")
_WORD = re.compile(r"[a-z]+(?:-[a-z0-9]+)*")


# words too common to say anything alone; a trigger phrase is known by another of its words
_COMMON = frozenset(
    "a an the in on at by of to for from with into over off up down out their were was been be is "
    "are has have had russia ukraine".split()
)


def _telling_word(phrase: tuple[str, ...]) -> str:
    """The word of a trigger phrase that a sentence holding the phrase must have and few others
    do ("were shot down": "shot"): triggers are matched as whole token sequences, so any word of
    the phrase is a necessary sign of it, and a common one ("in", "were") lets every sentence in."""
    return max(phrase, key=lambda w: (w not in _COMMON, len(w)))


# every word that names what is counted or what happened to it (the lexicon's nouns and verbs)
_SUBJECT_WORDS = frozenset(
    {w for w, cls in lx.HEADS.items() if cls != lx.OTHER}
    | {_telling_word(phrase) for phrase in lx.TRIGGERS}
    | set(lx.WEAPONS)
    | {"toll", "each", "same"}
)


def has_signal(sentence: str) -> bool:
    """Cheap prefilter: a sentence with no number, or nothing counted, holds no fact."""
    # a digit first: one character class scans far faster than the whole alternation
    if _DIGIT.search(sentence) is None and _NUMBERISH.search(sentence) is None:
        return False
    return not _SUBJECT_WORDS.isdisjoint(_WORD.findall(sentence.lower()))
