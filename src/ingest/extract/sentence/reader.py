"""One sentence read for counts, as a short named sequence of steps: tokens, numbers (dates
masked), triggers, clauses, noun phrases, partitives, a verb for each number, lists.

It knows nothing about the article around it; `ingest.extract.article` adds that.
"""

from __future__ import annotations

from ingest.extract.dates import date_spans
from ingest.extract.numbers import find_numbers
from ingest.extract.sentence.lists import (
    among_those_freed,
    counts_by_place_elided,
    link_partitives,
    read_copula_subsets,
    share_triggers_in_lists,
    verb_over_a_list,
)
from ingest.extract.sentence.model import Mention, ReadSentence
from ingest.extract.sentence.noun_phrase import noun_phrase
from ingest.extract.sentence.triggers import assign_trigger, find_triggers
from ingest.extract.text import Token, tokenize

_CLAUSE_BREAKS = frozenset([";", ":", "—", "–", "but", "while", "whereas", "(", ")", "“", "”", '"'])


def read_sentence(sentence: str) -> ReadSentence:
    tokens = tokenize(sentence)
    masked = date_spans(sentence)
    nums = [n for n in find_numbers(tokens) if not any(a <= n.start < b for a, b in masked)]
    triggers = find_triggers(tokens)
    clause_of = _clauses(tokens)
    mentions: list[Mention] = []
    for n in nums:
        m = noun_phrase(tokens, n)
        if m is None:
            continue
        m.clause = clause_of[n.i]
        mentions.append(m)
    link_partitives(tokens, mentions)
    for m in mentions:
        assign_trigger(tokens, m, triggers, clause_of, mentions)
    share_triggers_in_lists(tokens, mentions)
    verb_over_a_list(tokens, mentions, triggers)
    counts_by_place_elided(tokens, mentions)
    read_copula_subsets(tokens, mentions, triggers)
    among_those_freed(tokens, mentions, triggers)
    return ReadSentence(sentence, tokens, mentions, triggers, clause_of)


def _clauses(tokens: list[Token]) -> list[int]:
    out, c = [], 0
    for t in tokens:
        if t.low in _CLAUSE_BREAKS:
            c += 1
        out.append(c)
    return out
