"""Sources for the facts whose sentence names none: the nearest source in the paragraph, else
the last one named before in the article, else one named just after; a bare country yields to
its own institution."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from ingest.extract.article.model import Fact
from ingest.extract.article.sources import Sources
from ingest.extract.attribution import UNNAMED
from ingest.extract.places import lookup
from ingest.extract.text import Sentence


def fill_sources(
    sentences: list[Sentence], by_paragraph: dict[int, list[Fact]], sources: Sources | None
) -> None:
    """A fact with no source in its sentence takes the source named nearest in its paragraph,
    else the last one named before it in the article, else one named just after it (a wire's
    "The air force reports that…" often follows the lead). A bare country ("Russia said") yields
    to an institution of that side named in the article."""
    assert sources is not None
    by_index = {id(s): i for i, s in enumerate(sentences)}

    def source_of(j: int) -> str | None:  # "officials said" is its own sentence's source, lent to none
        name = sources.plain(j)
        return None if name in UNNAMED else name

    spokesman = cache(lambda: _spokesman_named(sentences))  # the article's, looked for once

    for facts in by_paragraph.values():
        for f in facts:
            i = by_index[id(f.sentence)]
            title = sources.unresolved_title(i)
            if f.attributed_to is None and title == "ministry" and f.kind == "aerial_attack":
                # "the ministry said" of drones downed over Russia: Russia's defence ministry
                f.attributed_to = _DEFENCE_MINISTRY.get(f.target or "")
                continue
            if f.attributed_to is None and title is not None:
                # the sentence names its source by a title only: the person given that title a few
                # sentences on ("Governor Alexander Gusev said"), else "Moscow mayor", never a neighbour's
                f.attributed_to = _titled_later(sentences, i, title) or _by_place(f.location, title)
                continue
            if _UNNAMED_SPOKESMAN.search(f.sentence.text):  # "the ministry's spokesman said"
                f.attributed_to = spokesman() or f.attributed_to
            if f.attributed_to in UNNAMED and f.location:  # "officials said" of Kyiv: Kyiv officials
                f.attributed_to = _by_place(f.location, f.attributed_to)
            if f.attributed_to is None:
                f.attributed_to = _nearest(sentences, i, source_of)
            if f.attributed_to in _COUNTRY_SIDE:
                f.attributed_to = (
                    _institution_of(
                        sentences, by_index[id(f.sentence)], source_of, _COUNTRY_SIDE[f.attributed_to]
                    )
                    or f.attributed_to
                )


_DEFENCE_MINISTRY = {"Russia": "Russian Defense Ministry", "Ukraine": "Ukrainian Defense Ministry"}
_COUNTRY_SIDE = {"Russia": "Russia", "Moscow": "Russia", "Ukraine": "Ukraine", "Kyiv": "Ukraine"}
_RUSSIAN_INSTITUTIONS = ("Russian Defense Ministry", "Russian air force")
_UKRAINIAN_INSTITUTIONS = (
    "Ukrainian air force",
    "Ukrainian Defense Ministry",
    "General Staff of the Armed Forces of Ukraine",
    "Coordination Headquarters for the Treatment of POWs",
)


def _by_place(location: str | None, title: str) -> str | None:
    """ "Kherson governor", "Kyiv officials": a governor is his oblast's, whatever town he speaks of."""
    if not location or not title:
        return None
    place = lookup(location)
    if title == "governor" and place is not None and place.region:
        location = place.region
    return f"{location.removesuffix(' Oblast')} {title}"


def _titled_later(sentences: list[Sentence], i: int, title: str) -> str | None:
    """The person a later sentence of the article gives the title: "Governor Alexander Gusev"."""
    if title not in ("governor", "mayor"):
        return None
    pattern = _TITLED[title]
    for j in range(i + 1, min(len(sentences), i + 6)):
        found = pattern.search(sentences[j].text)
        if found:
            return found.group("name")
    return None


_TITLED = {
    title: re.compile(
        rf"\b(?:[Aa]cting\s+)?(?:{title}|{title.title()})\s+(?P<name>[A-Z][a-z'’-]+\s+[A-Z][a-z'’-]+)\b"
    )
    for title in ("governor", "mayor")
}


_UNNAMED_SPOKESMAN = re.compile(
    r"\b[Ss]pokes(?:man|woman|person)\s+(?:has\s+|had\s+)?(?:said|says|told|announced)\b"
)
_NAMED_SPOKESMAN = re.compile(r"\b[Ss]pokes(?:man|woman|person)\s+(?P<run>(?:[A-Z][a-z'’-]+\s+){1,4})")


def _spokesman_named(sentences: list[Sentence]) -> str | None:
    """The spokesman an article names ("Spokesman Lieutenant General Igor Konashenkov"): the last
    two words of the run of capitalised words after the title; None unless exactly one is named."""
    names = set()
    for s in sentences:
        for found in _NAMED_SPOKESMAN.finditer(s.text):
            run = found.group("run").split()
            if len(run) >= 2:
                names.add(" ".join(run[-2:]))
    return next(iter(names)) if len(names) == 1 else None


def _nearest(sentences: list[Sentence], i: int, source_of: Callable[[int], str | None]) -> str | None:
    para = sentences[i].paragraph
    for j in (i - 1, i + 1, i - 2, i + 2):
        if 0 <= j < len(sentences) and sentences[j].paragraph == para and source_of(j):
            return source_of(j)
    before = next((source_of(j) for j in range(i - 1, -1, -1) if source_of(j)), None)
    if before is not None:
        return before
    return next((source_of(j) for j in range(i + 1, min(len(sentences), i + 6)) if source_of(j)), None)


def _institution_of(
    sentences: list[Sentence], i: int, source_of: Callable[[int], str | None], side: str
) -> str | None:
    wanted = _RUSSIAN_INSTITUTIONS if side == "Russia" else _UKRAINIAN_INSTITUTIONS
    order = sorted(range(len(sentences)), key=lambda j: abs(j - i))
    return next((s for j in order if (s := source_of(j)) in wanted), None)
