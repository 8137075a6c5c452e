"""ingest.extract.attribution: who a sentence says gave its numbers, in the spelling analysts filter on.

Governors, mayors and officials below are invented people.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.extract.attribution import Attribution, find_attribution


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # the Ukrainian air force, however the article spells it
        ("Russia sent 40 drones overnight, the Ukrainian air force said.", "Ukrainian air force"),
        ("Ukraine's air force said on Telegram that 31 drones were downed.", "Ukrainian air force"),
        ("According to the air force, 12 missiles were launched.", "Ukrainian air force"),
        # Russia's defence ministry, British or American spelling, either word order
        ("Russia's Defence Ministry said it had destroyed 25 drones.", "Russian Defense Ministry"),
        (
            "Nine drones were shot down, according to the Russian Ministry of Defense.",
            "Russian Defense Ministry",
        ),
        (
            "The Russian Defense Ministry reported that 60 drones were intercepted.",
            "Russian Defense Ministry",
        ),
        # Ukraine's own ministry is not Russia's
        ("Ukraine's Ministry of Defence said 14 drones were downed.", "Ukrainian Defense Ministry"),
        # the president, with the spelling variants folded
        ("President Volodymyr Zelensky said 390 soldiers came home.", "Zelenskyy"),
        ("Zelenskyy said the exchange would go on.", "Zelenskyy"),
        # a person named after a title: the title goes, the name stays
        ("Two people were killed, according to regional Gov. Marko Velychenko.", "Marko Velychenko"),
        ("Poltava Governor Taras Holubenko said two people were injured.", "Taras Holubenko"),
        ("Three people died, Mayor Danylo Kravets wrote on Telegram.", "Danylo Kravets"),
        (
            "Four people were hurt, said Oksana Levchuk, head of the city military administration.",
            "Oksana Levchuk",
        ),
        # plural and institutional sources keep the article's words
        ("Twelve people were wounded, police said.", "police"),
        ("The General Staff said 3 drones were destroyed.", "General Staff of the Armed Forces of Ukraine"),
        # a person named before a title set off by commas
        (
            "Air defences downed 12 of 14 drones, Taras Melnyk, commander of the eastern air command, said.",
            "Taras Melnyk",
        ),
        (
            "Iryna Bondar, head of the Sumy regional administration, reported that two people were hurt.",
            "Iryna Bondar",
        ),
        # the wire's closing attribution beats a place or a clause earlier in the sentence
        ("Poltava Oblast recorded seven injuries overnight, Governor Roman Savchuk said.", "Roman Savchuk"),
        ("The governor of the neighbouring Kursk region said two people were wounded.", "Kursk governor"),
        # qualified officials are a source of their own
        ("Six people were killed in the strike, local officials said.", "local officials"),
        ("Two people were injured, Kharkiv authorities said on Monday.", "Kharkiv authorities"),
    ],
)
def test_named_source_is_found_and_normalised(sentence: str, name: str) -> None:
    assert find_attribution(sentence) == Attribution(name, False)


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Officials said 12 people were wounded.", "officials"),
        ("Twelve people were wounded, officials said.", "officials"),
        ("Three people died in the strike, authorities said on Monday.", "authorities"),
        # named by the place where the sentence says it
        ("City authorities in Zhytomyr said four people were hurt.", "Zhytomyr authorities"),
        ("Officials in the Russian capital said two drones were downed.", "Moscow officials"),
        # "citing" names the source a wire carries
        (
            "State media reported, citing the Russian Ministry of Defence, that 14 drones fell.",
            "Russian Defense Ministry",
        ),
        # a title, then the person's name set off by commas: the person
        (
            "The head of the Sumy regional administration, Ivan Petrenko, said three were hurt.",
            "Ivan Petrenko",
        ),
        ("The mayor of the city, Olha Marchenko, said two died.", "Olha Marchenko"),
        ("President Volodymyr Zelensky's office said five were wounded.", "Zelenskyy's office"),
    ],
)
def test_unnamed_officials_are_a_source_named_by_their_place(sentence: str, name: str) -> None:
    # "officials said" keeps a neighbour's source from being borrowed (tests/cases/README.md)
    assert find_attribution(sentence) == Attribution(name, False)


def test_officials_of_no_known_place_are_no_source() -> None:
    assert find_attribution("Officials in both capitals said 12 people were freed.") is None


def test_a_denial_to_comment_names_no_source() -> None:
    assert find_attribution("Kyiv does not usually comment on such claims.") is None


@pytest.mark.parametrize(
    ("sentence", "pronoun"),
    [
        ("It added that 12 missiles were intercepted.", "it"),
        ("It said the drones came from the north.", "it"),
        ("He said 12 missiles were intercepted.", "he"),
        ("They said the count was still rising.", "they"),
        ("Three people died, the governor said.", "the governor"),
        ("The ministry said 4 drones were downed.", "the ministry"),
        ("The report said 4 drones were launched.", "the report"),
        ("Both Kh-59 missiles were destroyed, the statement said.", "the statement"),
        # whose statement it was: the ministry named before
        (
            '"Nine drones were destroyed over the Kursk region," the ministry\'s statement said.',
            "the ministry",
        ),
        ("The army's daily update said 30 drones were shot down.", "the army"),
    ],
)
def test_pointing_back_words_are_returned_as_pronouns(sentence: str, pronoun: str) -> None:
    assert find_attribution(sentence) == Attribution(pronoun, True)


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia launched 40 drones overnight.",
        "Media said the blasts were heard across the city.",
        # a wire agency carries the words of a source; a clause before "were reported" is none
        "Nine drones were shot down over Odesa, Interfax reported.",
        "Five people were hurt in Lviv, the Associated Press reported.",
        "No casualties were reported after the strike on the depot.",
        "It was the first time the city was hit, reports said.",
        "Zaporizhzhia Oblast recorded four injuries on Friday.",
    ],
)
def test_no_source_or_no_named_source_gives_none(sentence: str) -> None:
    assert find_attribution(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Forty drones were downed, according to the Ministry of Defence of Ukraine.",
        "The Defense Ministry of Ukraine said 40 drones were downed.",
    ],
)
def test_ukraines_ministry_named_country_last_is_not_russias(sentence: str) -> None:
    assert find_attribution(sentence) == Attribution("Ukrainian Defense Ministry", False)


@given(st.text(max_size=300))
def test_any_text_gives_none_or_a_short_non_empty_source(text: str) -> None:
    got = find_attribution(text)
    assert got is None or (got.name.strip() and len(got.name) <= 120)
