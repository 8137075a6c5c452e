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


def casualty_direction(
    rs: ReadSentence, m: Mention, place: PlaceMention | None, setting: PlaceMention | None
) -> tuple[str | None, str | None]:
    if m.nationality:
        return lx.other_party(m.nationality), m.nationality
    side = attacker(rs)
    if side:  # "the Ukrainian armed forces attacked a bakery in Lysychansk, killing eight"
        return side, lx.other_party(side)
    if _UNKNOWN.search(rs.text):  # "an unknown device detonated in Belgorod": no one named
        where = place or setting
        return None, where.place.country if where is not None else None
    if place is not None:
        return lx.other_party(place.place.country), place.place.country
    subject = party_before(rs, m.trigger_at if m.trigger_at >= 0 else m.num.q, m.clause)
    if subject:
        return subject, lx.other_party(subject)
    if setting is not None:  # the place the article is about ("Sokolin said the toll rose to two")
        return lx.other_party(setting.place.country), setting.place.country
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
    if _part_of_toll(rs, m):
        return
    if place is None and not places:
        place = ctx.place or ctx.setting  # "Three people were injured, Koval said."
    actor, target = casualty_direction(rs, m, place, ctx.setting)
    add(
        "killed" if m.trigger == lx.KILL else "injured",
        m,
        m.num.value,
        actor,
        target,
        location=place.place.name if place else None,
        rule="casualties.toll" if m.toll else "casualties.verb",
    )


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
