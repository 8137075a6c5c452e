"""extract_article on the phrasings of war news, one test per phrasing, on sentences written for
these tests (none is copied from a real article or from ../shared/seeds).

Each case compares a projection of the event facts (kind != "cumulative") with the expected set by
FACTS.md and tests/cases/README.md, so a missing fact and an extra wrong one both fail. Where the
extractor is known to get a case wrong, the case is a strict xfail whose reason says what comes out
instead: the list of those is a to-do list, and a fix turns them into XPASS failures to unmark.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.extract.article.reader import extract_article
from ingest.extract.dates import ArticleDate
from schemas.vocabulary import CUMULATIVE, FACT_KINDS, KIND_OF_METRIC, QUALIFIERS

ARTICLE_DAY = dt.date(2025, 6, 2)  # a Monday: "on Saturday" is May 31, "overnight" is June 2
D = dt.date
R, U = "Russia", "Ukraine"
DL, DI, ML, MI = "drones_launched", "drones_intercepted", "missiles_launched", "missiles_intercepted"
KILLED, INJURED = "killed", "injured"
PR, SR, CR, AGREED = "prisoners_released", "soldiers_released", "civilians_released", "prisoners_agreed"

WHO = ("metric", "value", "actor", "target")
QUALIFIED = ("metric", "value", "value_max", "qualifier")
DATED = ("metric", "value", "event_date")
SOURCED = ("metric", "value", "attributed_to")
PLACED = ("metric", "value", "location")
ARMED = ("metric", "value", "weapon")


def extract(text: str, date: dt.date | None = ARTICLE_DAY, precision: str = "day") -> list[dict[str, Any]]:
    return extract_article(text, ArticleDate(date, precision))


def project(facts: list[dict[str, Any]], cols: tuple[str, ...]) -> set[tuple[Any, ...]]:
    """The event facts (cumulative ones left out, as the scorer does) as a set of column tuples."""
    return {tuple(f[c] for c in cols) for f in facts if f["kind"] != CUMULATIVE}


def case(text: str, *expected: tuple[Any, ...], wrong: str | None = None) -> Any:
    """One table row: a sentence, the facts it states, and, if the extractor misreads it, how."""
    marks = [pytest.mark.xfail(reason=wrong, strict=True)] if wrong else []
    slug = "-".join(re.findall(r"[\w$€:-]+", text)[:7])
    return pytest.param(text, set(expected), marks=marks, id=slug)


# --- launches and interceptions -----------------------------------------------------------------

N_OF_M = [
    case(
        "Ukrainian air defences downed 61 of 98 drones launched by Russia overnight, the air force said.",
        (DI, 61, R, U),
        (DL, 98, R, U),
    ),
    case(
        "Air defence units shot down 33 of the 45 Shahed drones Russia sent against Ukraine overnight.",
        (DI, 33, R, U),
        (DL, 45, R, U),
    ),
    case(
        "The Ukrainian air force said 44 of the 50 drones had been shot down.",
        (DI, 44, R, U),
        (DL, 50, R, U),
    ),
    case(
        "Of 58 drones launched overnight, 49 were neutralised, the air force said.",
        (DL, 58, R, U),
        (DI, 49, R, U),
    ),
]


@pytest.mark.parametrize(("text", "expected"), N_OF_M)
def test_n_of_m_drones_downed_is_m_launched_and_n_intercepted(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


OUT_OF = [
    case(
        "Air defence units destroyed 40 out of 47 drones over the Kharkiv and Sumy regions.",
        (DI, 40, R, U),
        (DL, 47, R, U),
    ),
    case(
        "Russia fired 17 missiles overnight; 15 out of 17 were intercepted.",
        (ML, 17, R, U),
        (MI, 15, R, U),
    ),
    case(
        "Ukrainian forces shot down 112 out of 126 Russian drones, the air force said.",
        (DI, 112, R, U),
        (DL, 126, R, U),
    ),
]


@pytest.mark.parametrize(("text", "expected"), OUT_OF)
def test_n_out_of_m_is_m_launched_and_n_intercepted(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


ALL_DOWN = [
    case(
        "All 12 drones were shot down over the Kyiv region, the regional administration said.",
        (DL, 12, R, U),
        (DI, 12, R, U),
    ),
    case(
        "Russia launched nine drones at the Chernihiv region overnight; all of them were shot down.",
        (DL, 9, R, U),
        (DI, 9, R, U),
    ),
    case(
        "Russia's defence ministry said all 16 Ukrainian drones that crossed into the Bryansk region were destroyed.",
        (DL, 16, U, R),
        (DI, 16, U, R),
    ),
    case(
        "Russia launched four Kinzhal missiles and three Kalibr cruise missiles; all seven were shot down.",
        (ML, 4, R, U),
        (ML, 3, R, U),
        (ML, 7, R, U),
        (MI, 7, R, U),
    ),
]


@pytest.mark.parametrize(("text", "expected"), ALL_DOWN)
def test_all_n_shot_down_is_n_launched_and_n_intercepted(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


DOZEN = [
    case("Russian forces launched a dozen drones at Odesa overnight.", (DL, 12, R, U)),
    case("Two dozen drones attacked the Dnipropetrovsk region overnight.", (DL, 24, R, U)),
    case("Air defences shot down a dozen drones over the Poltava region overnight.", (DI, 12, R, U)),
]


@pytest.mark.parametrize(("text", "expected"), DOZEN)
def test_a_dozen_is_twelve(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


AT_LEAST_DOWN = [
    case(
        "At least 30 drones were shot down over central Ukraine overnight, the air force said.",
        (DI, 30, R, U),
    ),
    case(
        "Russia launched 70 drones overnight and at least 45 were shot down.", (DL, 70, R, U), (DI, 45, R, U)
    ),
]


@pytest.mark.parametrize(("text", "expected"), AT_LEAST_DOWN)
def test_at_least_n_shot_down_is_intercepted(text: str, expected: set[Any]) -> None:
    facts = extract(text)
    assert project(facts, WHO) == expected
    assert {f["qualifier"] for f in facts if f["metric"] == DI} == {"at_least"}


ELECTRONIC_WARFARE = [
    case(
        "Of the 80 drones launched, 52 were shot down or suppressed by electronic warfare, the air force said.",
        (DL, 80, R, U),
        (DI, 52, R, U),
    ),
    case(
        "Russia launched 64 drones overnight; 41 were shot down or suppressed by electronic warfare.",
        (DL, 64, R, U),
        (DI, 41, R, U),
    ),
    case(
        "Of the 80 drones, 52 were shot down or suppressed by electronic warfare, the air force said.",
        (DL, 80, R, U),
        (DI, 52, R, U),
    ),
    case(
        "Russia launched 50 drones overnight. Air defences shot down 30, and 15 were lost to electronic warfare.",
        (DL, 50, R, U),
        (DI, 30, R, U),
    ),
]


@pytest.mark.parametrize(("text", "expected"), ELECTRONIC_WARFARE)
def test_electronic_warfare_counts_only_when_lumped_with_shot_down(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


OF_WHICH = [
    case(
        "Russia launched 73 drones overnight, of which 54 were shot down, the air force said.",
        (DL, 73, R, U),
        (DI, 54, R, U),
    ),
    case("The enemy attacked with 40 drones, of which 36 were destroyed.", (DL, 40, R, U), (DI, 36, R, U)),
    case("Russia fired 11 missiles, of which nine were intercepted.", (ML, 11, R, U), (MI, 9, R, U)),
    case(
        "Russia attacked with 47 Shahed drones, 40 of which were downed, the Ukrainian air force said on Telegram.",
        (DL, 47, R, U),
        (DI, 40, R, U),
    ),
]


@pytest.mark.parametrize(("text", "expected"), OF_WHICH)
def test_of_which_n_were_shot_down(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


OF_THEM = [
    # "N of the drones" with the verb further on, past what they were doing
    case(
        "Russian air defences destroyed 30 Ukrainian drones overnight. The mayor said nine of the drones had "
        "been flying toward Moscow and were shot down on approach.",
        (DI, 30, U, R),
        (DI, 9, U, R),
    ),
    case(
        "Russia launched 98 drones at Ukraine overnight, and air defences downed 61 of them.",
        (DL, 98, R, U),
        (DI, 61, R, U),
    ),
    case(
        "Russia sent 120 drones against Ukraine overnight. Air defences shot down 87 of them, the air force said.",
        (DL, 120, R, U),
        (DI, 87, R, U),
    ),
    case(
        "Five ballistic missiles were launched at Kyiv; three of them were intercepted.",
        (ML, 5, R, U),
        (MI, 3, R, U),
    ),
]


@pytest.mark.parametrize(("text", "expected"), OF_THEM)
def test_n_of_them_points_back_to_the_launch(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


WEAPONS_BY_TYPE = [
    # the noun after "were": a subset of the launch, also of a combined whole
    case("Of the 88 drones, about 60 were Shaheds, the air force said.", (DL, 88, R, U), (DL, 60, R, U)),
    case(
        "Russia used 82 means of air attack overnight. Of that number, 70 were attack drones and 12 were "
        "missiles, the air force said.",
        (DL, 70, R, U),
        (ML, 12, R, U),
    ),
    case(
        "Of the 50 downed, 30 were Shaheds, the air force said.",
        (DI, 50, R, U),
        wrong="the whole before 'downed' is read as launched",
    ),
    # "The missiles included ...": the launch by type
    case(
        "Russia launched 44 missiles at Ukraine overnight, the air force said. The missiles included 30 Kh-101 "
        "cruise missiles, 10 Kalibr cruise missiles and four Kinzhal missiles.",
        (ML, 44, R, U),
        (ML, 30, R, U),
        (ML, 10, R, U),
        (ML, 4, R, U),
    ),
    # the types in dashes after the whole, and "as were" for the verb said before
    case(
        "Russia fired 12 missiles and 45 drones at the Kyiv region. Of the 12 missiles - eight Iskander-M "
        "ballistic missiles and four Kh-101 cruise missiles - nine were destroyed, as were 40 of the 45 drones.",
        (ML, 12, R, U),
        (DL, 45, R, U),
        (ML, 8, R, U),
        (ML, 4, R, U),
        (MI, 9, R, U),
        (DI, 40, R, U),
    ),
    # "N of the missiles and all the drones had been destroyed": the verb after both
    case(
        "The air force said Russia had launched ten Kalibr missiles and 14 Shahed drones, and that seven of "
        "the missiles and all the drones had been destroyed.",
        (ML, 10, R, U),
        (DL, 14, R, U),
        (MI, 7, R, U),
        (DI, 14, R, U),
    ),
]


@pytest.mark.parametrize(("text", "expected"), WEAPONS_BY_TYPE)
def test_weapons_by_type_after_were_included_and_dashes(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


THE_MISSILE_AND_DRONES = [
    case(
        "Russia fired a ballistic missile and 45 drones at Ukraine overnight. "
        "Air defences destroyed the missile and 30 of the drones, the air force said.",
        (ML, 1, R, U),
        (DL, 45, R, U),
        (MI, 1, R, U),
        (DI, 30, R, U),
    ),
    case(
        "Russia attacked with one Iskander-M missile and 60 drones. "
        "The air force said it destroyed the missile and 52 of the drones.",
        (ML, 1, R, U),
        (DL, 60, R, U),
        (MI, 1, R, U),
        (DI, 52, R, U),
    ),
]


@pytest.mark.parametrize(("text", "expected"), THE_MISSILE_AND_DRONES)
def test_destroyed_the_missile_and_n_of_the_drones(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


BOTH_MISSILES = [
    case(
        "Russia fired two Iskander-M ballistic missiles at Kharkiv overnight. "
        "Both missiles were intercepted, the air force said.",
        (ML, 2, R, U),
        (MI, 2, R, U),
    ),
    case(
        "Russia launched two Kh-101 missiles and 30 drones overnight. Both missiles and 25 drones were shot down.",
        (ML, 2, R, U),
        (DL, 30, R, U),
        (MI, 2, R, U),
        (DI, 25, R, U),
    ),
    case(
        "Russia fired two Iskander-M missiles and 44 drones at Kharkiv. All the missiles and 40 drones were downed.",
        (ML, 2, R, U),
        (DL, 44, R, U),
        (MI, 2, R, U),
        (DI, 40, R, U),
    ),
]


@pytest.mark.parametrize(("text", "expected"), BOTH_MISSILES)
def test_both_missiles_were_intercepted(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


ATTACK_BY = [
    case("The city came under an attack by 25 drones overnight.", (DL, 25, R, U)),
    case("Odesa was hit in an attack by 18 Russian drones overnight.", (DL, 18, R, U)),
    case("An attack by 40 Ukrainian drones on the Rostov region was repelled overnight.", (DL, 40, U, R)),
]


@pytest.mark.parametrize(("text", "expected"), ATTACK_BY)
def test_an_attack_by_n_drones_is_a_launch(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


INTERCEPT_VOCABULARY = [
    case("Moscow says it downs 13 Ukrainian drones over the Bryansk region", (DI, 13, U, R)),
    case("Ukraine intercepts 22 Russian drones overnight, air force says", (DI, 22, R, U)),
    case("Kyiv destroys 9 Russian cruise missiles over the capital", (MI, 9, R, U)),
    case("The ministry confirmed the destruction of 37 Ukrainian drones over Kursk.", (DI, 37, U, R)),
    case("Poltava air defences finished off three more Russian drones before dawn.", (DI, 3, R, U)),
    case("Air defence shot down a Russian hypersonic Kinzhal missile over Dnipro.", (MI, 1, R, U)),
]


@pytest.mark.parametrize(("text", "expected"), INTERCEPT_VOCABULARY)
def test_headline_present_tense_and_nominal_intercepts(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


QUOTED_NAMES = [
    case('Russia launched 23 "Shaheds" at Zaporizhzhia overnight.', (DL, 23, "Shahed")),
    case("Air defences shot down 11 ‘Gerans’ over Chernihiv.", (DI, 11, "Shahed")),
    case("The enemy sent 8 “Shahed” drones towards Sumy.", (DL, 8, "Shahed")),
]


@pytest.mark.parametrize(("text", "expected"), QUOTED_NAMES)
def test_a_weapon_name_in_quotes_is_the_counted_noun(text: str, expected: set[Any]) -> None:
    assert project(extract(text), ARMED) == expected


COMBINED_WEAPONS = [
    case("Russia struck Lviv with more than 250 drones, ballistic and cruise missiles overnight."),
    case("The enemy launched 35 missiles, drones at Kharkiv on Sunday."),
    case("Russia fired 70 drones and missiles at the Odesa region."),
    case("Russia launched 48 drones, and Kyiv said missiles were also fired.", (DL, 48, R, U)),
    case("Air defences downed 19 drones, four missiles and a guided bomb.", (DI, 19, R, U), (MI, 4, R, U)),
]


@pytest.mark.parametrize(("text", "expected"), COMBINED_WEAPONS)
def test_a_count_over_drones_and_missiles_together_is_no_fact(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


PARTICIPLE_AFTER_LIST = [
    case(
        "Air defences shot down all 12 Russian missiles and 21 out of 25 drones launched overnight.",
        (MI, 12, R, U),
        (ML, 12, R, U),
        (DI, 21, R, U),
        (DL, 25, R, U),
    ),
    case(
        "The air force downed 33 of 36 drones and one ballistic missile launched by Russia.",
        (DI, 33, R, U),
        (DL, 36, R, U),
        (MI, 1, R, U),
    ),
    case(
        "Gunners destroyed 14 of 17 drones and two cruise missiles fired at Rivne.",
        (DI, 14, R, U),
        (DL, 17, R, U),
        (MI, 2, R, U),
    ),
    case("Russia launched 30 drones and four missiles fired from bombers.", (DL, 30, R, U), (ML, 4, R, U)),
]


@pytest.mark.parametrize(("text", "expected"), PARTICIPLE_AFTER_LIST)
def test_the_verb_before_a_list_wins_over_a_participle_after_it(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


BOMBARDED_WITH = [
    case("Russia bombarded Ukraine overnight with 55 drones, the air force said.", (DL, 55, R, U)),
    case("Moscow pounded Kharkiv with 14 guided missiles on Sunday.", (ML, 14, R, U)),
    case(
        "Russia barraged Ukraine with about 80 cruise missiles fired from 12 missile carrier aircraft.",
        (ML, 80, R, U),
    ),
    case("Ukraine hammered the Belgorod region with 30 drones overnight.", (DL, 30, U, R)),
]


@pytest.mark.parametrize(("text", "expected"), BOMBARDED_WITH)
def test_the_first_party_of_bombarded_with_is_the_launcher(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


AMONG_THEM = [
    case(
        "Russia launched 26 missiles, among them four Kh-47 Kinzhal ballistic missiles, "
        "seven Iskander-M ballistic missiles and 15 Kh-101 cruise missiles.",
        (ML, 26, None),
        (ML, 4, "Kinzhal"),
        (ML, 7, "Iskander-M"),
        (ML, 15, "Kh-101"),
    ),
    case(
        "The enemy launched 350 drones overnight, including Shahed attack drones and decoys, as well as "
        "19 missiles, among them six Kinzhals and 13 Kalibrs.",
        (DL, 350, "Shahed"),  # the model an "including" phrase names without a number (real gold's reading)
        (ML, 19, None),
        (ML, 6, "Kinzhal"),
        (ML, 13, "Kalibr"),
    ),
    case(
        "Russian forces launched six missiles: four Iskander-M ballistic missiles and two Kh-59 guided "
        "air missiles fired over the Kursk region.",
        (ML, 6, None),
        (ML, 4, "Iskander-M"),
        (ML, 2, "Kh-59"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), AMONG_THEM)
def test_among_them_parts_of_a_launch_are_facts(text: str, expected: set[Any]) -> None:
    assert project(extract(text), ARMED) == expected


COLON_PARTS = [
    case(
        "Russian forces launched six missiles: four Iskander-M ballistic missiles and two Kh-59 guided "
        "air missiles fired over the Kursk region.",
        (ML, 6, R, U),
        (ML, 4, R, U),
        (ML, 2, R, U),
    ),
    case(
        "Ukraine fired nine drones: five over Bryansk and four over the Kursk region.",
        (DL, 9, U, R),
        (DL, 5, U, R),
        (DL, 4, U, R),
    ),
]


@pytest.mark.parametrize(("text", "expected"), COLON_PARTS)
def test_parts_after_a_colon_take_the_launcher_before_it(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


ALL_BUT = [
    case(
        "Kyiv said Russia had launched 24 attack drones at the south overnight, and that its air defences "
        "destroyed all but two.",
        (DL, 24, R, U),
        (DI, 22, R, U),
    ),
    case(
        "Russia fired 9 cruise missiles at Lviv; air defences shot down all but one.",
        (ML, 9, R, U),
        (MI, 8, R, U),
    ),
    case("The weapon was once touted as all but unstoppable, and 5 drones were launched.", (DL, 5, R, U)),
    case(
        "Russia launched 13 drones at Kyiv. All had been ‘successfully intercepted.’",
        (DL, 13, R, U),
        (DI, 13, R, U),
    ),
    case(
        'Russia launched 6 missiles at Rivne; all were "intercepted", the mayor said.',
        (ML, 6, R, U),
        (MI, 6, R, U),
    ),
]


@pytest.mark.parametrize(("text", "expected"), ALL_BUT)
def test_all_but_n_is_the_launch_less_n_and_quoted_all_intercepted(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


LAUNCH_WEAPON = [
    case(
        "Russia launched 26 Shahed drones at Chernihiv overnight. Air defences shot down 21 of them.",
        (DL, 26, "Shahed"),
        (DI, 21, "Shahed"),
    ),
    case(
        "Russia launched 50 drones, including 30 Shaheds. Air defences shot down 41.",
        (DL, 50, None),
        (DL, 30, "Shahed"),
        (DI, 41, None),
    ),
    case(
        "Russia launched 19 UAVs of the Shahed-136/131 type at Kherson, and 15 of them were destroyed.",
        (DL, 19, "Shahed"),
        (DI, 15, "Shahed"),
    ),
    case("Russia fired 7 missiles of the Kh-101 type at Lutsk.", (ML, 7, "Kh-101")),
    case("Russia fired 7 missiles of the newest type at Lutsk.", (ML, 7, None)),
]


@pytest.mark.parametrize(("text", "expected"), LAUNCH_WEAPON)
def test_an_interception_takes_the_one_subtype_of_its_launch(text: str, expected: set[Any]) -> None:
    assert project(extract(text), ARMED) == expected


IT_WAS_INTERCEPTED = [
    case(
        "Moscow said a Ukrainian Tochka-U missile hit a school in Kursk after it was intercepted by air defences.",
        (ML, 1, U, R),
        (MI, 1, U, R),
    ),
    case(
        "A Russian drone crashed into a barn near Sumy after it was shot down.", (DL, 1, R, U), (DI, 1, R, U)
    ),
    case("A Russian missile struck a warehouse in Lviv. It was not intercepted.", (ML, 1, R, U)),
    case("Russia launched 12 drones at Poltava. It was intercepted, officials said.", (DL, 12, R, U)),
    case(
        "In March 2022, a Tochka-U missile struck the centre of the town, the report recalled.",
        (ML, 1, None, None),
    ),
]


@pytest.mark.parametrize(("text", "expected"), IT_WAS_INTERCEPTED)
def test_it_was_intercepted_points_to_the_last_single_weapon(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


SHAHED_AND_DECOYS = [
    case("Russia launched 112 Shahed and decoy drones at Ukraine overnight.", (DL, 112, "Shahed")),
    case(
        "Overnight, the enemy attacked with 76 Shahed attack drones and decoy drones of various types.",
        (DL, 76, "Shahed"),
    ),
    case(
        "Russia launched 140 drones overnight, including about 80 Shaheds.",
        (DL, 140, None),
        (DL, 80, "Shahed"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), SHAHED_AND_DECOYS)
def test_shahed_and_decoy_drones_are_one_launch_count(text: str, expected: set[Any]) -> None:
    assert project(extract(text), ARMED) == expected


MISSILE_MODELS = [
    case("Russia launched three Kh-47M2 Kinzhal missiles at Kyiv overnight.", (ML, 3, "Kinzhal")),
    case("Russia fired 10 Kh-101 cruise missiles at Ukraine overnight.", (ML, 10, "Kh-101")),
    case("Russia fired four Kh-59/69 guided missiles at the Odesa region.", (ML, 4, "Kh-59/69")),
    case(
        "Air defences downed 31 of 40 Shahed-136/131 drones overnight.",
        (DI, 31, "Shahed"),
        (DL, 40, "Shahed"),
    ),
    case("Overnight, 27 Shahed-131/136 attack UAVs flew in from the Kursk region.", (DL, 27, "Shahed")),
    case(
        "Russia fired six Kh-59 guided aerial missiles and two Kh-22 missiles at the Odesa region.",
        (ML, 6, "Kh-59"),
        (ML, 2, "Kh-22"),
    ),
    case(
        "Russia launched four Kinzhal missiles and three Kalibr cruise missiles at Ukraine.",
        (ML, 4, "Kinzhal"),
        (ML, 3, "Kalibr"),
    ),
    case(
        "Two S-300 missiles and three Iskander-M ballistic missiles struck Kharkiv overnight.",
        (ML, 2, "S-300"),
        (ML, 3, "Iskander-M"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), MISSILE_MODELS)
def test_missile_model_names_are_the_weapon(text: str, expected: set[Any]) -> None:
    assert project(extract(text), ARMED) == expected


MISSILE_TYPES = [
    case("Russia launched 14 cruise missiles at Ukraine overnight.", (ML, 14, "cruise missile")),
    case("Russia fired two ballistic missiles at Kyiv overnight.", (ML, 2, "ballistic missile")),
    case("Russia launched five guided aerial missiles at the Sumy region.", (ML, 5, "guided missile")),
    case("Russia fired a cruise missile at Lviv overnight.", (ML, 1, "cruise missile")),
]


@pytest.mark.parametrize(("text", "expected"), MISSILE_TYPES)
def test_cruise_ballistic_and_guided_missiles(text: str, expected: set[Any]) -> None:
    assert project(extract(text), ARMED) == expected


BOMBERS = [
    case("Russia fired 10 Kh-101 cruise missiles from Tu-95 strategic bombers overnight.", (ML, 10, R, U)),
    case(
        "Eleven Tu-95 strategic bombers took off from an airbase in the Murmansk region, the air force said."
    ),
    case(
        "Eight Tu-95 bombers and two Tu-22M3 bombers took part in the attack, which involved 14 cruise missiles.",
        (ML, 14, R, U),
    ),
    case("Four Tu-22M3 long-range bombers fired six Kh-22 missiles at Odesa.", (ML, 6, R, U)),
]


@pytest.mark.parametrize(("text", "expected"), BOMBERS)
def test_bomber_counts_are_not_facts(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


# --- Russian defence ministry reports -----------------------------------------------------------

MOD_TOTALS = [
    case(
        "Russian air defences intercepted and destroyed 23 Ukrainian drones overnight, the Russian Defence Ministry said.",
        (DI, 23, U, R),
    ),
    case(
        "According to Russia's defence ministry, 18 Ukrainian drones were destroyed overnight.",
        (DI, 18, U, R),
    ),
    case(
        "Russia's defence ministry said its air defences had shot down 12 Ukrainian drones over the Black Sea.",
        (DI, 12, U, R),
    ),
    case(
        "Russia's Ministry of Defence said on-duty air defence systems had destroyed 57 Ukrainian "
        "fixed-wing drones over Russian regions.",
        (DI, 57, U, R),
    ),
]


@pytest.mark.parametrize(("text", "expected"), MOD_TOTALS)
def test_russian_ministry_total_of_ukrainian_drones(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


NATIONALITY_BEHIND_MODIFIERS = [
    case(
        "Russian air defences destroyed 23 Ukrainian fixed-wing unmanned aerial vehicles over the "
        "Bryansk region overnight.",
        (DI, 23, U, R),
    ),
    case("The ministry said it had downed nine fixed-wing Ukrainian drones.", (DI, 9, U, R)),
    case("Russia launched 14 Russian-made long-range attack drones at Kyiv.", (DL, 14, R, U)),
]


@pytest.mark.parametrize(("text", "expected"), NATIONALITY_BEHIND_MODIFIERS)
def test_a_nationality_behind_modifiers_gives_the_direction(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


MOD_BREAKDOWNS = [
    case(
        "Russia's defence ministry said air defences destroyed 14 Ukrainian drones overnight: "
        "nine over the Bryansk region, four over Oryol and one over Tula.",
        (DI, 14, U, R),
        (DI, 9, U, R),
        (DI, 4, U, R),
        (DI, 1, U, R),
    ),
    case(
        "Russia's Ministry of Defence said 41 Ukrainian drones had been destroyed over Russian regions, "
        "including 27 over the Moscow region.",
        (DI, 41, U, R),
        (DI, 27, U, R),
    ),
    case(
        "Air defences downed 19 Ukrainian drones overnight, including 11 over the Kursk region and "
        "eight over the Belgorod region, Russia's defence ministry said.",
        (DI, 19, U, R),
        (DI, 11, U, R),
        (DI, 8, U, R),
    ),
]


@pytest.mark.parametrize(("text", "expected"), MOD_BREAKDOWNS)
def test_russian_ministry_total_and_per_region_counts(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


MOD_BREAKDOWN_PLACES = [
    case(
        "Russia's defence ministry said air defences destroyed 14 Ukrainian drones overnight: "
        "nine over the Bryansk region, four over the Oryol region and one over the Tula region.",
        (DI, 14, None),
        (DI, 9, "Bryansk Oblast"),
        (DI, 4, "Oryol Oblast"),
        (DI, 1, "Tula Oblast"),
    ),
    case(
        "Russia's Ministry of Defence said 41 Ukrainian drones had been destroyed over Russian regions, "
        "including 27 over the Moscow region.",
        (DI, 41, None),
        (DI, 27, "Moscow Oblast"),
    ),
    # the breakdown in the sentences after the tally, with no noun or no verb of its own
    case(
        "Air defences destroyed 26 drones overnight, the air force said. Nine were destroyed over the Sumy "
        "region, four each over the Kharkiv and Poltava regions, and two over the Kyiv region.",
        (DI, 26, None),
        (DI, 9, "Sumy Oblast"),
        (DI, 4, "Kharkiv Oblast"),
        (DI, 4, "Poltava Oblast"),
        (DI, 2, "Kyiv Oblast"),
    ),
    case(
        "Russian air defences shot down 30 Ukrainian drones, the ministry said. It listed 12 over the Kursk "
        "region, ten over the Belgorod region and eight over the waters of the Black Sea.",
        (DI, 30, None),
        (DI, 12, "Kursk Oblast"),
        (DI, 10, "Belgorod Oblast"),
        (DI, 8, "Black Sea"),
    ),
    # a whole in a quote
    case(
        '"Of the 70 drones, 52 were shot down over the Odesa region," the air force said.',
        (DL, 70, None),
        (DI, 52, "Odesa Oblast"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), MOD_BREAKDOWN_PLACES)
def test_per_region_counts_carry_their_region_and_the_total_none(text: str, expected: set[Any]) -> None:
    assert project(extract(text), PLACED) == expected


MOD_LISTS = [
    # the verb before a list governs every item, also past an item that is no count of ours
    case(
        "Over the past 24 hours, Russian air defence systems shot down six guided aerial bombs, three "
        "HIMARS rockets, one Neptune missile and 87 Ukrainian drones, the Defence Ministry said.",
        (MI, 3, U, R),
        (MI, 1, U, R),
        (DI, 87, U, R),
    ),
    case(
        "Air defence systems destroyed six Ukrainian drones over the Belgorod region, three over the "
        "Kursk region and two over the Voronezh region, the ministry said.",
        (DI, 6, U, R),
        (DI, 3, U, R),
        (DI, 2, U, R),
    ),
    case(
        "Ukrainian drones were shot down overnight: five over the Rostov region and two over Crimea, "
        "Russia's defence ministry said.",
        (DI, 5, U, R),
        (DI, 2, U, R),
    ),
    case(
        "Russia's defence ministry said eight Ukrainian drones were intercepted over the Kaluga region "
        "and four over the Smolensk region.",
        (DI, 8, U, R),
        (DI, 4, U, R),
    ),
]


@pytest.mark.parametrize(("text", "expected"), MOD_LISTS)
def test_per_region_list_with_no_total_invents_none(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


PLACED_WHO = ("metric", "value", "location", "actor", "target")

EACH_OVER_PLACES = [
    case(
        "Air defences destroyed ten drones over the Lipetsk region, and two each over the Tula, Oryol "
        "and Kursk regions, Russia's defence ministry said.",
        (DI, 10, "Lipetsk Oblast", U, R),
        (DI, 2, "Tula Oblast", U, R),
        (DI, 2, "Oryol Oblast", U, R),
        (DI, 2, "Kursk Oblast", U, R),
    ),
    case(
        "The ministry said five Ukrainian drones were downed over the Bryansk region, one each over the "
        "Tambov and Penza regions and the Black Sea.",
        (DI, 5, "Bryansk Oblast", U, R),
        (DI, 1, "Tambov Oblast", U, R),
        (DI, 1, "Penza Oblast", U, R),
        (DI, 1, "Black Sea", U, R),
    ),
    case(
        "Russia's defence ministry said 12 Ukrainian drones were shot down: four over the Voronezh "
        "region, three over the Sea of Azov and five over the Azov Sea coast of Crimea.",
        (DI, 12, None, U, R),
        (DI, 4, "Voronezh Oblast", U, R),
        (DI, 3, "Sea of Azov", U, R),
        (DI, 5, "Crimea", U, R),
        wrong="the five over 'the Azov Sea coast of Crimea' is not read: its place is six words on",
    ),
    case(
        "Ukrainian forces tried to hit the Kaluga and Tula regions overnight. There, air defences shot "
        "down three drones each, the ministry said.",
        (DI, 3, "Kaluga Oblast", U, R),
        (DI, 3, "Tula Oblast", U, R),
    ),
    case(
        "Russia's defence ministry said it had destroyed 40 Ukrainian drones, including 25 over the "
        "region around the Russian capital Moscow.",
        (DI, 40, None, U, R),
        (DI, 25, "Moscow Oblast", U, R),
    ),
]


@pytest.mark.parametrize(("text", "expected"), EACH_OVER_PLACES)
def test_n_each_over_a_list_of_places_is_one_fact_a_place(text: str, expected: set[Any]) -> None:
    assert project(extract(text), PLACED_WHO) == expected


WEAPON_HIT_SOMETHING = [
    case("A Russian missile struck a school in Sumy on Tuesday, the governor said.", (ML, 1, R, U)),
    case("Two Russian drones hit a warehouse in the Odesa region overnight.", (DL, 2, R, U)),
    case("An unexploded missile fell in a field near Poltava, police said.", (ML, 1, R, U)),
    case("A Russian drone destroyed a barn in the Nikopol district, the governor said.", (DL, 1, R, U)),
    case(
        "The governor of the Kursk region said a Ukrainian drone crashed into a house in Rylsk.",
        (DL, 1, U, R),
    ),
    # after the article's tally too: the impact is a number of its own (the real reports' gold)
    case(
        "Russia launched six missiles at the Lviv region overnight. One missile hit a warehouse, "
        "the governor said.",
        (ML, 6, R, U),
        (ML, 1, R, U),
    ),
    case(
        "Air defences downed 31 of 35 drones overnight. In Zhytomyr, a drone damaged a garage, "
        "the mayor said.",
        (DL, 35, R, U),
        (DI, 31, R, U),
        (DL, 1, R, U),
    ),
    # the verb's other forms: a drone that attacked or dropped something, an FPV or "-type" drone
    case("A Ukrainian FPV drone struck a lorry near Graivoron, the governor said.", (DL, 1, U, R)),
    case("Officials said a Ukrainian drone had attacked a bus near Shebekino.", (DL, 1, U, R)),
    case("A Russian drone dropped explosives on a car in Beryslav, the governor said.", (DL, 1, R, U)),
    # "the Kyiv region" is a place, not Kyiv acting
    case("In the Kyiv region, a Shahed hit a private house in Fastiv, the governor said.", (DL, 1, R, U)),
    # what something was hit by or with
    case(
        "The school in Kupiansk was hit by a Russian guided missile on Sunday, the governor said.",
        (ML, 1, R, U),
    ),
    case("Russia attacked a grain terminal in Izmail with a Shahed drone, officials said.", (DL, 1, R, U)),
    case("Russian troops struck Sumy using a Lancet-type drone, the mayor said.", (DL, 1, R, U)),
    case("Russia hit a tram depot with a first-person-view (FPV) drone in Kherson.", (DL, 1, R, U)),
    case(
        "In Beryslav, a 47-year-old woman was killed by a Russian FPV drone, the governor said.",
        (KILLED, 1, R, U),
        (DL, 1, R, U),
    ),
    # a part of a tally, interceptors, and words that are no impact
    case(
        "Air defences shot down 20 drones, while three drones hit targets in the Kharkiv region.",
        (DI, 20, R, U),
    ),
    case("Twelve drones destroyed overnight, the ministry said.", (DI, 12, R, U)),
    case("The drone was shot down by a Patriot missile over Lviv, the air force said."),
    case("The tank was destroyed by a drone near Pokrovsk, the brigade said."),
    case("Soldiers armed with a drone patrolled the riverbank near Kherson."),
    case("Drone attacks on the city dropped by half in March, the mayor said."),
]


@pytest.mark.parametrize(("text", "expected"), WEAPON_HIT_SOMETHING)
def test_a_weapon_that_hit_something_was_launched_also_after_a_tally(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


TOWN_IN_REGION = [
    # a region or city named only to say where a town is: the town is the place
    case(
        "Russian shelling killed three people in the Donetsk town of Kostiantynivka.",
        (KILLED, 3, "Kostiantynivka"),
    ),
    case("Two people were injured in Izium, Kharkiv Oblast, the governor said.", (INJURED, 2, "Izium")),
    case(
        "A drone strike on Kupiansk in the Kharkiv region wounded four residents.", (INJURED, 4, "Kupiansk")
    ),
    # a region that holds a town named in the same sentence, before or after it
    case(
        "Sumy Oblast was hit hardest: three people were killed when a glide bomb struck a school in the "
        "town of Shostka, the governor said.",
        (KILLED, 3, "Shostka"),
    ),
    case(
        "Two civilians were killed in the town of Druzhkivka in the eastern Donetsk region.",
        (KILLED, 2, "Druzhkivka"),
    ),
    # a place named only to say where the town is: "a town outside of", "north of"
    case(
        "Shelling killed four people in Pokrov, a town outside of Nikopol, on Friday.", (KILLED, 4, "Pokrov")
    ),
    case(
        "Six people were killed and 14 injured when missiles hit a depot in Pavlohrad, east of Dnipro.",
        (KILLED, 6, "Pavlohrad"),
        (INJURED, 14, "Pavlohrad"),
    ),
    # a town named as its oblast stays the oblast's place: "the Kursk region ... toward Kursk"
    case(
        "Three drones were destroyed over the Bryansk region, including one flying towards Bryansk.",
        (DI, 3, "Bryansk Oblast"),
        (DI, 1, "Bryansk"),
    ),
]


SMALL_PLACES = [
    # a settlement or district too small for the gazetteer, named as one by the words around it
    case(
        "The governor of the Kharkiv region said Russian shelling killed five people in the village of Pidlyman.",
        (KILLED, 5, "Pidlyman"),
    ),
    case(
        "Nine drones attacked the Krasnopilsky district of the Sumy region overnight.",
        (DL, 9, "Krasnopilsky district"),
    ),
    case(
        "In the village of Kivsharivka, Kupiansk district, Kharkiv region, a guided bomb killed three people.",
        (KILLED, 3, "Kivsharivka"),
    ),
    # a sentence with no count names the scene of the counts after it
    case(
        "Russia launched a drone attack on Zhytomyr overnight, hitting homes.\n\nThe attack injured four people, "
        "the governor said.",
        (INJURED, 4, "Zhytomyr"),
    ),
    case(
        "Russian troops attacked a shop in the village of Pidlyman, Kharkiv region, the head of the Kharkiv RMA said.\n\n"
        "Later, the head of the region said that the number of victims had risen to six.",
        (KILLED, 6, "Pidlyman"),
    ),
    # a place inside a title ("the Kharkiv Regional State Emergency Service") is no place of the fact
    case(
        "A spokesman for the Poltava Regional State Emergency Service said two people were killed in Lubny.",
        (KILLED, 2, "Lubny"),
    ),
    # an impact with no place of its own is where the paragraph's last sentence put the attack
    case(
        "Russian missiles struck Vinnytsia on Thursday, killing 12 people. Three missiles hit an office "
        "building, the regional governor said. Four missiles were shot down over the city.",
        (KILLED, 12, "Vinnytsia"),
        (ML, 3, "Vinnytsia"),
        (MI, 4, "Vinnytsia"),
    ),
    # the place that opens the number's clause: "In Uman, two ..., and in Dnipro, one ..."
    case(
        "In Nizhyn, three people were injured, and in Pryluky, two were killed, the regional administration said.",
        (INJURED, 3, "Nizhyn"),
        (KILLED, 2, "Pryluky"),
    ),
    case(
        "In Uzhhorod, four missiles hit a depot, and in Lutsk, a drone hit a house.",
        (ML, 4, "Uzhhorod"),
        (DL, 1, "Lutsk"),
    ),
    # the capitals named as such, and a capital that is bombarded
    case(
        "Officials in the Ukrainian capital said three people were wounded by falling debris.",
        (INJURED, 3, "Kyiv"),
    ),
    case("Russia also bombarded Kyiv on Monday, killing at least nine people.", (KILLED, 9, "Kyiv")),
    # an office named for its region ("the LPR military commandant's office") is no place of the fact
    case(
        "Shelling killed five people in Alchevsk. The LPR military commandant's office said the toll had risen to seven.",
        (KILLED, 5, "Alchevsk"),
        (KILLED, 7, "Alchevsk"),
    ),
    # "the city": the city a title in the sentence names
    case("The Poltava city administration said one drone hit a school in the city.", (DL, 1, "Poltava")),
]


@pytest.mark.parametrize(("text", "expected"), SMALL_PLACES)
def test_small_settlements_districts_and_the_city(text: str, expected: set[Any]) -> None:
    assert project(extract(text), PLACED) == expected


@pytest.mark.parametrize(("text", "expected"), TOWN_IN_REGION)
def test_a_town_named_with_its_region_is_the_place(text: str, expected: set[Any]) -> None:
    assert project(extract(text), PLACED) == expected


SEA_IS_NO_PLACE = [
    case(
        "Russia launched two missiles at the Black Sea port of Izmail overnight, the governor said.",
        (ML, 2, "Izmail"),
    ),
    case("The Black Sea Fleet fired four Kalibr missiles at Odesa.", (ML, 4, "Odesa")),
]


@pytest.mark.parametrize(("text", "expected"), SEA_IS_NO_PLACE)
def test_a_sea_named_as_a_modifier_is_no_place(text: str, expected: set[Any]) -> None:
    assert project(extract(text), PLACED) == expected


TALLY_LINES = [
    case(
        "Russia's defence ministry said overnight air defences destroyed 15 Ukrainian drones:\n"
        "8 – over the territory of the Kursk region,\n"
        "4 – over the territory of Belgorod region,\n"
        "3 – over the territory of the Moscow region, including 1 drone flying towards Moscow.\n"
        "The ministry gave no details of damage.",
        (DI, 15, None, U, R),
        (DI, 8, "Kursk Oblast", U, R),
        (DI, 4, "Belgorod Oblast", U, R),
        (DI, 3, "Moscow Oblast", U, R),
        (DI, 1, "Moscow", U, R),
    ),
    case(
        "Air defences shot down 9 Ukrainian drones overnight:\n"
        "six — over the Rostov region;\n"
        "three — over the Black Sea.\n"
        "2 – the number of people hurt, the governor said.",
        (DI, 9, None, U, R),
        (DI, 6, "Rostov Oblast", U, R),
        (DI, 3, "Black Sea", U, R),
    ),
]


@pytest.mark.parametrize(("text", "expected"), TALLY_LINES)
def test_lines_of_a_tally_after_a_colon_are_per_region_facts(text: str, expected: set[Any]) -> None:
    assert project(extract(text), PLACED_WHO) == expected


# --- casualties -----------------------------------------------------------------------------------

KILLED_AND_INJURED = [
    case(
        "A Russian missile strike on Dnipro killed four people and injured 19, regional governor Andriy Kovalenko said.",
        (KILLED, 4, R, U),
        (INJURED, 19, R, U),
    ),
    case(
        "The drone attack on Sumy killed two people and injured 11 others.",
        (KILLED, 2, R, U),
        (INJURED, 11, R, U),
    ),
    case(
        "Ukrainian shelling of the Belgorod region killed one civilian and injured three.",
        (KILLED, 1, U, R),
        (INJURED, 3, U, R),
    ),
]


@pytest.mark.parametrize(("text", "expected"), KILLED_AND_INJURED)
def test_killed_n_and_injured_m(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


PEOPLE_KILLED = [
    case(
        "Three people were killed when a Russian drone hit a bus in Kherson.",
        (KILLED, 3, R, U),
        (DL, 1, R, U),  # a weapon that hit something was launched
    ),
    case(
        "Five people were killed and 14 injured in the Russian strike on Zaporizhzhia.",
        (KILLED, 5, R, U),
        (INJURED, 14, R, U),
    ),
    case("Seven civilians were killed in Ukrainian shelling of the Kursk region.", (KILLED, 7, U, R)),
    case(
        "A Russian missile killed a woman in Kharkiv.",
        (KILLED, 1, R, U),
    ),
    case(
        "A 74-year-old man died after a Russian drone hit his car in Nikopol.",
        (KILLED, 1, R, U),
        (DL, 1, R, U),
    ),
    case("An elderly woman was killed when shells hit Kupiansk.", (KILLED, 1, R, U)),
    case(
        "The toll in Sumy rose to four after a man died of his wounds in hospital.",
        (KILLED, 4, R, U),
    ),
    case(
        "Three people, a mother and her son, were killed in Russian shelling of Nikopol.", (KILLED, 3, R, U)
    ),
    case("Officials named the four people who died in the Russian strike on Sumy.", (KILLED, 4, R, U)),
    case("Nineteen people have now been killed in the Russian attack on Odesa.", (KILLED, 19, R, U)),
    case(
        "Six residents had already been injured by Russian drones in Kherson, the mayor said.",
        (INJURED, 6, R, U),
    ),
    case("Rescuers in Kharkiv recovered the bodies of seven people from the rubble.", (KILLED, 7, R, U)),
    case("Three people had been found dead under the rubble in Dnipro.", (KILLED, 3, R, U)),
    case(
        "One man was killed in Kupiansk and four more injured in Russian shelling.",
        (KILLED, 1, R, U),
        (INJURED, 4, R, U),
    ),
    case(
        "Twelve people in Zaporizhzhia have sought medical help after the Russian strike.",
        (INJURED, 12, R, U),
    ),
]


@pytest.mark.parametrize(("text", "expected"), PEOPLE_KILLED)
def test_n_people_were_killed(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


WOUNDED = [
    # the verb and the noun elided for a second place
    case(
        "Three people were injured in Kupiansk, and five in Izium, the governor said.",
        (INJURED, 3, R, U),
        (INJURED, 5, R, U),
    ),
    # how badly, wounds sustained, a noun before the noun, and the fates that are no casualty
    case("One resident was slightly injured, the governor said.", (INJURED, 1, R, U)),
    case("In Chuhuiv, a 71-year-old man sustained a shrapnel wound, the governor said.", (INJURED, 1, R, U)),
    case("A 48-year-old security guard was injured at the depot in Izium, police said.", (INJURED, 1, R, U)),
    case(
        "A drone hit a lorry near Vovchansk. The 52-year-old driver was wounded, the governor said.",
        (DL, 1, R, U),
        (INJURED, 1, R, U),
    ),
    case("The 12-year-old conflict has cost thousands of lives in the Donbas, the report said."),
    case(
        "Drone hits apartment block in Sumy: one dead, eight injured, 40 residents evacuated",
        (KILLED, 1, R, U),
        (INJURED, 8, R, U),
    ),
    case("About 90 people received aid at a shelter set up in a school, the mayor of Kharkiv said."),
    # one person named by an age, in apposition or with a noun no list holds
    case(
        "The tractor driver, a 61-year-old man, was injured, the governor of the Sumy region said.",
        (INJURED, 1, R, U),
    ),
    case(
        "A 66-year-old shepherd was killed in the shelling of Nikopol, the governor said.", (KILLED, 1, R, U)
    ),
    case(
        "Four people died after the Ukrainian armed forces struck a market in Horlivka, officials said.",
        (KILLED, 4, U, R),
    ),
    case(
        "The Armed Forces of Ukraine shelled a bus stop in Donetsk, killing three, Pushilin said.",
        (KILLED, 3, U, R),
    ),
    case(
        "Meanwhile, in Ukraine, nine people were killed in Kharkiv during Russian missile attacks.",
        (KILLED, 9, R, U),
    ),
    case("Three people were injured when an unidentified object exploded in Kursk.", (INJURED, 3, None, R)),
    case("An unknown device detonated in Kherson, wounding two people.", (INJURED, 2, None, U)),
    case(
        "In Kharkiv, 64 people sought medical help and 23 have been hospitalized after the Russian strike.",
        (INJURED, 64, R, U),
    ),
    case("More than 30 of those injured in Kryvyi Rih had been hospitalized, the governor said."),
    case("One more wounded person died in hospital after the Russian strike on Sumy, the mayor said."),
    case("Russian forces shelled Kherson, wounding five residents.", (INJURED, 5, R, U)),
    case("Two police officers were wounded in a drone strike on Nikopol.", (INJURED, 2, R, U)),
    case("A drone attack on a bus in the Belgorod region wounded six people.", (INJURED, 6, U, R)),
]


OCCUPIED_AND_BACKGROUND = [
    case(
        "Shelling of a bus depot in Russian-occupied Horlivka killed six people and injured nine, "
        "the Moscow-installed mayor said.",
        (KILLED, 6, U, R),
        (INJURED, 9, U, R),
    ),
    case(
        "A strike on a bakery in Stakhanov LPR left three dead. The toll in Stakhanov later rose to five, "
        "the local emergency service said.",
        (KILLED, 3, U, R),
        (KILLED, 5, U, R),
    ),
    case(
        "Seven people were killed in the occupied city of Nova Kakhovka, the Russian-installed official said.",
        (KILLED, 7, U, R),
    ),
    case("In the de-occupied town of Izium, two people were killed by shelling.", (KILLED, 2, R, U)),
    case(
        "Back in August 2023, shelling of the same square killed 14 people, although local "
        "authorities later said 12 people died.",
        (KILLED, 14, None, None),
        (KILLED, 12, None, None),
    ),
]


@pytest.mark.parametrize(("text", "expected"), OCCUPIED_AND_BACKGROUND)
def test_casualties_in_occupied_places_and_another_years_attack(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


TOLL_PARTS = [
    case(
        "A Russian missile strike on the Sloviansk bus station killed about 30 people. "
        "Some 22 died at the scene. Another eight died in hospital, the governor said.",
        (KILLED, 30, R, U),
    ),
    case(
        "A Russian drone strike on Sumy injured 14 people, the mayor said. "
        "Six people were hospitalized, two in serious condition.",
        (INJURED, 14, R, U),
    ),
    case(
        "Six people were hospitalized after Russian shelling of Kherson, the governor said.",
        (INJURED, 6, R, U),
    ),
    case(
        "A Russian strike on Kharkiv killed five people. Three people were killed at a bus stop and "
        "two people died in hospital.",
        (KILLED, 5, R, U),
    ),
    case(
        "A Russian strike killed five people in the Kharkiv region. Three people were killed in Kupiansk "
        "and two people were killed in Izium.",
        (KILLED, 5, R, U),
        (KILLED, 3, R, U),
        (KILLED, 2, R, U),
    ),
]


@pytest.mark.parametrize(("text", "expected"), TOLL_PARTS)
def test_parts_of_a_stated_toll_are_no_facts(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


COURT_CASES = [
    case("The soldier was serving a 12-year sentence on charges of wounding three civilians in Izium."),
    case("A court in Rostov convicted the man of killing two people in Mariupol."),
    case(
        "He was accused of injuring four police officers, while a Russian strike on Odesa killed two.",
        (KILLED, 2, R, U),
    ),
    case(
        "So far, officials know of one injured person in Sumy after the Russian strike.", (INJURED, 1, R, U)
    ),
    case(
        "Three wounded civilians were taken to hospital in Kharkiv after Russian shelling.",
        (INJURED, 3, R, U),
    ),
    case("Rescuers found two dead residents under the rubble in Dnipro.", (KILLED, 2, R, U)),
    case(
        "Kyiv endured a massive night-time attack with at least two people killed, nine injured.",
        (KILLED, 2, R, U),
        (INJURED, 9, R, U),
    ),
    case(
        "Kyiv came under a Russian drone attack overnight, leaving three people wounded.", (INJURED, 3, R, U)
    ),
]


@pytest.mark.parametrize(("text", "expected"), WOUNDED)
def test_wounded_is_injured(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


TOLL_ROSE = [
    case(
        "The death toll from the strike on Kryvyi Rih rose to 14, the city's military administration said.",
        (KILLED, 14, R, U),
    ),
    case(
        "The number of people killed in the Russian missile attack on Poltava has risen to 21.",
        (KILLED, 21, R, U),
    ),
    case(
        "The death toll in Odesa climbed to nine on Monday after rescuers pulled another body from the rubble.",
        (KILLED, 9, R, U),
    ),
    case("Later, the governor said the number of victims in Sumy had reached 23 people.", (KILLED, 23, R, U)),
    case("The number of injured in Kharkiv, according to updated data, is 31.", (INJURED, 31, R, U)),
]


@pytest.mark.parametrize(("text", "expected"), TOLL_ROSE)
def test_death_toll_rose_to_n(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


REVISED_TOLLS = [
    case(
        "A Russian strike on Kherson on Saturday killed three people. "
        "Later the toll rose to five, the regional administration said.",
        (KILLED, 3, D(2025, 5, 31)),
        (KILLED, 5, D(2025, 5, 31)),
    ),
    case(
        "At least seven people were killed in a Russian strike on Zaporizhzhia on Friday. "
        "By Sunday the toll had risen to nine.",
        (KILLED, 7, D(2025, 5, 30)),
        (KILLED, 9, D(2025, 5, 30)),
    ),
    case(
        "The death toll from Tuesday's strike on Kryvyi Rih rose to 14, the city's military administration said.",
        (KILLED, 14, D(2025, 5, 27)),
    ),
]


@pytest.mark.parametrize(("text", "expected"), REVISED_TOLLS)
def test_first_and_revised_tolls_are_both_facts_on_the_strike_date(text: str, expected: set[Any]) -> None:
    assert project(extract(text), DATED) == expected


TOLL_PARTS_NO_WEAPONS = [
    # parts of a toll after "of them"/"including" are no facts, and never weapons of a "missile strike"
    case(
        "A ballistic missile struck a market in Kostiantynivka on Sunday, killing seven people, three of them "
        "children, and injuring 15, the governor said.",
        (ML, 1),
        (KILLED, 7),
        (INJURED, 15),
    ),
    case(
        "A Russian missile attack on Zaporizhzhia killed two people and injured 28, 14 of whom were "
        "hospitalised, four of them in a serious condition, the governor said.",
        (KILLED, 2),
        (INJURED, 28),
    ),
    case(
        "The minister said at least six people were killed across the country, including three in the Rivne "
        "region, where a missile strike hit a substation.",
        (KILLED, 6),
    ),
]


@pytest.mark.parametrize(("text", "expected"), TOLL_PARTS_NO_WEAPONS)
def test_parts_of_a_toll_are_no_facts_and_no_weapons(text: str, expected: set[Any]) -> None:
    assert project(extract(text), ("metric", "value")) == expected


INCLUDING_CHILDREN = [
    case(
        "A strike on Sumy on Sunday killed 11 people and injured 83, including seven children.",
        (KILLED, 11, R, U),
        (INJURED, 83, R, U),
    ),
    case(
        "The attack killed six people; two of the dead were children.",
        (KILLED, 6, R, U),
    ),
    case(
        "Nine people, including two children, were killed in the strike on Kryvyi Rih.",
        (KILLED, 9, R, U),
    ),
    case(
        "Russian drones injured 15 people in Kharkiv, three of them children.",
        (INJURED, 15, R, U),
    ),
]


@pytest.mark.parametrize(("text", "expected"), INCLUDING_CHILDREN)
def test_including_children_is_not_a_separate_fact(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


# --- prisoner exchanges ---------------------------------------------------------------------------

N_FOR_N = [
    case(
        "Russia and Ukraine carried out a 150-for-150 prisoner exchange on Saturday.",
        (PR, 150, R, U),
        (PR, 150, U, R),
    ),
    case(
        "The two sides exchanged prisoners 205 for 205 on Sunday.",
        (PR, 205, R, U),
        (PR, 205, U, R),
    ),
    case(
        "Ukraine and Russia swapped 270 soldiers for 270 soldiers on Thursday.",
        (SR, 270, R, U),
        (SR, 270, U, R),
    ),
]


@pytest.mark.parametrize(("text", "expected"), N_FOR_N)
def test_n_for_n_swap_is_a_release_each_way(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


DEFENDERS = [
    case(
        "Ukraine returned home 84 defenders from Russian captivity, President Volodymyr Zelensky said.",
        (SR, 84, R, U),
    ),
    case("Another 103 Ukrainian defenders have returned home, Zelensky said on Telegram.", (SR, 103, R, U)),
    case("Kyiv said 150 Ukrainian soldiers had returned home.", (SR, 150, R, U)),
]


@pytest.mark.parametrize(("text", "expected"), DEFENDERS)
def test_returned_home_n_defenders(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


COMBATANT_NOUNS = [
    case("Kyiv said 64 Ukrainian prisoners of war had returned home on Tuesday.", (SR, 64, R, U)),
    case("Moscow and Kyiv swapped 41 POWs each on Saturday.", (SR, 41, R, U), (SR, 41, U, R)),
    case(
        "Both countries exchanged 75 prisoners of war (POWs) each after Turkish mediation.",
        (SR, 75, R, U),
        (SR, 75, U, R),
    ),
    case("In return, 58 Russian army prisoners of war were handed over, the ministry said.", (SR, 58, U, R)),
    case(
        "Kyiv said it was releasing 44 civilian sailors and 19 military personnel.",
        (CR, 44, U, R),
        (SR, 19, U, R),
    ),
    case("Four Ukrainian military pilots held in Russia had been freed, Kyiv said.", (SR, 4, R, U)),
    case(
        "Three marines from the 36th brigade (names withheld) were exchanged for one Russian military police officer.",
        (SR, 3, R, U),
        (SR, 1, U, R),
    ),
]


@pytest.mark.parametrize(("text", "expected"), COMBATANT_NOUNS)
def test_combatant_nouns_are_soldiers_released(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


IN_EXCHANGE_FOR = [
    case(
        "Russia handed over 95 Ukrainian prisoners in exchange for 95 Russian servicemen, the Russian Defence Ministry said.",
        (PR, 95, R, U),
        (SR, 95, U, R),
    ),
    case(
        "Ukraine handed over 60 Russian soldiers in exchange for 75 Ukrainians, Kyiv said.",
        (SR, 60, U, R),
        (PR, 75, R, U),
    ),
    case(
        "Kyiv handed over 30 Russian troops in exchange for 30 Ukrainian soldiers.",
        (SR, 30, U, R),
        (SR, 30, R, U),
    ),
    case(
        "Four marines from the Ukrainian navy (Petro Hnatiuk, Yurii Koval, Mykola Savchuk, Taras Bilyk, "
        "Oleksandr Moroz and Ivan Lysenko) were exchanged for two Russian military officers, the ombudsman said.",
        (SR, 4, R, U),
        (SR, 2, U, R),
    ),
    # the receiving side as the subject: the first count is its people, the "for" count the other's
    case(
        "Moscow got back 63 Russian soldiers on Tuesday in exchange for 70 Ukrainian POWs, the ministry said.",
        (SR, 63, U, R),
        (SR, 70, R, U),
    ),
    case(
        "Ukraine gets back 48 servicemen in exchange for 52 Russian prisoners of war",
        (SR, 48, R, U),
        (SR, 52, U, R),
    ),
]


@pytest.mark.parametrize(("text", "expected"), IN_EXCHANGE_FOR)
def test_handed_over_n_in_exchange_for_m(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


HANDED_OVER_QUALIFIER = [
    case(
        "Russia handed over 95 Ukrainian prisoners in exchange for 95 Russian servicemen.",
        (PR, 95, None, "exact"),
        (SR, 95, None, "exact"),
    ),
    case(
        "Kyiv handed over 30 Russian troops in exchange for 30 Ukrainian soldiers.",
        (SR, 30, None, "exact"),
    ),
    case(
        "Under the deal, each side is to hand over 600 prisoners.",
        (AGREED, 600, None, "exact"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), HANDED_OVER_QUALIFIER)
def test_handed_over_is_a_verb_not_more_than(text: str, expected: set[Any]) -> None:
    assert project(extract(text), QUALIFIED) == expected


EACH_SIDE = [
    case(
        "Each side released 103 prisoners of war on Friday, the UAE foreign ministry said.",
        (SR, 103, R, U),
        (SR, 103, U, R),
    ),
    case("Russia and Ukraine each released 250 captives.", (PR, 250, R, U), (PR, 250, U, R)),
    case("Ukraine and Russia each freed 90 soldiers on Sunday.", (SR, 90, R, U), (SR, 90, U, R)),
    case("In the swap, each side got 84 soldiers back, the mediators said.", (SR, 84, R, U), (SR, 84, U, R)),
    case("Both countries brought 120 prisoners of war home on Thursday.", (SR, 120, R, U), (SR, 120, U, R)),
    case("Ukraine got 60 servicemen back from Russian captivity.", (SR, 60, R, U)),
]


PEOPLE_BACK = [
    case("“Our people are back.\n\n64 of them,” Zelenskyy said.", (PR, 64, R, U)),
    case("“Our soldiers are home. 95 of them.” Zelenskyy wrote on Telegram.", (SR, 95, R, U)),
    case("Our people are back. 31 of them, the Russian defence ministry said.", (PR, 31, U, R)),
    case("Some of them are back. 12 of them, Zelenskyy said."),
]


HARD_WRAPPED = [
    case(
        '"Six officers and 11 soldiers were swapped. Also four civilians,\nincluding two women, were '
        'released," the ombudsman said.',
        (SR, 6, R, U),
        (SR, 11, R, U),
        (CR, 4, R, U),
    ),
    case(
        "Kyiv said on Monday that 45\nsoldiers had returned home from Russian captivity.",
        (SR, 45, R, U),
    ),
    case(  # a heading line stays its own sentence
        "Russia frees 20 Ukrainian soldiers\nThe 20 soldiers were handed over near Sumy on Sunday.",
        (SR, 20, R, U),
    ),
]


RUN_ON = [
    # a sentence run on with no space after its period ends there: each keeps its own source
    case(
        "Four people were injured, the city's emergency ministry said.Russia's Defence Ministry said "
        "two Ukrainian drones were shot down over the city.",
        (INJURED, 4, "city's emergency ministry"),
        (DI, 2, "Russian Defense Ministry"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), RUN_ON)
def test_a_sentence_run_on_without_a_space_ends_at_its_period(text: str, expected: set[Any]) -> None:
    assert project(extract(text), SOURCED) == expected


@pytest.mark.parametrize(("text", "expected"), HARD_WRAPPED)
def test_a_line_break_inside_a_sentence_does_not_end_it(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


@pytest.mark.parametrize(("text", "expected"), PEOPLE_BACK)
def test_n_of_them_after_our_people_are_back(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


@pytest.mark.parametrize(("text", "expected"), EACH_SIDE)
def test_each_side_released_n(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


GOODWILL = [
    case(
        "In a goodwill gesture, Russia and Ukraine swapped 12 seriously wounded prisoners of war each.",
        (SR, 12, R, U),
        (SR, 12, U, R),
    ),
    case(
        "As a goodwill gesture, Russia handed over 22 severely wounded Ukrainian POWs, "
        "and Ukraine returned 22 wounded Russian POWs.",
        (SR, 22, R, U),
        (SR, 22, U, R),
    ),
]


@pytest.mark.parametrize(("text", "expected"), GOODWILL)
def test_goodwill_swap_of_wounded_pows_is_an_exchange_not_casualties(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


MORE_THAN_EACH = [
    case(
        "More than 200 prisoners each were exchanged by Russia and Ukraine on Sunday.",
        (PR, 200, None, "at_least"),
    ),
    case("Russia and Ukraine swapped more than 300 prisoners each.", (PR, 300, None, "at_least")),
]


@pytest.mark.parametrize(("text", "expected"), MORE_THAN_EACH)
def test_more_than_n_each_is_at_least_both_ways(text: str, expected: set[Any]) -> None:
    facts = extract(text)
    assert project(facts, QUALIFIED) == expected
    assert {(f["actor"], f["target"]) for f in facts if f["kind"] != CUMULATIVE} == {(R, U), (U, R)}


BREAKDOWN = [
    case(
        "Ukraine brought home 75 people, including 63 servicemen and 12 civilians, the Coordination Headquarters said.",
        (PR, 75, R, U),
        (SR, 63, R, U),
        (CR, 12, R, U),
    ),
    case(
        "Russia returned 120 servicemen and 26 civilians to Ukraine.",
        (SR, 120, R, U),
        (CR, 26, R, U),
    ),
    case(
        "The exchange brought home 41 Russian servicemen and eight civilians from the Kursk region, Moscow said.",
        (SR, 41, U, R),
        (CR, 8, U, R),
    ),
    case(
        "Russia freed 60 Ukrainian women on Monday. There were 14 civilians among the released women, Kyiv said.",
        (PR, 60, R, U),
        (CR, 14, R, U),
    ),
    case(
        "Ukraine handed over 40 Russians, Moscow said; six servicemen among those freed needed treatment.",
        (PR, 40, U, R),
        (SR, 6, U, R),
    ),
    # "among them" after the total, and a breakdown whose first part has an aside in dashes
    case(
        "Some 64 Ukrainian defenders came home on Friday, the ombudsman said, among them nine border "
        "guards and five marines.",
        (SR, 64, R, U),
        (SR, 9, R, U),
        (SR, 5, R, U),
    ),
    case(
        "Kyiv brought home 75 people, among them 60 servicemen - sailors, border guards and national "
        "guardsmen - and 15 civilians.",
        (PR, 75, R, U),
        (SR, 60, R, U),
        (CR, 15, R, U),
    ),
    # the sentence after the total breaks it down: the same direction
    case(
        "A total of 88 Ukrainians returned home from Russian captivity on Monday, Zelensky said. "
        "Among them are 80 servicemen and eight civilians, he added.",
        (PR, 88, R, U),
        (SR, 80, R, U),
        (CR, 8, R, U),
    ),
    case(
        "Russia handed back 31 Ukrainians on Sunday. Those freed include 22 soldiers and nine civilians.",
        (PR, 31, R, U),
        (SR, 22, R, U),
        (CR, 9, R, U),
    ),
    case(
        "Among the Ukrainians who returned home were 41 servicemen and six civilians, the headquarters said.",
        (SR, 41, R, U),
        (CR, 6, R, U),
    ),
    case(
        '"Sixty more of our people are home," the headquarters wrote. "Among them are 51 servicemen - '
        'from the army and the navy - and nine civilians."',
        (PR, 60, R, U),
        (SR, 51, R, U),
        (CR, 9, R, U),
    ),
    # civilians "from" a region are from there; a relative clause after them says nothing of the side
    case(
        "Ukraine also handed over 11 civilians from the Belgorod region who had been taken to Ukraine in "
        "the incursion, the commissioner said.",
        (CR, 11, U, R),
    ),
    case('"In addition, 20 wounded warriors were returned," Zelensky said.', (SR, 20, R, U)),
    # counts of people with no verb, right after the total
    case(
        '"We are bringing 150 people home. 130 military and 20 civilians," Zelensky wrote.',
        (PR, 150, R, U),
        (SR, 130, R, U),
        (CR, 20, R, U),
    ),
    case("Three military facilities were hit in the Kharkiv region, the governor said."),
    # a headline's war-long total after a semicolon leaves the event before it an event
    case(
        "On Independence Day, 90 defenders come home; over 3,000 freed since the start of the war",
        (SR, 90, R, U),
    ),
    # not a breakdown of the sentence before: nothing of the kind was counted there
    case(
        "Shelling hit the village of Kozacha Lopan overnight. Among them are 30 servicemen, officials said.",
    ),
]


@pytest.mark.parametrize(("text", "expected"), BREAKDOWN)
def test_n_servicemen_and_m_civilians(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


SAME_NUMBER = [
    case(
        "Ukraine said 390 Ukrainians came home on Friday. Russia's Defence Ministry said it had received the same number.",
        (PR, 390, R, U),
        (PR, 390, U, R),
    ),
    case(
        "Russia returned 115 Ukrainian soldiers, and Ukraine released the same number of Russian servicemen.",
        (SR, 115, R, U),
        (SR, 115, U, R),
    ),
]


@pytest.mark.parametrize(("text", "expected"), SAME_NUMBER)
def test_the_same_number_points_back_the_other_way(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


AGREED_SIZE = [
    case(
        "Russia and Ukraine agreed to exchange 1,000 prisoners each, Russia's chief negotiator said.",
        (AGREED, 1000, None, None),
    ),
    case("The two sides agreed on a 1,200-for-1,200 swap at talks in Istanbul.", (AGREED, 1200, None, None)),
    case("Under the deal, each side is to hand over 600 prisoners.", (AGREED, 600, None, None)),
    case(
        "At the talks in Istanbul, Russia and Ukraine pledged to swap at least 500 soldiers, one of the few "
        "points both have agreed on since the war began.",
        (AGREED, 500, None, None),
    ),
    case("Moscow and Kyiv vowed to exchange 300 prisoners next week.", (AGREED, 300, None, None)),
]


@pytest.mark.parametrize(("text", "expected"), AGREED_SIZE)
def test_agreed_exchange_size_is_one_prisoners_agreed_fact(text: str, expected: set[Any]) -> None:
    facts = extract(text)
    assert project(facts, WHO) == expected
    assert all(f["event_date"] is None for f in facts)


COMBINED_TOTALS = [
    case("Moscow and Kyiv swapped 164 prisoners on Sunday, officials said."),
    case("Russia, Ukraine swap 236 prisoners"),
    case("The two countries exchanged a total of 180 detainees after Saudi mediation."),
    case(
        "The sides carried out another swap, exchanging 260 people in total, 130 each.",
        (PR, 130, R, U),
        (PR, 130, U, R),
    ),
    case(
        "Kyiv and Moscow swapped 144 captives, including 66 Ukrainian women, both sides said.",
        (PR, 66, R, U),
    ),
    case("Russia swapped 52 Ukrainian soldiers for 52 Russian troops.", (SR, 52, R, U), (SR, 52, U, R)),
]


@pytest.mark.parametrize(("text", "expected"), COMBINED_TOTALS)
def test_a_combined_two_way_total_is_no_fact(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


EACH_WAY_EVENTS = [
    case(
        "In March, the two countries exchanged 172 POWs each, the first swap in weeks.",
        (SR, 172, R, U),
        (SR, 172, U, R),
    ),
    case(
        "Kyiv and Moscow exchanged 240 servicemen each on Tuesday, with some having been held since 2022.",
        (SR, 240, R, U),
        (SR, 240, U, R),
    ),
]


@pytest.mark.parametrize(("text", "expected"), EACH_WAY_EVENTS)
def test_a_swap_of_n_each_is_one_event_whatever_month_it_names(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


RESTATED_AS_SOLDIERS = [
    case(
        "Russia and Kyiv swap 90 prisoners each\n\nRussia and Ukraine exchanged 90 prisoners of war each "
        "on Monday.",
        (SR, 90, R, U),
        (SR, 90, U, R),
    ),
    case(
        "Ukraine brought 48 people back from captivity. The 48 Ukrainian servicemen were freed in Sumy region.",
        (SR, 48, R, U),
    ),
]


@pytest.mark.parametrize(("text", "expected"), RESTATED_AS_SOLDIERS)
def test_prisoners_restated_as_soldiers_are_one_fact(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


BODIES = [
    case(
        "Ukraine received the bodies of 909 fallen soldiers from Russia, the Coordination Headquarters said."
    ),
    case(
        "Russia handed over 1,000 bodies of Ukrainian soldiers, and Ukraine returned 24 bodies of Russian troops."
    ),
    case(
        "Alongside the swap of 84 prisoners each, Ukraine received 757 bodies.",
        (PR, 84, R, U),
        (PR, 84, U, R),
    ),
    case("Russia handed 14 children back to their families in Ukraine with Qatari mediation."),
    case("Kyiv said it had received the bodies of 212 soldiers killed in the Donetsk region."),
    case(
        "Rescuers found three people alive under the rubble in Kramatorsk, and later the bodies of four people.",
        (KILLED, 4, R, U),
    ),
    case("Kyiv said it had been handed back 300 bodies, and that searchers had found the bodies of 5 more."),
]


@pytest.mark.parametrize(("text", "expected"), BODIES)
def test_repatriated_bodies_are_not_prisoners(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


# --- numbers that are not facts -----------------------------------------------------------------

AGES = [
    case("Olena Petrenko, 52, said she hid in the corridor while drones flew over Kyiv."),
    case("Moscow and Kyiv completed the first stage of an under-21 prisoner exchange."),
    case("A 40-year-old man was among the two people injured in Kharkiv.", (INJURED, 2, R, U)),
    case(
        "Mykola Savchenko, 71, and his wife were among four people killed by the strike on Sumy.",
        (KILLED, 4, R, U),
    ),
    case(
        "Russian shelling of Kherson killed a 67-year-old man and wounded two women.",
        (KILLED, 1, R, U),
        (INJURED, 2, R, U),
    ),
]


@pytest.mark.parametrize(("text", "expected"), AGES)
def test_ages_are_not_facts(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


YEARS_DATES_TIMES = [
    case("The attack, which began at 14:30 on March 11, damaged a school in Kharkiv."),
    case("Russia launched 27 drones at Ukraine on March 11, 2025, the air force said.", (DL, 27, R, U)),
    case("Since 2022, the city of Kharkiv has been shelled almost daily."),
    case("At 04:15 on Sunday, air defences shot down six drones over Kyiv.", (DI, 6, R, U)),
]


@pytest.mark.parametrize(("text", "expected"), YEARS_DATES_TIMES)
def test_years_dates_and_times_are_not_facts(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


DISTANCES_MONEY = [
    case("The front line stretches for more than 1,000 kilometres."),
    case("Ukrainian drones flew a 1,000-kilometre route to strike the Saratov refinery."),
    case(
        "The European Union pledged €50 million for air defence, while Washington approved $2 billion in aid."
    ),
    case(
        "Russia launched 45 drones at an energy site worth $300 million, the operator said.", (DL, 45, R, U)
    ),
]


@pytest.mark.parametrize(("text", "expected"), DISTANCES_MONEY)
def test_distances_and_money_are_not_facts(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


OTHER_COUNTS = [
    case("Russian drones attacked 14 regions of Ukraine overnight, the air force said."),
    case("Russia carried out 120 strikes on 11 settlements in the Zaporizhzhia region over the past day."),
    case("The attack damaged three hospitals and two schools in Odesa."),
    case("Russian forces carried out 27 attacks on Nikopol over the past day, using drones and artillery."),
]


@pytest.mark.parametrize(("text", "expected"), OTHER_COUNTS)
def test_counts_of_regions_strikes_attacks_and_buildings_are_not_facts(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


VAGUE = [
    case("Russia launched dozens of drones at Ukraine overnight."),
    case("Hundreds of soldiers were killed in the fighting."),
    case("Tens of thousands of people have been killed since the full-scale invasion began."),
    case("Several drones were shot down over the Kyiv region."),
]


@pytest.mark.parametrize(("text", "expected"), VAGUE)
def test_dozens_hundreds_and_thousands_are_no_number(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


WAR_LONG = [
    case(
        "Since the start of the war, Ukraine has brought home 5,857 prisoners, the Coordination Headquarters said."
    ),
    case("Russia has launched more than 30,000 drones at Ukraine since 2022."),
    case(
        "Over the past week, Russia launched more than 1,200 drones and 40 missiles at Ukraine, Zelensky said."
    ),
    case("Between 8,000 and 10,000 Ukrainian civilians are still held in Russia, the ombudsman said."),
    case(
        "In May alone, air defences shot down 2,300 drones.",
    ),
    case("So far, 2,716 Ukrainian prisoners of war have been freed from Russian captivity, Kyiv said."),
    case("Fewer than 350 deported children have been brought back to Ukraine so far."),
]


@pytest.mark.parametrize(("text", "expected"), WAR_LONG)
def test_war_long_and_period_totals_are_cumulative_or_nothing(text: str, expected: set[Any]) -> None:
    facts = extract(text)
    assert project(facts, WHO) == expected
    assert all(f["event_date"] is None for f in facts if f["kind"] == CUMULATIVE)


# --- qualifiers -------------------------------------------------------------------------------------

AT_LEAST = [
    case("More than 40 drones were shot down over the Kyiv region overnight.", (DI, 40, None, "at_least")),
    case("Russia launched over 300 drones at Ukraine overnight.", (DL, 300, None, "at_least")),
    case("At least 12 people were injured in the strike on Dnipro.", (INJURED, 12, None, "at_least")),
]


@pytest.mark.parametrize(("text", "expected"), AT_LEAST)
def test_at_least_more_than_over_are_at_least(text: str, expected: set[Any]) -> None:
    assert project(extract(text), QUALIFIED) == expected


AT_MOST = [
    case("Russia launched up to 50 drones at the Odesa region overnight.", (DL, 50, None, "at_most")),
    case("Russia launched no more than 20 drones at Ukraine overnight.", (DL, 20, None, "at_most")),
    case("Up to 15 people were injured in the strike on Kharkiv.", (INJURED, 15, None, "at_most")),
]


@pytest.mark.parametrize(("text", "expected"), AT_MOST)
def test_up_to_and_no_more_than_are_at_most(text: str, expected: set[Any]) -> None:
    assert project(extract(text), QUALIFIED) == expected


APPROX = [
    case("Russia fired about 30 missiles at Ukraine overnight.", (ML, 30, None, "approx")),
    case("Around 60 drones were launched at Kharkiv overnight.", (DL, 60, None, "approx")),
    case("Nearly 100 drones were shot down over Ukraine overnight.", (DI, 100, None, "approx")),
    case("Some 25 people were injured in the attack on Odesa.", (INJURED, 25, None, "approx")),
]


@pytest.mark.parametrize(("text", "expected"), APPROX)
def test_about_around_nearly_some_are_approx(text: str, expected: set[Any]) -> None:
    assert project(extract(text), QUALIFIED) == expected


RANGES = [
    case("Russia launched between 40 and 50 drones at Ukraine overnight.", (DL, 40, 50, "range")),
    case("Russia launched 40-50 drones at Zaporizhzhia overnight.", (DL, 40, 50, "range")),
    case("Between 10 and 12 people were injured in the strike on Zaporozhye.", (INJURED, 10, 12, "range")),
    case("Air defences shot down 20 to 25 drones overnight.", (DI, 20, 25, "range")),
]


@pytest.mark.parametrize(("text", "expected"), RANGES)
def test_between_a_and_b_is_a_range_with_value_max(text: str, expected: set[Any]) -> None:
    assert project(extract(text), QUALIFIED) == expected


# --- event dates (article of Monday 2 June 2025 unless said) ------------------------------------

OVERNIGHT = [
    case("Russia launched 88 drones at Ukraine overnight.", (DL, 88, ARTICLE_DAY)),
    case("Overnight, air defences shot down 14 drones over the Kyiv region.", (DI, 14, ARTICLE_DAY)),
]


@pytest.mark.parametrize(("text", "expected"), OVERNIGHT)
def test_overnight_is_the_article_day(text: str, expected: set[Any]) -> None:
    assert project(extract(text), DATED) == expected


WEEKDAYS = [
    case("Russia launched 35 drones at Ukraine on Saturday, the air force said.", (DL, 35, D(2025, 5, 31))),
    case("A Russian strike on Kharkiv on Monday killed three people.", (KILLED, 3, ARTICLE_DAY)),
    case("Ukraine and Russia exchanged 270 soldiers each on Thursday.", (SR, 270, D(2025, 5, 29))),
    case("On Sunday, Russian forces fired three missiles at Dnipro.", (ML, 3, D(2025, 6, 1))),
]


@pytest.mark.parametrize(("text", "expected"), WEEKDAYS)
def test_a_weekday_is_the_latest_such_day_on_or_before_the_article(text: str, expected: set[Any]) -> None:
    assert project(extract(text), DATED) == expected


EVENT_WINDOWS = [
    # "over the past day" is one night's or day's attack, not a period total
    case(
        "Over the past 24 hours, Russian strikes killed six people in the Donetsk region.",
        (KILLED, 6, ARTICLE_DAY),
    ),
    case(
        "Russia launched 212 drones at Ukraine over the past day, the air force said.", (DL, 212, ARTICLE_DAY)
    ),
    # "earlier this month" is an event of the past whose day is not given
    case("Earlier this month, air defences shot down 9 drones over Lviv.", (DI, 9, None)),
]


@pytest.mark.parametrize(("text", "expected"), EVENT_WINDOWS)
def test_the_past_day_is_an_event_and_earlier_this_month_is_undated(text: str, expected: set[Any]) -> None:
    assert project(extract(text), DATED) == expected


ASIDE_DATES = [
    # a date set for an aside lasts its paragraph; the next one goes back to the lead's day
    case(
        "On Saturday, Russia launched 41 drones at Ukraine.\n\n"
        "Separately, on Thursday evening two missiles were fired at Sumy.\n\n"
        "Four people were injured in Poltava, the governor said.",
        (DL, 41, D(2025, 5, 31)),
        (ML, 2, D(2025, 5, 29)),
        (INJURED, 4, D(2025, 5, 31)),
    ),
    # a caption's date states no fact, so it is not the lead's
    case(
        "A photo taken on May 3 shows freed soldiers boarding a bus.\n\n"
        "Ukraine and Russia exchanged 205 soldiers each on Friday.\n\n"
        "The freed soldiers were taken to hospitals, 65 of them with wounds.",
        (SR, 205, D(2025, 5, 30)),
    ),
]


@pytest.mark.parametrize(("text", "expected"), ASIDE_DATES)
def test_an_asides_date_ends_with_its_paragraph(text: str, expected: set[Any]) -> None:
    assert project(extract(text), DATED) == expected


EARLY_LATE = [
    case("Early on Thursday, Russia fired 12 missiles at the Lviv region.", (ML, 12, D(2025, 5, 29))),
    case("Late Tuesday, 18 drones were shot down over the Chernihiv region.", (DI, 18, D(2025, 5, 27))),
    case("Russia launched 50 drones at Ukraine late on Friday.", (DL, 50, D(2025, 5, 30))),
]


@pytest.mark.parametrize(("text", "expected"), EARLY_LATE)
def test_early_and_late_weekday(text: str, expected: set[Any]) -> None:
    assert project(extract(text), DATED) == expected


EXPLICIT_DATES = [
    case("On March 3, Russian forces launched 64 drones at Ukraine.", (DL, 64, D(2025, 3, 3))),
    case("Air defences shot down 22 drones on May 28, the air force said.", (DI, 22, D(2025, 5, 28))),
    case(
        "Russia launched 77 drones at Ukraine on 14 May 2025, the air force said.", (DL, 77, D(2025, 5, 14))
    ),
    case("On April 5, 2025, a Russian strike on Sumy killed 35 people.", (KILLED, 35, D(2025, 4, 5))),
    case(  # a line dated only by the article's day restates the fact the body dates
        "Site menu\nRussia and Ukraine trade 40 prisoners each in new swap\n"
        "Russia and Ukraine swapped 40 prisoners each on Saturday (May 31).",
        (PR, 40, D(2025, 5, 31)),
    ),
    case(
        "Home\nRussian strike on Sumy kills four\nA Russian strike on Sumy on Friday killed four people.",
        (KILLED, 4, D(2025, 5, 30)),
    ),
]


@pytest.mark.parametrize(("text", "expected"), EXPLICIT_DATES)
def test_month_and_day_and_explicit_dates(text: str, expected: set[Any]) -> None:
    assert project(extract(text), DATED) == expected


SPANS = [
    case(
        "Between May 20-23, Ukrainian air defences shot down 250 drones, the air force said.",
        (DI, 250, D(2025, 5, 23)),
    ),
    case(
        "Russia and Ukraine exchanged 1,000 prisoners each between May 23 and 25.",
        (PR, 1000, D(2025, 5, 25)),
    ),
    # an exchange of a month gone by, told in passing, has no day
    case(
        "The swap was the first since March, when the sides freed 175 prisoners each.",
        (PR, 175, None),
    ),
    # a bulletin's window of clock times: the day it ended, and a clock is no day of a span
    case(
        '"Between 18:00 on May 30 and 08:00 on May 31, the enemy attacked with 95 strike UAVs," the air force said.',
        (DL, 95, D(2025, 5, 31)),
    ),
    case(
        "From 21:00 on May 27 to 05:00 on May 28 Moscow time, air defences destroyed 33 Ukrainian drones.",
        (DI, 33, D(2025, 5, 28)),
    ),
]


@pytest.mark.parametrize(("text", "expected"), SPANS)
def test_a_span_of_days_ends_on_its_last_day(text: str, expected: set[Any]) -> None:
    assert project(extract(text), DATED) == expected


MONTH_ONLY = ArticleDate(D(2025, 6, 1), "month")
UNKNOWN = ArticleDate(None, "unknown")
UNRESOLVED = [
    pytest.param("Russia launched 35 drones at Ukraine on Saturday.", MONTH_ONLY, id="saturday-month-only"),
    pytest.param("Russia launched 35 drones at Ukraine on Saturday.", UNKNOWN, id="saturday-unknown"),
    pytest.param(
        "A Russian strike on Odesa on Tuesday killed two people.", MONTH_ONLY, id="tuesday-month-only"
    ),
    pytest.param("Russia launched 35 drones at Ukraine overnight.", UNKNOWN, id="overnight-unknown"),
]


@pytest.mark.parametrize(("text", "article"), UNRESOLVED)
def test_weekday_or_overnight_without_a_day_precise_article_date_is_null(
    text: str, article: ArticleDate
) -> None:
    facts = extract_article(text, article)
    assert facts
    assert {f["event_date"] for f in facts} == {None}


YEARLESS = [
    pytest.param(
        "Russia launched 64 drones at Ukraine on March 3.", MONTH_ONLY, D(2025, 3, 3), id="march-3-month-only"
    ),
    pytest.param(
        "Russia launched 35 drones at Ukraine on 14 May 2025.",
        UNKNOWN,
        D(2025, 5, 14),
        id="14-may-2025-unknown",
    ),
]


@pytest.mark.parametrize(("text", "article", "expected"), YEARLESS)
def test_an_explicit_date_needs_only_a_year_from_the_article(
    text: str, article: ArticleDate, expected: dt.date
) -> None:
    facts = extract_article(text, article)
    assert facts
    assert {f["event_date"] for f in facts} == {expected}


# --- attribution ------------------------------------------------------------------------------------

SOURCES = [
    case(
        "Russia launched 88 drones overnight, the Ukrainian air force said on Telegram.",
        (DL, 88, "Ukrainian air force"),
    ),
    case(
        "Ukraine's air force said in a statement on Telegram that Russia had launched 63 drones and four missiles.",
        (DL, 63, "Ukrainian air force"),
        (ML, 4, "Ukrainian air force"),
    ),
    case(
        "Air defences destroyed 31 Ukrainian drones over the Kursk region, Russia's defence ministry said.",
        (DI, 31, "Russian Defense Ministry"),
    ),
    case(
        "The Russian Defence Ministry reported that 26 Ukrainian drones were downed over the Rostov region.",
        (DI, 26, "Russian Defense Ministry"),
    ),
    # the lead's source carries to later paragraphs that name none
    case(
        "Russia launched 52 drones at Ukraine overnight, the Ukrainian air force said.\n\n"
        "Air defences shot down 41 of them over the north and east.\n\n"
        "Schools in the capital opened as usual.\n\n"
        "A further 6 drones were destroyed over the Poltava region in the morning.",
        (DL, 52, "Ukrainian air force"),
        (DI, 41, "Ukrainian air force"),
        (DI, 6, "Ukrainian air force"),
    ),
    # a source named just after the lead: "This follows from a statement by ..."
    case(
        "Air defences destroyed 27 of 33 drones overnight.\n\n"
        "This follows from a statement by the Air Force Command of the Armed Forces of Ukraine.",
        (DI, 27, "Ukrainian air force"),
        (DL, 33, "Ukrainian air force"),
    ),
    # a bare country yields to its own institution named in the article
    case(
        "Russia said it shot down 19 Ukrainian drones overnight.\n\n"
        "Seven of the drones were downed over the Belgorod region, the Russian Defence Ministry said.",
        (DI, 19, "Russian Defense Ministry"),
        (DI, 7, "Russian Defense Ministry"),
    ),
    # a statement headed by its institution
    case(
        "Russian Ministry of Defence:\nOvernight, air defences destroyed 14 Ukrainian drones over the Kursk region.",
        (DI, 14, "Russian Defense Ministry"),
    ),
    # "the ministry said" with no ministry named before: the defence ministry of the side that downed them
    case(
        '"Air defences destroyed 23 Ukrainian drones over the Bryansk region," the ministry said.',
        (DI, 23, "Russian Defense Ministry"),
    ),
    # a title with no name before it is named by its place, not by a neighbour's source
    case(
        "Eleven drones flying towards Kharkiv were shot down overnight, the city's mayor said.\n\n"
        "Ukraine's air force said Russia had launched 60 drones in all.",
        (DI, 11, "Kharkiv mayor"),
        (DL, 60, "Ukrainian air force"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), SOURCES)
def test_air_force_and_defence_ministry_are_named_sources(text: str, expected: set[Any]) -> None:
    assert project(extract(text), SOURCED) == expected


OFFICIALS = [
    case(
        "Two people were killed in a drone strike on Nikopol, Dnipropetrovsk governor Andriy Kovalenko said.",
        (KILLED, 2, "Andriy Kovalenko"),
    ),
    case(
        "Governor Oleh Marchuk said three drones were shot down over the Poltava region.",
        (DI, 3, "Oleh Marchuk"),
    ),
    case(
        "Russian drones injured four people in Kyiv overnight, Mayor Taras Hrytsenko said.",
        (INJURED, 4, "Taras Hrytsenko"),
    ),
    case(
        "The Kharkiv regional prosecutor's office said a Russian guided missile had injured seven people.",
        (INJURED, 7, "Kharkiv regional prosecutor's office"),
    ),
]


OFFICIALS_BY_TITLE = [
    # a title alone ("the governor said") names the person a later sentence gives that title
    case(
        "A drone strike killed one person and injured six in the Russian city of Kursk, the region's "
        "governor said on Monday. Governor Pavel Orlov said on Telegram that a house had burned down.",
        (KILLED, 1, "Pavel Orlov"),
        (INJURED, 6, "Pavel Orlov"),
    ),
    # else the title by the place: a governor is his oblast's, whatever town he speaks of
    case(
        "A Russian drone hit a bus in Nizhyn, killing two passengers, the governor said.",
        (KILLED, 2, "Chernihiv governor"),
        (DL, 1, "Chernihiv governor"),
    ),
    case("Shelling injured five residents of Kherson, the city's mayor said.", (INJURED, 5, "Kherson mayor")),
    # "the military initially reported": the institution named before, not "military"
    case(
        "Russia's Defence Ministry said it destroyed 90 Ukrainian drones. The military initially reported "
        "it had downed 60 drones before dawn.",
        (DI, 90, "Russian Defense Ministry"),
        (DI, 60, "Russian Defense Ministry"),
    ),
    # an outlet that carries the numbers is not their source
    case(
        "Rescuers found the bodies of three people in Belgorod, Example.ru reports citing the Moscow Times. "
        "Russia's Emergency Situations Ministry said the search went on.",
        (KILLED, 3, "Russia's Emergency Situations Ministry"),
    ),
    # "officials said" is its own sentence's source, lent to no other sentence
    case(
        "Russia launched 40 drones overnight, all but two of which were shot down.\n\n"
        "Officials said 11 people were injured.\n\n"
        "The Ukrainian air force said the drones came from the east.",
        (DL, 40, "Ukrainian air force"),
        (DI, 38, "Ukrainian air force"),
        (INJURED, 11, "officials"),
    ),
]


SPOKESMEN = [
    # a spokesman is the person the article names with that title, wherever it names him
    case(
        "Russian air defences downed 11 Ukrainian drones overnight, a Defence Ministry spokesman said. "
        "Defence Ministry Spokesman Major General Pavel Sorokin added that the strikes hit no homes.",
        (DI, 11, "Pavel Sorokin"),
    ),
    case(
        "Air Force spokesman Colonel Anton Belov said nine drones were shot down.",
        (DI, 9, "Anton Belov"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), SPOKESMEN)
def test_a_spokesman_is_the_person_the_article_names(text: str, expected: set[Any]) -> None:
    assert project(extract(text), SOURCED) == expected


@pytest.mark.parametrize(("text", "expected"), OFFICIALS_BY_TITLE)
def test_a_title_alone_names_the_person_given_it_later_or_the_place(text: str, expected: set[Any]) -> None:
    assert project(extract(text), SOURCED) == expected


@pytest.mark.parametrize(("text", "expected"), OFFICIALS)
def test_governor_mayor_and_prosecutor_are_named_sources(text: str, expected: set[Any]) -> None:
    assert project(extract(text), SOURCED) == expected


CAPITALS_SAID = [
    case("Ukraine released 120 Russian prisoners, Kyiv said.", (PR, 120, "Kyiv")),
    case("Kyiv said 150 Ukrainian soldiers had returned home.", (SR, 150, "Kyiv")),
    case(
        "The exchange brought home 41 Russian servicemen and eight civilians from the Kursk region, Moscow said.",
        (SR, 41, "Moscow"),
        (CR, 8, "Moscow"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), CAPITALS_SAID)
def test_kyiv_said_names_kyiv(text: str, expected: set[Any]) -> None:
    assert project(extract(text), SOURCED) == expected


BARE_OFFICIALS = [
    case(
        "Fifteen drones were shot down over Odesa overnight, officials said.",
        (DI, 15, "Odesa officials"),
    ),
    case(
        "Russian shelling killed three people in Kherson, officials said.",
        (KILLED, 3, "Kherson officials"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), BARE_OFFICIALS)
def test_bare_officials_said_are_named_by_the_place(text: str, expected: set[Any]) -> None:
    assert project(extract(text), SOURCED) == expected


# --- places -----------------------------------------------------------------------------------------

KYIV = [
    case("Nine drones were downed over Kiev overnight, the city administration said.", (DI, 9, "Kyiv")),
    case("Russian drones injured four people in Kyiv overnight.", (INJURED, 4, "Kyiv")),
    case(
        "Two drones were shot down over Kiev and one over the Kiev region.",
        (DI, 2, "Kyiv"),
        (DI, 1, "Kyiv Oblast"),
    ),
]

ODESA = [
    case("Six drones were shot down over the Odessa region.", (DI, 6, "Odesa Oblast")),
    case("Five people were injured in a drone attack on Odessa overnight.", (INJURED, 5, "Odesa")),
    case("Russian forces launched a dozen drones at Odesa overnight.", (DL, 12, "Odesa")),
]

KHARKIV = [
    case("A missile strike on Kharkov injured 12 people.", (INJURED, 12, "Kharkiv")),
    case(
        "Three people were killed and 11 wounded when a drone hit an apartment block in Kharkiv.",
        (KILLED, 3, "Kharkiv"),
        (INJURED, 11, "Kharkiv"),
        (DL, 1, "Kharkiv"),
    ),
]

ZAPORIZHZHIA = [
    case("A strike on Zaporozhye injured 14 people.", (INJURED, 14, "Zaporizhzhia")),
    case(
        "Russian forces launched 26 drones at the Zaporizhzhia region overnight.",
        (DL, 26, "Zaporizhzhia Oblast"),
    ),
]

REGIONS = [
    case(
        "Russian shelling in the Kherson region killed two people overnight.", (KILLED, 2, "Kherson Oblast")
    ),
    case("Air defences shot down 17 drones over the Kherson region.", (DI, 17, "Kherson Oblast")),
    case("Drones hit an energy facility in Sumy, injuring three people.", (INJURED, 3, "Sumy")),
    case("Two people were killed in Sumy on Sunday.", (KILLED, 2, "Sumy")),
]


@pytest.mark.parametrize(("text", "expected"), KYIV)
def test_kiev_is_kyiv(text: str, expected: set[Any]) -> None:
    assert project(extract(text), PLACED) == expected


@pytest.mark.parametrize(("text", "expected"), ODESA)
def test_odessa_is_odesa(text: str, expected: set[Any]) -> None:
    assert project(extract(text), PLACED) == expected


@pytest.mark.parametrize(("text", "expected"), KHARKIV)
def test_kharkov_is_kharkiv(text: str, expected: set[Any]) -> None:
    assert project(extract(text), PLACED) == expected


@pytest.mark.parametrize(("text", "expected"), ZAPORIZHZHIA)
def test_zaporozhye_is_zaporizhzhia(text: str, expected: set[Any]) -> None:
    assert project(extract(text), PLACED) == expected


@pytest.mark.parametrize(("text", "expected"), REGIONS)
def test_the_x_region_is_an_oblast_and_in_x_a_city(text: str, expected: set[Any]) -> None:
    assert project(extract(text), PLACED) == expected


ARTICLE_DIRECTION = [
    # a count whose sentence names no side keeps the direction of the article's attack so far
    case(
        "Russia's air defences destroyed 58 Ukrainian drones overnight, the ministry said. "
        "The military said it had downed 41 drones before dawn over regions near the capital.",
        (DI, 58, U, R),
        (DI, 41, U, R),
    ),
    case(
        "Ukraine launched 30 drones at the Kursk region overnight, Moscow said. Nine drones were shot "
        "down before dawn, and eleven more were destroyed by noon.",
        (DL, 30, U, R),
        (DI, 9, U, R),
        (DI, 11, U, R),
    ),
    # with nothing before, the default stays Russia -> Ukraine
    case("Air defences shot down 12 drones overnight.", (DI, 12, R, U)),
]


@pytest.mark.parametrize(("text", "expected"), ARTICLE_DIRECTION)
def test_a_count_with_no_side_of_its_own_keeps_the_articles_direction(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


AGREEMENT_DAY = [
    # an agreement's day is no event of the article: a later paragraph is not dated by it
    case(
        "At talks in Istanbul on May 2, the two sides agreed to swap 500 prisoners each.\n\n"
        "Russian drones killed two people in Sumy, the regional administration said.",
        (KILLED, 2, ARTICLE_DAY),
        (AGREED, 500, None),
    ),
]


@pytest.mark.parametrize(("text", "expected"), AGREEMENT_DAY)
def test_an_agreements_day_does_not_date_the_article(text: str, expected: set[Any]) -> None:
    assert project(extract(text), DATED) == expected


ROCKETS = [
    # rockets are counted as missiles (the real gold's reading); launchers and attacks are not counts
    case(
        "Russian air defences intercepted five HIMARS rockets and 12 drones over the Belgorod region, Moscow said.",
        (MI, 5, U, R),
        (DI, 12, U, R),
    ),
    case(
        "Two Storm Shadow missiles and four HIMARS rockets were intercepted by Russian air defences overnight.",
        (MI, 2, U, R),
        (MI, 4, U, R),
    ),
    case("In Nikopol, a rocket hit a private house, the governor said.", (ML, 1, R, U)),
    case("Ukrainian forces destroyed three rocket launchers near Bakhmut."),
    case("The town came under two rocket attacks overnight."),
]


@pytest.mark.parametrize(("text", "expected"), ROCKETS)
def test_rockets_are_missiles_and_the_interceptor_after_by_is_the_target(
    text: str, expected: set[Any]
) -> None:
    assert project(extract(text), WHO) == expected


LIST_AFTER_A_WHOLE = [
    # the verb of "N out of M" governs what the list adds after the whole
    case(
        "Air defence units destroyed 30 out of 34 cruise missiles and five drones overnight.",
        (ML, 34, R, U),
        (MI, 30, R, U),
        (DI, 5, R, U),
    ),
    case(
        "Ukrainian forces shot down 14 of 16 Shahed drones and one Kh-59 missile.",
        (DL, 16, R, U),
        (DI, 14, R, U),
        (MI, 1, R, U),
    ),
]


@pytest.mark.parametrize(("text", "expected"), LIST_AFTER_A_WHOLE)
def test_a_list_after_a_whole_shares_its_parts_verb(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


POSSESSIVE_ONE = [
    # a side's possessive before one weapon counts it as one
    case("Air defence units also destroyed Russia's Kh-31P anti-radar missile over Odesa.", (MI, 1, R, U)),
    case(
        "Ukrainian gunners downed Russia's Kh-59 guided air missile, two helicopters and a jet.",
        (MI, 1, R, U),
    ),
    # not a plural, not a thing that is no weapon
    case("Air defences shot down Russia's Kh-101 cruise missiles over the west."),
    case("Russia's drone campaign went on through the winter."),
]


@pytest.mark.parametrize(("text", "expected"), POSSESSIVE_ONE)
def test_a_sides_possessive_before_one_weapon_counts_one(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


CLOSED_REGION_THEN_MORE = [
    # a region closed by its own designator is one place, though more places follow it
    case(
        "The ministry said drones were downed over seven regions, including 21 over the Oryol region, "
        "and the Black Sea.",
        (DI, 21, "Oryol Oblast"),
    ),
    # a list closed by one plural designator is no single place
    case("Air defences downed 12 drones over the Bryansk, Oryol and Kursk regions.", (DI, 12, None)),
]


@pytest.mark.parametrize(("text", "expected"), CLOSED_REGION_THEN_MORE)
def test_a_region_closed_by_its_designator_is_one_place(text: str, expected: set[Any]) -> None:
    assert project(extract(text), PLACED) == expected


ENEMY_OF_WHOM = [
    # "the enemy" is the other side of whoever speaks, or of the place the report is about
    case(
        "Over the past day, the AFU shelled 14 settlements of the Belgorod region, the governor said. "
        "According to him, the enemy used 36 drones; 22 of them were shot down.",
        (DL, 36, U, R),
        (DI, 22, U, R),
    ),
    case(
        "Overnight, the enemy attacked the Kharkiv region with 25 Shahed drones, the air force said.",
        (DL, 25, R, U),
    ),
]


@pytest.mark.parametrize(("text", "expected"), ENEMY_OF_WHOM)
def test_the_enemy_is_the_other_side_of_the_speaker(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


TWO_SPEAKERS = [
    # a sentence that names two speakers: each number is its own clause's
    case(
        "Shelling injured three people in Shebekino, Governor Ivan Petrov said, while the Russian Defence "
        "Ministry said it had intercepted 12 rockets over the region.",
        (INJURED, 3, "Ivan Petrov"),
        (MI, 12, "Russian Defense Ministry"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), TWO_SPEAKERS)
def test_each_number_is_its_own_clauses_speakers(text: str, expected: set[Any]) -> None:
    assert project(extract(text), ("metric", "value", "attributed_to")) == expected


THE_REGION = [
    # "over the region": the region of the official who speaks, else of the place the article is at
    case(
        "The Belgorod governor said air defences had intercepted 11 rockets over the region.",
        (MI, 11, "Belgorod Oblast", U, R),
    ),
    case(
        "Russia attacked the Sumy region overnight. Air defences shot down nine drones over the region, the "
        "regional administration said.",
        (DI, 9, "Sumy Oblast", R, U),
    ),
    # a sentence with no count that names one town of one country sets the scene for the next
    case(
        "In the Voronezh region, the governor said a drone attack on Liski had been repelled. One woman was "
        "injured by debris, he said.",
        (INJURED, 1, "Liski", U, R),
    ),
]


@pytest.mark.parametrize(("text", "expected"), THE_REGION)
def test_the_region_and_the_town_a_scene_names(text: str, expected: set[Any]) -> None:
    assert project(extract(text), PLACED_WHO) == expected


CLOCK_AND_DATELINE = [
    # the minutes of a clock time are no count; a wire's dateline is no place of the facts
    case("As of 08:00, 44 enemy drones had been shot down or suppressed.", (DI, 44, None)),
    case("07:30 - Three people were injured in a strike on Kupiansk.", (INJURED, 3, "Kupiansk")),
    case(
        "MYKOLAIV (Wire) - Air defences shot down all 12 Shahed drones launched overnight.",
        (DL, 12, None),
        (DI, 12, None),
    ),
    case("KHARKIV, May 3 (Wire) - Russian shelling injured four people in Chuhuiv.", (INJURED, 4, "Chuhuiv")),
    # a place in the outlet's name after the dateline is no place either
    case(
        "ODESA, May 3 (Odesa Evening) - Russia attacked Ukraine overnight with 52 drones, the air force said.",
        (DL, 52, None),
    ),
]


@pytest.mark.parametrize(("text", "expected"), CLOCK_AND_DATELINE)
def test_clock_minutes_and_datelines(text: str, expected: set[Any]) -> None:
    assert project(extract(text), PLACED) == expected


NOT_INTERCEPTED = [
    # counted apart from the shot down, drones lost to electronic warfare are no interception
    case(
        "Ukraine attacked the Kursk region with 40 drones, the ministry said, adding that 29 were destroyed by "
        "air defences and 11 were suppressed by electronic warfare.",
        (DL, 40, U, R),
        (DI, 29, U, R),
    ),
    case("The air force said 63 drones were shot down and 21 were locationally lost.", (DI, 63, R, U)),
    # ... or in the sentence after the tally: neither intercepted nor launched
    case(
        "Air defences shot down 70 of 96 drones overnight, the air force said. A further 19 were "
        "suppressed by electronic warfare or locationally lost, it said.",
        (DL, 96, R, U),
        (DI, 70, R, U),
    ),
    case(
        "Air defences downed 41 drones, the air force said. Another 12 drones were locationally lost, and the "
        "rest struck targets in the Sumy region.",
        (DI, 41, R, U),
    ),
    # a bare count downed after two weapons: the one it fits ("112 downed" of 161 drones, not of one missile)
    case(
        "Russia sends 140 drones and a ballistic missile; 118 downed, air force says",
        (DL, 140, R, U),
        (ML, 1, R, U),
        (DI, 118, R, U),
    ),
    # "shot down or suppressed" stays one count; so does a count lost to nothing else
    case("Air defences shot down or suppressed 44 drones overnight.", (DI, 44, R, U)),
    # a whole of drones and missiles together has no parts that are facts
    case("Overall, the enemy used 71 means of air attack, 64 of which were destroyed."),
    # "a man and a woman died" states two, in words no count reads
    case('"A man and a woman died at the scene," the governor said.'),
]


@pytest.mark.parametrize(("text", "expected"), NOT_INTERCEPTED)
def test_lost_to_jamming_combined_wholes_and_coordinated_people(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


EXCHANGE_WIRES = [
    # a release done under an agreement named before it: the agreed size, and the release with its parts
    case(
        "Under the deal struck in Istanbul, which provides for the return of 1,000 people to each side, Kyiv "
        "received 205 of its citizens on Sunday - 180 soldiers and 25 civilians, the headquarters said.",
        (AGREED, 1000, None, None),
        (PR, 205, R, U),
        (SR, 180, R, U),
        (CR, 25, R, U),
    ),
    # the size of a deal a stage of which was done is the agreed size, not a release
    case(
        "Kyiv and Moscow carry out the first stage of a 300-for-300 prisoner swap", (AGREED, 300, None, None)
    ),
    case(
        "The sides exchanged 75 servicemen each in the second phase of a 300-for-300 exchange agreed in May.",
        (SR, 75, R, U),
        (SR, 75, U, R),
        (AGREED, 300, None, None),
    ),
    # "N of our defenders are home"; "were also returned to Russia"
    case("143 of our defenders are home, the president said.", (SR, 143, R, U)),
    case(
        "The commissioner said three civilians from the Kursk region were also returned to Russia.",
        (CR, 3, U, R),
    ),
]


@pytest.mark.parametrize(("text", "expected"), EXCHANGE_WIRES)
def test_stages_of_a_deal_our_defenders_and_returned_to(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


MODELS_NAMED_ASIDE = [
    # the words a model goes by: plurals, "Iranian-made", a model of two names
    case("Air defences downed seven Shahed-131s over the Poltava region.", (DI, 7, "Shahed")),
    case("Ukrainian forces shot down 23 Iranian-made drones overnight.", (DI, 23, "Shahed")),
    case("Russia fired two Iskander-M/KN-23 ballistic missiles at Dnipro.", (ML, 2, "Iskander-M/KN-23")),
    case("The enemy used five Iskander-M or North Korean KN-23 missiles.", (ML, 5, "Iskander-M/KN-23")),
    case("Russia fired four Iskanders at the port overnight.", (ML, 4, "Iskander")),
    # a drone count whose "including" phrase names a model with no number of its own
    case("Russia launched 81 drones, including Shahed-type drones and decoys.", (DL, 81, "Shahed")),
    # the attack's one model, named by its other facts
    case(
        "Air defence destroys 19 Shaheds overnight. Russia attacked Ukraine with 24 attack drones, the air force said.",
        (DI, 19, "Shahed"),
        (DL, 24, "Shahed"),
    ),
    case(
        "Russia fired 30 drones and one Iskander-M missile. Air defences shot down 25 drones and one ballistic missile.",
        (DL, 30, None),
        (ML, 1, "Iskander-M"),
        (DI, 25, None),
        (MI, 1, "Iskander-M"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), MODELS_NAMED_ASIDE)
def test_models_named_by_other_words_and_by_the_attacks_other_facts(text: str, expected: set[Any]) -> None:
    assert project(extract(text), ARMED) == expected


NO_SINGLE_PLACE = [
    case(
        "Air defence units destroyed 40 out of 47 drones over the Kharkiv and Sumy regions.",
        (DI, 40, None),
        (DL, 47, None),
    ),
    case(
        "Russian forces fired three Kh-59 guided missiles from over the Kursk region.",
        (ML, 3, None),
    ),
    case(
        "Russia launched two Iskander-M missiles at Ukraine from the Kursk region overnight.",
        (ML, 2, None),
    ),
    case(
        "Two people were killed in a drone strike on Nikopol, Dnipropetrovsk governor Andriy Kovalenko said.",
        (KILLED, 2, "Nikopol"),
    ),
    # where the weapons were fired from is no place of the fact; where they were fired at is
    case(
        "Russia fired 25 drones from the occupied Crimea region towards the city of Kherson.",
        (DL, 25, "Kherson"),
    ),
    case(
        "Two Kh-31P missiles were launched from tactical aircraft over the Black Sea towards Odesa Oblast.",
        (ML, 2, "Odesa Oblast"),
    ),
    case(
        "The enemy launched four Kalibr missiles from ships in the Black Sea at Mykolaiv.",
        (ML, 4, "Mykolaiv"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), NO_SINGLE_PLACE)
def test_launch_sites_and_several_regions_give_no_place(text: str, expected: set[Any]) -> None:
    assert project(extract(text), PLACED) == expected


WHO_WAS_HURT = [
    # ages said between the people and their verb are no counts, and do not hide the verb
    case(
        "Two pensioners aged 71 and 76 were wounded when a shell hit their yard in Nikopol, the governor said.",
        (INJURED, 2),
    ),
    case("Four workers aged 23, 35, 44 and 61, were injured at the depot, officials said.", (INJURED, 4)),
    case("In Kupiansk a man, 63, was killed by shelling, the regional governor said.", (KILLED, 1)),
    case("In Zolochiv, a woman born in 1958 was injured by shrapnel, the governor said.", (INJURED, 1)),
    case(
        "A drone hit a minibus near Izium. Its driver, a 39-year-old man, died at the scene.",
        (DL, 1),
        (KILLED, 1),
    ),
    case("A Russian missile hit a grain terminal in Odesa, killing a night watchman.", (ML, 1), (KILLED, 1)),
    case("In Sumy, an elderly man was treated on site for a concussion after the strike.", (INJURED, 1)),
    case(
        "Five people were treated for cuts from flying glass after the drone attack on Kharkiv.", (INJURED, 5)
    ),
    # the people received something: no one was received
    case(
        "About 800 families have received compensation for homes damaged in the shelling.",
    ),
    case(
        "Some 40 evacuees received food parcels on Tuesday, the city council said.",
    ),
]


@pytest.mark.parametrize(("text", "expected"), WHO_WAS_HURT)
def test_ages_birth_years_and_appositions_around_one_hurt_person(text: str, expected: set[Any]) -> None:
    assert project(extract(text), ("metric", "value")) == expected


SHOT_DOWN_FROM = [
    # where the first count was fired from does not end the list the verb governs
    case(
        "Russian air defences shot down six rockets fired from HIMARS launchers and three Neptune missiles, the ministry said.",
        (MI, 6, U, R),
        (MI, 3, U, R),
    ),
    case(
        "Air defence units destroyed 14 drones launched from the Bryansk direction and two Kh-59 missiles overnight.",
        (DI, 14, R, U),
        (MI, 2, R, U),
    ),
]


@pytest.mark.parametrize(("text", "expected"), SHOT_DOWN_FROM)
def test_a_launch_site_inside_a_list_of_interceptions(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


NAVY_AND_HITS = [
    # what ships could fire is no launch
    case(
        "The navy said Russia kept three missile carriers on combat duty in the Black Sea, with a total salvo of up to 12 Kalibr missiles.",
    ),
    # hits over many places are no launch count
    case(
        "Russia launched 9 missiles and 60 drones overnight, the air force said. Six missiles and 17 drones hit targets at 11 locations.",
        (ML, 9, R, U),
        (DL, 60, R, U),
    ),
    # a count with no verb after the attack's tally: its types were launched
    case(
        "Russia attacked Ukraine overnight with 300 drones and 20 missiles, the air force said. It later gave the breakdown: 300 drones and 20 missiles, including 12 Kh-101 cruise missiles and eight Iskander-M ballistic missiles.",
        (DL, 300, R, U),
        (ML, 20, R, U),
        (ML, 12, R, U),
        (ML, 8, R, U),
    ),
    # wounded and sick prisoners of war are released, not injured
    case(
        "Ukraine handed over 31 severely wounded and sick Russian prisoners of war on Friday, the ministry said.",
        (SR, 31, U, R),
    ),
]


@pytest.mark.parametrize(("text", "expected"), NAVY_AND_HITS)
def test_capacity_hits_at_many_places_types_of_a_verbless_count_and_sick_pows(
    text: str, expected: set[Any]
) -> None:
    assert project(extract(text), WHO) == expected


def test_a_bulletin_window_in_moscow_time_ends_on_its_last_day() -> None:
    text = (
        "From 23:00 on May 31 to 06:00 Moscow time on June 1, air defence systems destroyed 44 Ukrainian"
        " drones, the Russian defence ministry said."
    )
    assert project(extract(text), DATED) == {(DI, 44, D(2025, 6, 1))}


AMONG_THOSE_FREED = [
    # the opening phrase's verb governs every count after "are", however long an item runs
    case(
        "Ukraine brought home 150 people from Russian captivity on Friday, the coordination headquarters said."
        " Among those freed are 141 servicemen of the Navy, the Territorial Defence Forces and the State Border Guard Service, and nine civilians.",
        (PR, 150, R, U),
        (SR, 141, R, U),
        (CR, 9, R, U),
    ),
    # an aside in commas between the people and their verb
    case(
        "Russia's defence ministry said 80 Russian servicemen had returned from Ukrainian captivity, and that"
        " two civilians from the Kursk region, taken to Ukraine last summer, had also come home.",
        (SR, 80, U, R),
        (CR, 2, U, R),
    ),
]


@pytest.mark.parametrize(("text", "expected"), AMONG_THOSE_FREED)
def test_among_those_freed_and_an_aside_before_the_verb(text: str, expected: set[Any]) -> None:
    assert project(extract(text), WHO) == expected


TOLLS_AND_GUARDS = [
    case(
        "A missile hit a shop in Izium, killing two people, the governor said. Rescuers later found a third body,"
        " bringing the toll to three.",
        (ML, 1, R, U),  # the impact convention: the missile that hit was launched
        (KILLED, 2, R, U),
        (KILLED, 3, R, U),
    ),
    # a headline's present tense; the wounded are released, not injured
    case("Russia frees 40 wounded Ukrainian POWs in a swap brokered by the UAE", (SR, 40, R, U)),
    case(
        "Ukraine got back 75 of its defenders from Russian captivity. Among those freed are 20 National Guard members.",
        (SR, 75, R, U),
        (SR, 20, R, U),
    ),
]


@pytest.mark.parametrize(("text", "expected"), TOLLS_AND_GUARDS)
def test_a_toll_brought_to_a_number_freed_pows_and_national_guard_members(
    text: str, expected: set[Any]
) -> None:
    assert project(extract(text), WHO) == expected


LAUNCHED_FROM_OVER = [
    # a launch site named past the aircraft or the airspace is no target: Russia launched them
    case(
        "Russia attacked Ukraine overnight with 30 missiles, the air force said. The missiles included 14 Kh-101"
        " cruise missiles launched from Tu-95MS strategic bombers over the Volgograd region.",
        (ML, 30, R, U, None),
        (ML, 14, R, U, None),
    ),
    case(
        "The enemy also fired two Kh-59 guided missiles from the airspace over the Belgorod region, the air force said.",
        (ML, 2, R, U, None),
    ),
]


@pytest.mark.parametrize(("text", "expected"), LAUNCHED_FROM_OVER)
def test_a_launch_site_past_the_aircraft_or_the_airspace(text: str, expected: set[Any]) -> None:
    assert project(extract(text), ("metric", "value", "actor", "target", "location")) == expected


ONE_BY_ROLE = [
    case(
        "A drone hit a tractor near Nikopol, injuring the driver, the governor said.", (DL, 1), (INJURED, 1)
    ),
    # two counts joined: no word states the sum, so no count of one either
    case(
        "A drone hit a minibus near Nikopol, injuring the driver and three passengers, the governor said.",
        (DL, 1),
    ),
    case("A missile struck a school in Sumy, killing the teachers inside, officials said.", (ML, 1)),
    case("One man sustained minor injuries in the Kursk region, the governor said.", (INJURED, 1)),
]


@pytest.mark.parametrize(("text", "expected"), ONE_BY_ROLE)
def test_one_person_named_by_a_role_after_killing_or_injuring(text: str, expected: set[Any]) -> None:
    assert project(extract(text), ("metric", "value")) == expected


def test_civilians_from_a_region_named_with_its_country_go_home_there() -> None:
    text = "Ukraine also handed over six civilians from Russia's Belgorod region, the ombudsman said."
    assert project(extract(text), WHO) == {(CR, 6, U, R)}


# --- properties -------------------------------------------------------------------------------------

TABLES = [
    N_OF_M, OUT_OF, ALL_DOWN, DOZEN, AT_LEAST_DOWN, ELECTRONIC_WARFARE, OF_WHICH, OF_THEM,
    THE_MISSILE_AND_DRONES, BOTH_MISSILES, ATTACK_BY, SHAHED_AND_DECOYS, MISSILE_MODELS, MISSILE_TYPES,
    BOMBERS, MOD_TOTALS, MOD_BREAKDOWNS, MOD_BREAKDOWN_PLACES, MOD_LISTS, KILLED_AND_INJURED,
    PEOPLE_KILLED, WOUNDED, TOLL_ROSE, REVISED_TOLLS, INCLUDING_CHILDREN, N_FOR_N, DEFENDERS, COMBATANT_NOUNS,
    IN_EXCHANGE_FOR, HANDED_OVER_QUALIFIER, COMBINED_TOTALS, EACH_WAY_EVENTS, RESTATED_AS_SOLDIERS, EACH_SIDE, GOODWILL, MORE_THAN_EACH, BREAKDOWN, SAME_NUMBER,
    AGREED_SIZE, BODIES, AGES, YEARS_DATES_TIMES, DISTANCES_MONEY, OTHER_COUNTS, VAGUE, WAR_LONG,
    AT_LEAST, AT_MOST, APPROX, RANGES, OVERNIGHT, WEEKDAYS, EARLY_LATE, EXPLICIT_DATES, SPANS,
    UNRESOLVED, YEARLESS, SOURCES, OFFICIALS, CAPITALS_SAID, BARE_OFFICIALS, KYIV, ODESA, KHARKIV,
    ZAPORIZHZHIA, REGIONS, NO_SINGLE_PLACE, OCCUPIED_AND_BACKGROUND, TOLL_PARTS, COURT_CASES, PEOPLE_BACK,
    HARD_WRAPPED, RUN_ON, SMALL_PLACES, ARTICLE_DIRECTION, MODELS_NAMED_ASIDE, OFFICIALS_BY_TITLE, AGREEMENT_DAY,
    ROCKETS, LIST_AFTER_A_WHOLE, POSSESSIVE_ONE, CLOSED_REGION_THEN_MORE, CLOCK_AND_DATELINE, SPOKESMEN, NOT_INTERCEPTED, EXCHANGE_WIRES,
    WHO_WAS_HURT, SHOT_DOWN_FROM, NAVY_AND_HITS, AMONG_THOSE_FREED, TOLLS_AND_GUARDS,
    LAUNCHED_FROM_OVER, ONE_BY_ROLE,
]  # fmt: skip
SENTENCES = sorted({p.values[0] for table in TABLES for p in table})
# words, numbers and punctuation of the sentences above, to be shuffled into near-sentences
PIECES = sorted({w for text in SENTENCES for w in re.findall(r"\w[\w'’-]*|[^\w\s]", text)})
WAR_WORDS = st.lists(
    st.one_of(
        st.sampled_from(PIECES), st.integers(-5, 100_000).map(str), st.sampled_from([" ", "\n", "\n\n"])
    ),
    max_size=60,
).map(" ".join)
ARTICLE_DATES = st.one_of(
    st.builds(ArticleDate, st.dates(D(2022, 1, 1), D(2026, 12, 31)), st.sampled_from(["day", "month"])),
    st.just(UNKNOWN),
)


def _check_rows(text: str, facts: list[dict[str, Any]]) -> None:
    for f in facts:
        assert f["evidence"] == text[f["evidence_start"] : f["evidence_end"]]
        assert f["kind"] in FACT_KINDS
        assert f["qualifier"] in QUALIFIERS
        if f["kind"] != CUMULATIVE:
            assert KIND_OF_METRIC[f["metric"]] == f["kind"]
        assert (f["value_max"] is not None) == (f["qualifier"] == "range")


def test_the_tables_hold_about_a_hundred_and_twenty_sentences() -> None:
    assert len(SENTENCES) >= 100


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(max_size=400), WAR_WORDS), article=ARTICLE_DATES, data=st.data())
def test_random_text_never_raises_and_evidence_is_a_slice(text: str, article: ArticleDate, data: Any) -> None:
    title_end = data.draw(st.integers(0, len(text)))
    _check_rows(text, extract_article(text, article, title_end=title_end))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    parts=st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6),
    seps=st.lists(st.sampled_from([" ", "\n", "\n\n", "  ", " \n"]), min_size=6, max_size=6),
    article=ARTICLE_DATES,
    data=st.data(),
)
def test_concatenated_sentences_never_raise_and_evidence_is_a_slice(
    parts: list[str], seps: list[str], article: ArticleDate, data: Any
) -> None:
    text = parts[0] + "".join(sep + p for sep, p in zip(seps, parts[1:], strict=False))
    title_end = data.draw(st.sampled_from([0, len(parts[0])]))
    _check_rows(text, extract_article(text, article, title_end=title_end))


def test_the_verb_of_among_those_freed_reaches_past_long_items() -> None:
    from ingest.extract import lexicon as lx
    from ingest.extract.sentence.reader import read_sentence

    rs = read_sentence(
        "Among those freed are 141 servicemen of the Navy, the Territorial Defence Forces and the"
        " State Border Guard Service, and nine civilians."
    )
    assert [(m.num.value, m.cls, m.trigger) for m in rs.mentions] == [
        (141, lx.SOLDIER, lx.RELEASE),
        (9, lx.CIVILIAN, lx.RELEASE),
    ]


def test_two_towns_counts_are_no_split_of_a_third_towns_toll() -> None:
    text = (
        "A Russian drone struck a bakery in Izium, wounding three workers, the governor said.\n\n"
        "In the Balakliia community, two men were hurt by shelling, and in Kupiansk a woman was wounded by a mine."
    )
    assert sorted(v for m, v in project(extract(text), ("metric", "value")) if m == INJURED) == [1, 2, 3]
