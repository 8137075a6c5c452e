"""Cheap prefilter: a sentence with no number, or nothing counted, holds no fact."""

from __future__ import annotations

import re

from ingest.extract import lexicon as lx
from ingest.extract.folded import Folded, folded_words

# A sentence can hold a count only if it has a number (digits, a number word, "a dozen", a pointing
# "all of them" / "the same number", or "a"/"an" before a weapon) and a word that says what was
# counted or what happened to it. Both are cheap scans, so most sentences cost next to nothing.
# the people nouns a sentence may count one of ("a security guard was killed")
_ONE_PERSON = frozenset(
    w for w, cls in lx.HEADS.items() if cls in lx.PEOPLE and w.isalpha() and not w.endswith("s")
)
_DIGIT = re.compile(r"[0-9]")
_WORD = re.compile(r"[a-z]+(?:-[a-z0-9]+)*")
# the number words of _NUMBERISH, looked up among a sentence's words when it has no digit
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty sixty "
    "seventy eighty ninety hundred thousand dozen both all".split()
)
_WEAPON_WORDS = (
    "missile",
    "rocket",
    "drone",
    "uav",
    "shahed",
    "kalibr",
    "iskander",
    "kinzhal",
    "aerial vehicle",
)
_A_WEAPON = re.compile(r"\ban? (?:[\w()-]+ ){0,4}(?:" + "|".join(_WEAPON_WORDS) + ")")
_A_PERSON = re.compile(r"\ban? (?:[\w-]+ ){0,2}(?:" + "|".join(sorted(_ONE_PERSON)) + r")\b")
_SAME_NUMBER = re.compile(r"\b(?:same numbers?|equal number)\b")
_AGED = re.compile(r"\b(?:an?|the) \d+-year-old\b")
# The whole test as one pattern, for a text whose lowercase changes length ("İ"), which the
# pieces above cannot read (they are matched against the lowercase)
_NUMBERISH = Folded(
    r"[0-9]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen|same numbers?|equal number|both|all)\b"
    r"|\ban? (?:[\w()-]+ ){0,4}(?:" + "|".join(_WEAPON_WORDS) + ")"
    r"|\ban? (?:[\w-]+ ){0,2}(?:" + "|".join(sorted(_ONE_PERSON)) + r")\b"
    r"|\b(?:an?|the) \d+-year-old\b"
)


def numberish(sentence: str, low: str | None = None) -> bool:
    """Whether the sentence states a number some way (_NUMBERISH finds one); `low` its lowercase,
    if the caller has it. One alternation of every way scans every position of the sentence
    (about 10 µs a sentence without a digit, most of the prefilter); a digit is one character
    class, the number words are looked up among the sentence's words, and each other way is tried
    only where its words are."""
    if _DIGIT.search(sentence) is not None:
        return True
    folded = folded_words(sentence, low)
    if folded is None:
        return _NUMBERISH.search(sentence) is not None
    low, words = folded
    if not _NUMBER_WORDS.isdisjoint(words) or any(len(w) > 4 and w.endswith("teen") for w in words):
        return True
    if "number" in low and _SAME_NUMBER.search(low):
        return True
    if ("a" in words or "an" in words) and (
        (any(w in low for w in _WEAPON_WORDS) and _A_WEAPON.search(low))
        or (not _ONE_PERSON.isdisjoint(words) and _A_PERSON.search(low))
    ):
        return True
    return "year-old" in low and _AGED.search(low) is not None


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
    low = sentence.lower()
    if not numberish(sentence, low):
        return False
    return not _SUBJECT_WORDS.isdisjoint(_WORD.findall(low))
