"""The prefilter lets no sentence with a fact pass it by, and keeps out the number-heavy filler
that costs extraction most of its time."""

from __future__ import annotations

import pytest

from ingest.extract import lexicon as lx
from ingest.extract.sentence.prefilter import has_signal
from ingest.extract.sentence.reader import read_sentence
from ingest.extract.text import split_sentences


@pytest.mark.parametrize("phrase", sorted(" ".join(p) for p in lx.TRIGGERS))
def test_every_trigger_phrase_with_a_number_passes(phrase: str) -> None:
    sentence = f"Officials said 12 {phrase} on Tuesday."
    assert read_sentence(sentence).triggers  # the phrase is a trigger as written
    assert has_signal(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Talks on the budget lasted 9 hours, the 4th round since March.",
        "Some 120 stalls were open in 3 markets, 16 km from the station.",  # 'were' alone says nothing
        "The 2 ministers met in Warsaw in 2024 and again in 2025.",  # nor does 'in'
        "Prices rose by 12% in Ukraine and 9% in Russia last year.",
    ],
)
def test_number_heavy_filler_is_kept_out(sentence: str) -> None:
    assert not has_signal(sentence)


def test_a_sentence_with_a_fact_passes() -> None:
    text = "Air defences shot down 40 drones. In all, 12 people were injured. 84 prisoners came home."
    assert [has_signal(s.text) for s in split_sentences(text)] == [True, True, True]


def test_sentences_keep_their_final_mark_and_offsets() -> None:
    text = 'He said "yes." Then 5 drones came.Russia\'s ministry spoke!\n\nNext para.'
    got = [(s.text, s.paragraph) for s in split_sentences(text)]
    assert got == [
        ('He said "yes.', 0),  # a closing quote goes with the boundary, as it always has
        ("Then 5 drones came.", 0),
        ("Russia's ministry spoke!", 0),
        ("Next para.", 1),
    ]
    assert all(text[s.start : s.end] == s.text for s in split_sentences(text))
