"""Who gave the numbers, sentence by sentence, and the nearest source for a fact without one."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ingest.extract.attribution import Attribution, find_attribution, looks_like_person, names_a_person
from ingest.extract.text import Sentence

if TYPE_CHECKING:
    from ingest.extract.article.model import Fact

_SPEECH = re.compile(
    r"said|says|say\b|according|report|told|tell|stated|states|announc|wrote|writes|added|adds|confirm|claim|"
    r"posted|noted|inform|tweet|estimat|count|record|specified",
    re.IGNORECASE,
)


class Sources:
    """Who gave the numbers, sentence by sentence; worked out only for the sentences that need it."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self.sentences = sentences
        self.cache: dict[int, Attribution | None] = {}

    def named(self, i: int) -> Attribution | None:
        if i not in self.cache:
            text = self.sentences[i].text
            self.cache[i] = find_attribution(text) if _SPEECH.search(text) else None
        return self.cache[i]

    def source(self, i: int) -> str | None:
        """The source of sentence i; "it said" is the last institution named before it, "he said"
        the last person."""
        a = self.named(i)
        if a is None or not a.is_pronoun:
            return a.name if a else None
        wants_person = names_a_person(a.name)
        for j in range(i - 1, max(-1, i - 40), -1):
            b = self.named(j)
            if b is not None and not b.is_pronoun and looks_like_person(b.name) == wants_person:
                return b.name
        return None

    def plain(self, i: int) -> str | None:
        a = self.named(i)
        return a.name if a and not a.is_pronoun else None


def fill_sources(
    sentences: list[Sentence], by_paragraph: dict[int, list[Fact]], sources: Sources | None
) -> None:
    """A fact with no source in its sentence takes the source named nearest in its paragraph."""
    assert sources is not None
    by_index = {id(s): i for i, s in enumerate(sentences)}
    source_of = sources.plain

    for facts in by_paragraph.values():
        for f in facts:
            if f.attributed_to is not None:
                continue
            i = by_index[id(f.sentence)]
            para = f.sentence.paragraph
            for j in (i - 1, i + 1, i - 2, i + 2):
                if 0 <= j < len(sentences) and sentences[j].paragraph == para and source_of(j):
                    f.attributed_to = source_of(j)
                    break
            else:  # the source named last before, a paragraph or two up
                f.attributed_to = next(
                    (source_of(j) for j in range(i - 1, max(-1, i - 5), -1) if source_of(j)), None
                )
