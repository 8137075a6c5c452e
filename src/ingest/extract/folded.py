"""Case-insensitive patterns matched against the lowercased text, for speed.

Under `re.IGNORECASE` Python's regex engine folds the case of every character it compares and
cannot skip ahead to the letters a match may begin with, so a search is several times slower
than the same pattern, written in lower case and compiled without the flag, over `text.lower()`
(a sentence's prefilter or cue search: 2–4× on the bench corpus). The matches are the same, at
the same offsets; only their groups come out in lower case. (re.IGNORECASE also lets a few
look-alikes match, the long "ſ" for "s": a folded pattern does not.)
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator


class Folded:
    """A pattern written in lower case that matches any casing of the text: `search`, `match`
    and `finditer` as re.Pattern's, over the text's lowercase. A text whose lowercase differs in
    length ("İ" lowercases to two characters) is searched with re.IGNORECASE instead, so that
    offsets always point into the text given."""

    __slots__ = ("_ignorecase", "_plain", "pattern")

    def __init__(self, pattern: str) -> None:
        # escapes (\S, \W, \B, \D) and group names ("(?P<name>") are not letters to match
        if re.search(r"[A-Z]", re.sub(r"\\.|\(\?P<\w+>|\(\?P=\w+\)", "", pattern)):
            raise ValueError(f"a folded pattern is written in lower case: {pattern!r}")
        self.pattern = pattern
        self._plain = re.compile(pattern)
        self._ignorecase = re.compile(pattern, re.IGNORECASE)

    def _for(self, text: str) -> tuple[re.Pattern[str], str]:
        low = text.lower()
        return (self._plain, low) if len(low) == len(text) else (self._ignorecase, text)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        pattern, subject = self._for(text)
        return pattern.search(subject, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        pattern, subject = self._for(text)
        return pattern.match(subject, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        pattern, subject = self._for(text)
        return pattern.finditer(subject, pos, endpos)


_WORD_RUN = re.compile(r"\w+")


def folded_words(text: str, low: str | None = None) -> tuple[str, frozenset[str]] | None:
    """The text's lowercase (`low`, if the caller has it) and its words, the runs of \\w that a
    pattern's \\b…\\b holds: a whole-word alternation is then a set lookup instead of a scan of
    every position. None when the lowercase has another length ("İ"): only a Folded pattern
    (under re.IGNORECASE) reads such a text at its own offsets."""
    low = text.lower() if low is None else low
    if len(low) != len(text):
        return None
    return low, frozenset(_WORD_RUN.findall(low))
