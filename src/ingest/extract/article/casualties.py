"""Killed and injured: whose people, at whose hands."""

from __future__ import annotations

from ingest.extract import lexicon as lx
from ingest.extract.article.model import Add, Context
from ingest.extract.article.parties import party_before
from ingest.extract.places import PlaceMention
from ingest.extract.sentence.model import Mention, ReadSentence


def casualty_direction(
    rs: ReadSentence, m: Mention, place: PlaceMention | None, setting: PlaceMention | None
) -> tuple[str | None, str | None]:
    if m.nationality:
        return lx.other_party(m.nationality), m.nationality
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
