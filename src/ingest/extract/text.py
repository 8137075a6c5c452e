"""Sentences and tokens with character offsets into the article text.

Everything downstream points back into the article by offsets, so nothing here rewrites the
text: splitting and tokenising only find spans.
"""

from __future__ import annotations

import re
from typing import Final, final


def words(text: str) -> list[str]:
    """A word list written as one string: the lexicons stay readable."""
    return text.split()


# Abbreviations that end with a period without ending the sentence.
_ABBREVIATIONS = frozenset(
    words(
        "gov mr mrs ms dr st lt col gen maj sgt capt rep sen no vs jan feb mar apr jun jul aug sep "
        "sept oct nov dec u.s u.k u.n e.g i.e approx est inc corp"
    )
)
# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) and whitespace, or
# at a line break: headlines and list items carry no final period.
# ("...in the same place.Russia's ministry said": a sentence run on with no space ends there too)
# (The match begins with the mark itself rather than behind it: the regex engine then skips to
# the next mark or space instead of trying each alternative at every character.)
_BOUNDARY = re.compile(r"""[.!?](?:["'”’)\]]*\s+|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z]{2}))|\s*\n\s*""")
_TOKEN = re.compile(
    r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9,])|[0-9]+(?:\.[0-9]+)?"  # 1,000 and 3.5
    r"|(?:[A-Za-z]\.){2,}"  # U.S. and U.N.
    r"|[A-Z][A-Za-z]*-[0-9]+[A-Za-z0-9]*(?:/[0-9]+[A-Za-z]*)?"  # model names: Kh-101, Tu-95MS, Kh-47M2, Kh-59/69
    r"|[A-Za-z]+(?:[-'’][A-Za-z]+)*"  # words, hyphenated words, Russia's
    r"|\S",
)


# Sentence and Token are written out rather than frozen dataclasses: a frozen dataclass's
# generated __init__ sets each field through object.__setattr__, and compiled by mypyc it stays
# that Python function (about 0.35 µs a token against 0.03 for this __init__, which mypyc makes
# native). They are immutable by contract (Final: mypy refuses an assignment) and compare and
# hash by their fields, as the dataclasses did.


@final
class Sentence:
    __slots__ = ("end", "paragraph", "start", "text")

    def __init__(self, start: int, end: int, text: str, paragraph: int) -> None:
        self.start: Final = start
        self.end: Final = end
        self.text: Final = text
        self.paragraph: Final = (
            paragraph  # index of the paragraph (a block of lines separated by a blank line)
        )

    def _key(self) -> tuple[int, int, str, int]:
        return (self.start, self.end, self.text, self.paragraph)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sentence) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Sentence(start={self.start!r}, end={self.end!r}, text={self.text!r}, paragraph={self.paragraph!r})"


@final
class Token:
    __slots__ = ("end", "low", "start", "text")

    def __init__(self, text: str, low: str, start: int, end: int) -> None:
        self.text: Final = text
        self.low: Final = low
        self.start: Final = start  # offsets within the sentence
        self.end: Final = end

    def _key(self) -> tuple[str, str, int, int]:
        return (self.text, self.low, self.start, self.end)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Token) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Token(text={self.text!r}, low={self.low!r}, start={self.start!r}, end={self.end!r})"


def split_sentences(text: str) -> list[Sentence]:
    """Split an article into sentences, keeping each one's offsets and paragraph number."""
    out: list[Sentence] = []
    pos = 0
    paragraph = 0
    for m in _BOUNDARY.finditer(text):
        piece_end = m.start() + (text[m.start()] in ".!?")  # the mark stays with its sentence
        if "\n" not in m.group() and _ends_with_abbreviation(text, pos, piece_end):
            continue
        if m.group().count("\n") == 1 and _hard_wrap(text, pos, piece_end, m.end()):
            continue
        _append(out, text, pos, piece_end, paragraph)
        if m.group().count("\n") > 1:  # a blank line ends a paragraph; a line break only a sentence
            paragraph += 1
        pos = m.end()
    _append(out, text, pos, len(text), paragraph)
    return out


# words a line of running text may break after, though no heading ends on them
_OPEN_ENDS = frozenset("by of the a an and or to in on from with for that at as".split())


def _hard_wrap(text: str, start: int, end: int, nxt: int) -> bool:
    """A line break inside a sentence of hard-wrapped text: "Also eight civilians,⏎including one
    woman, were released", "pilots captured by⏎Moscow's forces"."""
    if end <= start or nxt >= len(text):
        return False
    last = text[end - 1]
    if text[nxt].islower():
        return last == "," or last.islower() or last.isdigit()
    word_start = max(text.rfind(" ", start, end), text.rfind("\n", start, end)) + 1
    return text[word_start:end] in _OPEN_ENDS


def _ends_with_abbreviation(text: str, start: int, end: int) -> bool:
    if end <= start or text[end - 1] != ".":
        return False
    word_start = max(text.rfind(" ", start, end - 1), text.rfind("\n", start, end - 1)) + 1
    word = text[word_start : end - 1].lower().lstrip("(\"'")
    # "Gov." and "U.S." do not end a sentence; a single capital initial ("J.") does not either.
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _append(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end], paragraph))


def tokenize(sentence: str) -> list[Token]:
    """Words, numbers (with thousands separators) and single punctuation marks."""
    return [Token(m.group(), m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(sentence)]
