"""The place a number is tied to, and places that are launch sites or titles, not locations."""

from __future__ import annotations

import itertools
import re

from ingest.extract import lexicon as lx
from ingest.extract.places import Place, PlaceMention, lookup
from ingest.extract.sentence.model import Mention, ReadSentence
from ingest.extract.text import words

_LOCATIVE = frozenset(
    words("in on over at near above across around outside into toward towards of targeting hit struck")
)


_PLACE_LIST_GAP = re.compile(r"(?:\s*(?:,|and|or)\s*)+(?:the\s+)?")


# words that may stand between a bare number and its place: "four over the Black Sea",
# "7 – over the territory of the Smolensk region"
_PLACE_GAP = _LOCATIVE | frozenset(
    words(
        "the territory airspace skies waters region regions surrounding capital city russian ukrainian "
        "flying heading headed moving approaching – - —"
    )
)


_SINGULAR_DESIGNATOR = re.compile(r"(?i)\b(?:region|oblast|krai|province|territory)$")


_LIST_WORDS = frozenset(words(", and or regions oblasts provinces territories"))


# "the Samara and Rostov regions and the Sea of Azov": a plural designator may close a sub-list
_LISTED_GAP = re.compile(
    r"(?:\s+(?:regions|oblasts|provinces|territories))?(?:\s*(?:,|and|or)\s*)+(?:the\s+)?", re.IGNORECASE
)


# "fired from the occupied Crimea region", "launched from ships in the Black Sea", "from tactical
# aircraft over the Sea of Azov": where the weapons came from, not where they struck
_FROM_BEFORE = re.compile(
    r"\bfrom(?: over| above| the airspace(?: of| over| above)| the direction of"
    r"|(?: the)?(?: [\w-]+){0,2}(?: ships?| aircraft| planes?| jets?| bombers?| warships?| submarines?| vessels?)"
    r"(?: in| over| from| of| above)?)?(?: the)?(?: temporarily)?(?: occupied| annexed)?\s*$"
)


_TITLE_AFTER = re.compile(
    r"^(?:'s|’s)?\s*(?:(?:regional|oblast|city|military|district|state|emergency)\s+)*"
    r"(?:governor|mayor|head|prosecutor|administration|police|authorities|council|service|rma|ova|department"
    r"|commandant|office)\b",
    re.IGNORECASE,
)


# "ODESA (Reuters) -", "KYIV, June 3 -": a wire's dateline says where the report was filed
_DATELINE_AFTER = re.compile(r"(?:\s*,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^)]{1,40}\)\s*)?[-–—,]")


# the whole of a dateline with its outlet: "ZHYTOMYR, March 3 (Zhytomyr Daily) -"
_DATELINE = re.compile(
    r"^\W{0,2}[A-Z][A-Z .'-]{2,30}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*\([^)]{1,40}\)\s*[-–—]"
)


def launch_site_or_title(text: str, p: PlaceMention) -> bool:
    """ "fired from the Kursk region" names a launch site; "Dnipropetrovsk governor" a title;
    "ODESA (Reuters) -" a dateline, and a place in the outlet's name after it ("(Kyiv Post)")."""
    if p.start <= 2 and text[p.start : p.end].isupper() and _DATELINE_AFTER.match(text, p.end):
        return True
    if p.start < 60 and (dateline := _DATELINE.match(text)) is not None and p.end <= dateline.end():
        return True
    before = text[max(0, p.start - 50) : p.start].lower()
    after = text[p.end : p.end + 30].lower()
    return bool(_FROM_BEFORE.search(before)) or bool(_TITLE_AFTER.match(after))


def place_for(rs: ReadSentence, m: Mention, places: list[PlaceMention], text: str) -> PlaceMention | None:
    """The place a number is tied to: the one right after it ("nine over Bryansk"), else the only
    place in the sentence."""
    if not places:
        return None
    leading = _leading_place(rs.text, m, places) if len(distinct_places(places)) > 1 else None
    if leading is not None:
        return leading  # "In Uman, two missiles hit warehouses, and in Dnipro, ...": Uman
    following = _following_place(rs, m, places)
    if following is not None:
        return _region_around(rs.text, m, following)
    if len(distinct_places(places)) != 1:
        return None
    p = places[0]
    if (
        m.cls in (lx.DRONE, lx.MISSILE)
        and p.start > m.num.end
        and any(o is not m and not o.num.article and m.num.end < o.num.start < p.start for o in rs.mentions)
    ):
        return None  # "99 missiles and 35 drones at Ukraine, concentrating on Kharkiv": a target, not a place
    if p.start > m.num.end and any(
        o is not m
        and not o.num.article
        and m.num.end < o.num.start < p.start
        and not (m.trigger in _CASUALTY and o.trigger in _CASUALTY)  # "killed two and injured five in Sumy"
        and _following_place(rs, o, [p])
        for o in rs.mentions
    ):
        return None  # "41 drones ..., including 27 over the Moscow region": the region is the 27's
    return p


_CASUALTY = frozenset([lx.KILL, lx.INJURE])


# "In Uman, two missiles hit warehouses, and in Dnipro, a rocket hit a house": the place that
# opens the number's clause
_OPENS_CLAUSE = re.compile(
    r"(?:^|[,;:]\s*(?:and|while|but)?\s*)(?:in|over|near|at)\s+(?:the\s+)?$", re.IGNORECASE
)
_THEN_COUNT = re.compile(
    r"^\s*,\s*(?:(?:at least|about|some|another|more than|over|up to)\s+)?$", re.IGNORECASE
)


def _leading_place(text: str, m: Mention, places: list[PlaceMention]) -> PlaceMention | None:
    before = [p for p in places if p.end <= m.num.start]
    if not before:
        return None
    p = before[-1]
    opens = _OPENS_CLAUSE.search(text, max(0, p.start - 20), p.start)
    if opens is None or _THEN_COUNT.match(text[p.end : m.num.start]) is None:
        return None
    return p


_REGION_AROUND = re.compile(r"\bregions? (?:around|surrounding)\b", re.IGNORECASE)


def _region_around(text: str, m: Mention, p: PlaceMention) -> PlaceMention:
    """ "34 over the region around the Russian capital Moscow": the city's region."""
    if p.place.kind != "city" or not _REGION_AROUND.search(text, m.num.end, p.start):
        return p
    region = lookup(f"{p.place.name} region")
    return PlaceMention(p.start, p.end, region) if region is not None and region.kind == "region" else p


# "the Donetsk town of Toretsk", "Lysychansk, Luhansk Oblast", "Kharkiv Oblast's Izium": a
# region (or a city named as its region) that only says where the town is
_FRAME_BEFORE = re.compile(
    r"^(?:'s|’s)?\s+(?:town|city|village|settlement|port|port city)\s+of\s+(?:the\s+)?$", re.I
)
_FRAME_AFTER = re.compile(r"^\s*(?:,|\(|in|in the|of the)\s*(?:the\s+)?$", re.I)
_REGION_POSSESSIVE = re.compile(r"^(?:'s|’s)\s+$")


# "in Samar, a town outside of Dnipro", "Kropyvnytskyi, north of Mykolaiv": the second place
# only says where the first one is
_REFERENCE_GAP = re.compile(
    r"^\s*,\s*(?:(?:a|the)\s+(?:small\s+|large\s+|frontline\s+|front-line\s+)?"
    r"(?:town|city|village|suburb|settlement|port)\s+)?(?:(?:just|some|about|located)\s+)?"
    r"(?:(?:\d+|a few)\s*(?:km|kilometres|kilometers|miles)\s+)?"
    r"(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?|outside|near)\s+(?:of\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)


def innermost(places: list[PlaceMention], text: str) -> list[PlaceMention]:
    """The places less those that only frame a town named beside them: the town is the most
    specific place (FACTS.md `location`). A region that holds a town named in the same sentence
    frames it too ("Chernihiv Oblast ... in the city of Pryluky")."""
    framing: set[int] = set()
    towns = {  # a town named as its oblast is left to distinct_places: "the Kursk region ... Kursk"
        p.place.region
        for p in places
        if p.place.kind in ("city", "village")
        and p.place.region
        and not p.place.region.startswith(p.place.name)
    }
    for p in places:
        if p.place.kind == "region" and p.place.name in towns:
            framing.add(id(p))
    for a, b in itertools.pairwise(places):
        gap = text[a.end : b.start]
        if b.place.kind in ("city", "village") and (
            _FRAME_BEFORE.match(gap) or (a.place.kind == "region" and _REGION_POSSESSIVE.match(gap))
        ):
            framing.add(id(a))  # "the Donetsk town of Toretsk"
        elif (
            a.place.kind in ("city", "village", "district")
            and (b.place.kind == "region" or (b.place.kind == "district" and a.place.kind != "district"))
            and _FRAME_AFTER.match(gap)
        ):
            framing.add(id(b))  # "Lysychansk, Luhansk Oblast", "Pryluky in the Chernihiv region"
        elif a.place.kind in ("city", "village") and _REFERENCE_GAP.match(gap):
            framing.add(id(b))  # "in Samar, a town outside of Dnipro"
    return [p for p in places if id(p) not in framing]


def distinct_places(places: list[PlaceMention]) -> set[str]:
    """Place names, a city and its oblast counted once ("in Kherson region ... Kherson prosecutors")."""
    return {p.place.name.removesuffix(" Oblast") for p in places}


def _following_place(rs: ReadSentence, m: Mention, places: list[PlaceMention]) -> PlaceMention | None:
    end_char = rs.tokens[m.head_end - 1].end if m.head_end > 0 else 0
    nxt_num = next((o.num.start for o in rs.mentions if o.num.start > m.num.start), None)
    for p in places:
        if p.start < end_char:
            continue
        if nxt_num is not None and p.start > nxt_num:
            return None
        between = [t.low for t in rs.tokens if t.start >= end_char and t.end <= p.start]
        if (
            between
            and any(w in _LOCATIVE for w in between)
            and (len(between) <= 5 or all(w in _PLACE_GAP for w in between))
        ):
            after = rs.tokens[
                next((i for i, t in enumerate(rs.tokens) if t.start >= p.end), len(rs.tokens)) :
            ]
            closed = (
                _SINGULAR_DESIGNATOR.search(rs.text, p.start, p.end) is not None
            )  # "the Kursk region, and"
            if (
                not closed
                and after
                and after[0].low in (",", "and")
                and any(q.start > p.end for q in places if q is not p)
            ):
                nxt = min((q for q in places if q.start > p.end), key=lambda q: q.start)
                if _PLACE_LIST_GAP.fullmatch(rs.text[p.end : nxt.start]):
                    return None  # "over the Bryansk, Oryol and Kursk regions": no single place
            return p
        return None
    return None


def places_listed_after(rs: ReadSentence, m: Mention, places: list[PlaceMention]) -> list[PlaceMention]:
    """ "three each over the Belgorod, Kaluga and Tver regions": the list of places after a number
    (empty unless there are two or more)."""
    end_char = rs.tokens[m.head_end - 1].end if m.head_end > 0 else 0
    nxt_num = next((o.num.start for o in rs.mentions if o.num.start > m.num.start), None)
    first = next((p for p in places if p.start >= end_char), None)
    if first is None or (nxt_num is not None and first.start > nxt_num):
        return []
    between = [t.low for t in rs.tokens if t.start >= end_char and t.end <= first.start]
    if not between or len(between) > 5 or not any(w in _LOCATIVE for w in between):
        return []
    out = [first]
    for p in places[places.index(first) + 1 :]:
        if nxt_num is not None and p.start > nxt_num:
            break
        if not _LISTED_GAP.fullmatch(rs.text[out[-1].end : p.start]):
            break
        out.append(p)
    return out if len(out) >= 2 else []


def place_follows(rs: ReadSentence, m: Mention, place: PlaceMention | None) -> bool:
    return place is not None and _following_place(rs, m, [place]) is not None


def only_place_follows(rs: ReadSentence, m: Mention, place: PlaceMention | None) -> bool:
    """ "four over the Black Sea": the number has a place and no verb of its own (unlike "eleven
    of the drones crashed into the Black Sea")."""
    if place is None or not place_follows(rs, m, place):
        return False
    end_char = rs.tokens[m.head_end - 1].end if m.head_end > 0 else 0
    return all(
        w.low in _PLACE_GAP
        or w.low in _LIST_WORDS
        or w.text[:1].isupper()  # "over the Kursk and Oryol regions"
        for w in rs.tokens
        if w.start >= end_char and w.end <= place.start
    )


# "the village of Hroza", "the Starodubsky district": a settlement or district too small for the
# gazetteer, named as one by the words around it
_NAMED_SETTLEMENT = re.compile(
    r"\b(?:village|settlement|hamlet)\s+of\s+(?P<name>[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?)"
    r"|\b(?P<district>[A-Z][a-z'’]+(?:sky|skyi|skiy|ska|sk|ivka|ove)\s+(?:district|raion|rayon|community|hromada))\b"
)


def named_settlements(
    text: str, places: list[PlaceMention], setting: PlaceMention | None
) -> list[PlaceMention]:
    """The places plus small settlements and districts named as such ("in the village of Hroza"), of
    the country of the sentence's other places, else of the article's setting (none without one)."""
    if (
        "village" not in text
        and "settlement" not in text
        and "hamlet" not in text
        and not _DISTRICT_WORD.search(text)
    ):
        return places
    countries = {p.place.country for p in places if p.place.country} or (
        {setting.place.country} if setting is not None and setting.place.country else set()
    )
    if len(countries) != 1:
        return places
    country = next(iter(countries))
    out = list(places)
    for found in _NAMED_SETTLEMENT.finditer(text):
        group = "name" if found.group("name") else "district"
        start, end = found.span(group)
        kind = "village" if group == "name" else "district"
        inside = [p for p in out if start <= p.start and p.end <= end]
        if kind == "district" and inside:
            out = [p for p in out if p not in inside]  # "Kupiansk district": the district, not the town
        elif any(p.start < end and start < p.end for p in places):
            continue  # the gazetteer knows it already
        out.append(PlaceMention(start, end, Place(found.group(group), kind, country)))
    return sorted(out, key=lambda p: p.start)


_DISTRICT_WORD = re.compile(r"\b(?:district|raion|rayon|community|hromada)\b")


# "shot down over the city", "hit the centre of the city": the city the article is about
_THE_CITY = re.compile(
    r"\b(?:in|over|on|at|above|near|of|hit|struck|targeted)\s+the\s+city\b(?!\s+of\b)", re.I
)


# "intercepted over the region", "injured in the region": the region the article is about
_THE_REGION = re.compile(r"\b(?:in|over|across|above)\s+the\s+region\b(?!\s+of\b|['’]s)", re.I)


def the_region(text: str, titled: list[PlaceMention], setting: PlaceMention | None) -> PlaceMention | None:
    """The region "the region" stands for: one named in a title in the sentence ("the Belgorod
    governor said ... over the region"), else the article's setting's region."""
    found = _THE_REGION.search(text)
    if found is None:
        return None
    start = found.end() - len("the region")
    regions = {p.place.name: p.place for p in titled if p.place.kind == "region"}
    if len(regions) == 1:
        return PlaceMention(start, found.end(), next(iter(regions.values())))
    if len(titled) == 1 and titled[0].place.kind == "city":  # "the Belgorod governor": his region
        region = lookup(titled[0].place.region or f"{titled[0].place.name} Oblast")
        return PlaceMention(start, found.end(), region) if region is not None else None
    if titled or setting is None:
        return None
    if setting.place.kind == "region":
        return PlaceMention(start, found.end(), setting.place)
    if setting.place.region:
        region = lookup(setting.place.region)
        return PlaceMention(start, found.end(), region) if region is not None else None
    return None


def the_city(text: str, titled: list[PlaceMention], setting: PlaceMention | None) -> PlaceMention | None:
    """The city "the city" stands for: one named in a title in the sentence ("the Zaporizhzhia
    city administration ... in the city"), else the article's setting when it is a city."""
    found = _THE_CITY.search(text)
    if found is None:
        return None
    start = found.end() - len("the city")  # the mention stands where "the city" is said
    cities = {p.place.name: p.place for p in titled if p.place.kind == "city"}
    if len(cities) == 1:
        return PlaceMention(start, found.end(), next(iter(cities.values())))
    regions_only = all(p.place.kind == "region" for p in titled)  # "the Vinnytsia governor said ... the city"
    if regions_only and setting is not None and setting.place.kind == "city":
        return PlaceMention(start, found.end(), setting.place)
    return None
