"""Killed and injured: whose people, at whose hands."""

from __future__ import annotations

import re

from ingest.extract import lexicon as lx
from ingest.extract.article.model import Add, Context
from ingest.extract.article.parties import party_before
from ingest.extract.places import PlaceMention
from ingest.extract.sentence.model import Mention, ReadSentence
from ingest.extract.text import words

_ATTACKS = frozenset(
    words(
        "shelling shell shells strike strikes attack attacks missile missiles drone drones forces troops "
        "armed artillery bombardment rocket rockets shelled struck attacked"
    )
)


_UNKNOWN = re.compile(
    r"\b(?:unknown|unidentified|unexploded)\s+(?:explosive\s+)?(?:device|object|ordnance)\b", re.IGNORECASE
)


def attacker(rs: ReadSentence) -> str | None:
    """The side the sentence names as attacking: "Ukrainian shelling", "after the Ukrainian Armed
    Forces struck", "the Armed Forces of Ukraine (AFU)", "Russian missile attacks"; None if none
    or both."""
    low = [t.low for t in rs.tokens]
    sides = set()
    for k, w in enumerate(low):
        nxt = low[k + 1] if k + 1 < len(low) else ""
        if w in _SIDE_ADJECTIVES and nxt in _ATTACKS:
            sides.add(_SIDE_ADJECTIVES[w])
        elif w == "afu":
            sides.add("Ukraine")
        elif low[k : k + 3] == ["armed", "forces", "of"] and low[k + 3 : k + 4]:
            side = lx.PARTY_WORDS.get(low[k + 3])  # "the Armed Forces of Ukraine"
            if side:
                sides.add(side)
    return sides.pop() if len(sides) == 1 else None


_SIDE_ADJECTIVES = {"russian": "Russia", "ukrainian": "Ukraine", "russia's": "Russia", "ukraine's": "Ukraine"}


_YEAR = re.compile(
    r"(?<!born )\b(?:[Ii]n|[Ss]ince|[Bb]ack in)\s+(?:(?:early|late|mid)[- ])?(?:[A-Z][a-z]+\s+)?((?:19|20)\d\d)\b"
)


def background(text: str, ctx: Context) -> bool:
    """A sentence about an earlier year's event: "In March 2022, a missile struck ... and killed 21"."""
    day = ctx.article.date
    return day is not None and any(int(y) < day.year for y in _YEAR.findall(text))


_OCCUPIED_BEFORE = re.compile(r"(?<!de-)(?<!un)occupied\b[^.,;]{0,20}$", re.IGNORECASE)
_OCCUPIED_AFTER = re.compile(r"\s*,?\s*\(?(?:LPR|DPR|LNR|DNR|People['’]s Republic)\b|['’]s Republic\b")
_REPUBLIC = re.compile(r"\b(?:LPR|DPR|LNR|DNR|People)\b")  # "the Lugansk People's Republic", "LPR" as a place


def note_occupied(text: str, places: list[PlaceMention], ctx: Context) -> None:
    """Remember the places the article names as held by Russia: "the Russian-occupied city of
    Donetsk", "occupied Nova Kakhovka", "Lysychansk, LPR"."""
    for p in places:
        if (
            _OCCUPIED_BEFORE.search(text, max(0, p.start - 40), p.start)
            or _OCCUPIED_AFTER.match(text, p.end)
            or _REPUBLIC.search(text, p.start, p.end)
        ):
            ctx.occupied.add(p.place.name)


def _country(where: PlaceMention, ctx: Context) -> str:
    """The side whose people live at a place: Russia's for a place the article calls occupied."""
    return "Russia" if where.place.name in ctx.occupied else where.place.country


def casualty_direction(
    rs: ReadSentence, m: Mention, place: PlaceMention | None, ctx: Context
) -> tuple[str | None, str | None]:
    setting = ctx.setting
    if m.nationality:
        return lx.other_party(m.nationality), m.nationality
    side = attacker(rs)
    if side:  # "the Ukrainian armed forces attacked a bakery in Lysychansk, killing eight"
        return side, lx.other_party(side)
    if _UNKNOWN.search(rs.text):  # "an unknown device detonated in Belgorod": no one named
        where = place or setting
        return None, where.place.country if where is not None else None
    if background(rs.text, ctx):  # another year's attack, no side named: "In 2022, a missile killed 21"
        return None, None
    if place is not None:
        country = _country(place, ctx)
        return lx.other_party(country), country
    subject = party_before(rs, m.trigger_at if m.trigger_at >= 0 else m.num.q, m.clause)
    if subject:
        return subject, lx.other_party(subject)
    if setting is not None:  # the place the article is about ("Sokolin said the toll rose to two")
        country = _country(setting, ctx)
        return lx.other_party(country), country
    return "Russia", "Ukraine"


def read_casualty(
    rs: ReadSentence,
    m: Mention,
    place: PlaceMention | None,
    places: list[PlaceMention],
    ctx: Context,
    add: Add,
) -> None:
    """A count of people killed or injured, at its place, with whose people at whose hands."""
    if _part_of_toll(rs, m) or _court_case(rs, m):
        return
    if place is None and not places:
        place = ctx.place or ctx.setting  # "Three people were injured, Koval said."
    held = place or next((p for p in places if p.place.name in ctx.occupied), None)  # "in Alchevsk, LPR"
    actor, target = casualty_direction(rs, m, held, ctx)
    add(
        "killed" if m.trigger == lx.KILL else "injured",
        m,
        m.num.value,
        actor,
        target,
        location=place.place.name if place else None,
        rule="casualties.toll" if m.toll else _rule(rs, m),
    )


def _rule(rs: ReadSentence, m: Mention) -> str:
    if m.trigger_at >= 0 and rs.tokens[m.trigger_at].low in _HOSPITALISED:
        return HOSPITALISED_RULE  # a part of a toll if the article states one (rows.drop_toll_parts)
    return "casualties.verb"


HOSPITALISED_RULE = "casualties.hospitalised"
_COURT = frozenset(
    words("charge charges charged accused convicted guilty sentence sentenced trial prosecuted indicted")
)


def _court_case(rs: ReadSentence, m: Mention) -> bool:
    """A killing or wounding a court deals with is no count of an attack: "serving a sentence on
    charges of wounding two civilians", "convicted of killing three"."""
    if m.trigger_at < 0:
        return False
    return any(t.low in _COURT for t in rs.tokens[max(0, m.trigger_at - 4) : m.trigger_at])


_HOSPITALISED = frozenset(["hospitalized", "hospitalised"])


def _part_of_toll(rs: ReadSentence, m: Mention) -> bool:
    """Parts of a stated toll are no facts of their own: "91 sought treatment and 52 have been
    hospitalized", "60 of those injured were hospitalized", "one more wounded person died in hospital"."""
    low = [t.low for t in rs.tokens]
    word = low[m.trigger_at] if m.trigger_at >= 0 else ""
    if m.anaphoric and m.trigger == lx.INJURE and any(low[t[0]] in _HOSPITALISED for t in rs.triggers):
        return True  # "60 of those injured had been hospitalized"
    if word in _HOSPITALISED:
        others = [o for o in rs.mentions if o is not m and o.trigger == lx.INJURE]
        return m.anaphoric or any(low[o.trigger_at] not in _HOSPITALISED for o in others)
    if word == "died" and low[m.num.j : m.num.j + 1] == ["more"]:
        return bool({"hospital", "wounds", "injuries"} & set(low[m.trigger_at + 1 : m.trigger_at + 5]))
    return False
