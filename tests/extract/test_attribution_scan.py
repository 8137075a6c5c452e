"""The fast scan for "X said" finds exactly what the plain regex scan finds (issue 13)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extract.attribution import _BEFORE_VERB, _before_verb

# pieces that make the scan's cases: speech verbs, the words allowed before them, the characters
# a source cannot hold, runs of spaces and words longer than the 120 characters a source may span
_PIECES = st.sampled_from(
    [
        "said",
        "says",
        "reported",
        "told",
        "also",
        "has",
        "had",
        "Gov.",
        "Oleh Kiper",
        "the air force",
        ",",
        ";",
        ":",
        "(",
        "“",
        "”",
        '"',
        "—",
        " ",
        "  ",
        "\n",
        "a",
        "x" * 50,
        "saidx",
        "of",
    ]
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.tuples(_PIECES, st.sampled_from(["", " "])), max_size=60))
def test_the_fast_scan_finds_every_match_the_regex_finds(pieces: list[tuple[str, str]]) -> None:
    sentence = "".join(a + b for a, b in pieces)
    assert [m.span() for m in _before_verb(sentence)] == [m.span() for m in _BEFORE_VERB.finditer(sentence)]


def test_the_fast_scan_on_a_wire_sentence() -> None:
    s = "Russia launched 40 drones, including 12 over the Kursk region, regional Gov. Oleh Kiper said on Telegram."
    assert [m.group("src") for m in _before_verb(s)] == [m.group("src") for m in _BEFORE_VERB.finditer(s)]
    assert [m.group("src") for m in _before_verb(s)] == [" regional Gov. Oleh Kiper"]
