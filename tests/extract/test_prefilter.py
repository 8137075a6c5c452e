"""The prefilter lets no sentence with a fact pass it by, and keeps out the number-heavy filler
that costs extraction most of its time."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extract import lexicon as lx
from ingest.extract.article.reader import _SCENE_CUE, _names_a_scene
from ingest.extract.sentence.prefilter import _NUMBERISH, has_signal, numberish
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


# pieces of sentences for every way _NUMBERISH reads a number, and near misses of each
_PIECES = st.sampled_from(
    [
        "one",
        "Two",
        "TWELVE",
        "a dozen",
        "both",
        "All",
        "alloy",
        "nineteen",
        "Fifteen",
        "teen",
        "canteen",
        "tone",
        "someone",
        "one-day",
        "the same number",
        "the same numbers",
        "numbered",
        "an equal number",
        "equal numbers",
        "a",
        "An",
        "an",
        "a Shahed-type DRONE",
        "missiles",
        "a (Russian) rocket",
        "a security guard",
        "a boy",
        "cowboy",
        "an elderly woman",
        "child's",
        "an 84-year-old",
        "the 9-year-old",
        "year-old",
        "٣",
        "İstanbul",
        "ſeven",
        "Kelvin K",
        "-",
        "(",
        ")",
        ",",
        ".",
        "'",
        "_",
        "\n",
    ]
)


@settings(max_examples=600, deadline=None)
@given(
    st.lists(_PIECES, max_size=12), st.lists(st.sampled_from([" ", "", "  ", "-"]), min_size=12, max_size=12)
)
def test_numberish_finds_a_number_exactly_where_the_one_pattern_does(
    pieces: list[str], gaps: list[str]
) -> None:
    sentence = "".join(p + g for p, g in zip(pieces, gaps, strict=False))
    assert numberish(sentence) == (_NUMBERISH.search(sentence) is not None)


def test_the_word_lookups_read_as_their_patterns_on_our_cases_and_the_real_reports() -> None:
    tests = Path(__file__).resolve().parents[1]
    real = tests.parents[1] / "shared" / "real" / "articles"  # read where it is there
    files = sorted((tests / "cases" / "articles").iterdir()) + (
        sorted(real.iterdir()) if real.is_dir() else []
    )
    texts = [p.read_text(encoding="utf-8") for p in files]
    sentences = [s.text for t in texts for s in split_sentences(t)]
    assert len(sentences) > 500
    assert [numberish(s) for s in sentences] == [_NUMBERISH.search(s) is not None for s in sentences]
    assert [_names_a_scene(s) for s in sentences] == [_SCENE_CUE.search(s) is not None for s in sentences]


_SCENE_PIECES = st.sampled_from(
    [
        "attack",
        "Attacked",
        "ATTACKS",
        "attacker",
        "counterattack",
        "struck",
        "strike",
        "Strikes",
        "hit",
        "hits",
        "white",
        "shelled",
        "shelling",
        "shell",
        "bombed",
        "bombing",
        "bomb",
        "targeted",
        "damaged",
        "killed",
        "injured",
        "wounded",
        "unwounded",
        "İ",
        "ſtruck",
        "K",
        "-",
        "'",
        "_",
        ".",
    ]
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(_SCENE_PIECES, max_size=10), st.lists(st.sampled_from([" ", "", "-"]), min_size=10, max_size=10)
)
def test_a_scene_is_named_exactly_where_the_cue_pattern_finds_one(pieces: list[str], gaps: list[str]) -> None:
    sentence = "".join(p + g for p, g in zip(pieces, gaps, strict=False))
    assert _names_a_scene(sentence) == (_SCENE_CUE.search(sentence) is not None)
