"""A folded pattern (lower case, over the lowercased text) finds what re.IGNORECASE finds, at the
same offsets, for any casing of the text (issue 13: the faster search must not read differently)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extract.folded import Folded

_PATTERNS = [
    r"\b(?:attack(?:ed|s)?|struck|hit)\b",
    r"\b(?:the same|an equal) numbers?\b(?: of)?",
    r"\b(monday|tuesday|sunday)s?\b",
    r"(?:shot down|destroyed) (?:all|both)(?: (?P<what>drones?|missiles?))?",
    r"\ban? (?:[\w()-]+ ){0,4}(?:missile|drone)|\d+-year-old|\w+teen\b",
    r"since the war|over the past(?! (?:day|night))|(?<!earlier )this month",
]

_PIECES = st.sampled_from(
    [
        "Attack",
        "ATTACKED",
        "attacks",
        "Struck",
        "hit",
        "HIT",
        "The Same number of",
        "an EQUAL numbers",
        "Monday",
        "SUNDAYS",
        "Shot Down all Drones",
        "destroyed BOTH missiles",
        "a Shahed-type DRONE",
        "An 84-Year-Old",
        "Fifteen",
        "canteen",
        "Since the War",
        "over the past day",
        "Over The Past week",
        "earlier this month",
        "This Month",
        "İstanbul",  # lowercases to two characters: the case-insensitive pattern is used
        "K",
        " ",
        ", ",
        "-",
        "x",
        "7",
    ]
)


@pytest.mark.parametrize("pattern", _PATTERNS)
@settings(max_examples=200, deadline=None, derandomize=True)
@given(text=st.lists(_PIECES, max_size=14).map(" ".join))
def test_a_folded_pattern_finds_what_the_case_insensitive_one_finds(pattern: str, text: str) -> None:
    folded, plain = Folded(pattern), re.compile(pattern, re.IGNORECASE)
    got = [(m.span(), [g and g.lower() for g in m.groups()]) for m in folded.finditer(text)]
    want = [(m.span(), [g and g.lower() for g in m.groups()]) for m in plain.finditer(text)]
    assert got == want
    first, expected = folded.search(text), plain.search(text)
    assert (first and first.span()) == (expected and expected.span())
    at_start, anchored = folded.match(text), plain.match(text)
    assert (at_start and at_start.span()) == (anchored and anchored.span())


def test_offsets_point_into_the_text_given_when_its_lowercase_is_longer() -> None:
    text = "İSTANBUL: Russia ATTACKED Odesa"  # "İ".lower() is two characters
    found = Folded(r"\battacked\b").search(text)
    assert found is not None and text[found.start() : found.end()] == "ATTACKED"


def test_a_search_between_offsets_stays_between_them() -> None:
    text = "attacked here, attacked there"
    found = Folded(r"attacked").search(text, 5, len(text))
    assert found is not None and found.start() == 15


@pytest.mark.parametrize("pattern", [r"\bKyiv\b", r"[A-Z][a-z]+", r"shot (?:Down)"])
def test_a_pattern_with_capitals_is_refused_since_it_could_never_match_lowercased_text(pattern: str) -> None:
    with pytest.raises(ValueError, match="lower case"):
        Folded(pattern)


def test_escapes_and_group_names_are_not_capitals() -> None:
    Folded(r"\S+\W\B\D(?P<Name>x)(?P=Name)")
