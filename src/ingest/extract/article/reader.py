"""Extraction: an article's text in, its stated counts out, as rows of the `facts` table.

`read_sentence` finds each number, the noun it counts and the verb that governs it; this
module walks the article's sentences and hands each mention to the rule for its kind
(aerial, casualties, exchange), then fills sources and merges restated numbers.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ingest.extract import lexicon as lx
from ingest.extract.article.aerial import (
    LIST_LINE,
    count_before,
    inherit_attack_model,
    inherit_launch_weapon,
    lost_to_electronic_warfare,
    read_aerial,
    read_list_line,
)
from ingest.extract.article.casualties import note_occupied, read_casualty
from ingest.extract.article.consistency import agree_on_direction
from ingest.extract.article.exchange import (
    back_fragment,
    breakdown_of_previous,
    part_of_combined,
    read_breakdown,
    read_exchange,
    read_people_back,
)
from ingest.extract.article.filling import fill_sources
from ingest.extract.article.location import (
    distinct_places,
    innermost,
    launch_site_or_title,
    named_settlements,
    place_follows,
    place_for,
    places_listed_after,
    the_city,
    the_region,
)
from ingest.extract.article.model import Context, Fact
from ingest.extract.article.pointing import POINTING, read_pointing
from ingest.extract.article.rows import merge_restated, to_row
from ingest.extract.article.sources import Sources, clause_source
from ingest.extract.dates import ArticleDate, find_event_date
from ingest.extract.folded import Folded, folded_words
from ingest.extract.places import PlaceMention, find_places
from ingest.extract.sentence.context import is_cumulative, undated_past
from ingest.extract.sentence.model import Mention, ReadSentence
from ingest.extract.sentence.prefilter import has_signal
from ingest.extract.sentence.reader import read_sentence
from ingest.extract.text import Sentence, split_sentences
from schemas.vocabulary import CUMULATIVE, KIND_OF_METRIC

EXTRACTOR_VERSION = "2026.12.3"


# "It listed 17 over the Moscow region, nine over ...": a tally's breakdown by place, with no noun
_BY_PLACE = re.compile(r"\b(?:\d+|[a-z]+)\s+(?:each\s+)?over\s+the\s+[A-Z]")


def extract_article(text: str, article: ArticleDate, title_end: int = 0) -> list[dict[str, Any]]:
    """All facts an article states, deduplicated, as dicts of FactModel columns (without the
    article id, run id and extractor version, which the caller adds)."""
    sentences = split_sentences(text)
    ctx = Context(article, event_date=article.day, dated=False, sources=Sources(sentences))
    facts: list[Fact] = []
    by_paragraph: dict[int, list[Fact]] = {}
    for i, s in enumerate(sentences):
        if s.paragraph != ctx.paragraph:
            ctx.paragraph, ctx.place = s.paragraph, None
            # a date set for an aside ("on April 9, two more missiles") lasts its paragraph
            ctx.event_date = ctx.lead_date or article.day
        if ctx.list_head is not None and LIST_LINE.match(s.text):
            new = _read(i, s, ctx, in_title=s.end <= title_end, list_line=True)
        elif back_fragment(s.text, ctx.previous):  # "Our people are back. 207 of them."
            new = _read(i, s, ctx, in_title=s.end <= title_end, back=True)
        elif not has_signal(s.text) and not (ctx.aerial and "over" in s.text and _BY_PLACE.search(s.text)):
            if _names_a_scene(s.text):  # "Russians attacked a cafe in the village of Hroza"
                set_scene(s.text, ctx)
            ctx.previous, ctx.list_head = s.text, None
            continue
        else:
            ctx.list_head = None
            new = _read(i, s, ctx, in_title=s.end <= title_end)
            if s.text.endswith(":") and new and new[-1].kind == "aerial_attack":
                ctx.list_head = new[-1]  # "destroyed 21 drones:" then a line a region, "7 – over ..."
        ctx.previous = s.text
        facts.extend(new)
        for f in new:
            by_paragraph.setdefault(s.paragraph, []).append(f)
    fill_sources(sentences, by_paragraph, ctx.sources)
    return [
        to_row(f)
        for f in merge_restated(inherit_attack_model(inherit_launch_weapon(agree_on_direction(facts))))
    ]


# words of an attack on a place: a sentence with no count that has one names the scene
_SCENE_CUE = Folded(
    r"\b(?:attack(?:ed|s)?|struck|strikes?|hit|shell(?:ed|ing)|bomb(?:ed|ing)|targeted|damaged|killed|injured|wounded)\b"
)
# the same words, looked up among the sentence's words (whole words, as the pattern's \b ends
# say) rather than scanning every position of the sentence for them: it is tried on every
# sentence with no count
_SCENE_WORDS = frozenset(
    "attack attacked attacks struck strike strikes hit shelled shelling bombed bombing targeted "
    "damaged killed injured wounded".split()
)


def _names_a_scene(text: str) -> bool:
    """Whether _SCENE_CUE finds a word of an attack in the text."""
    folded = folded_words(text)
    return _SCENE_CUE.search(text) is not None if folded is None else not _SCENE_WORDS.isdisjoint(folded[1])


# wholes that count drones and missiles together (FACTS.md: no fact, and no part of one)
_COMBINED_WHOLE = re.compile(
    r"\bmeans of (?:air |aerial )?attack|\b(?:air|aerial) (?:targets|attack weapons|attack assets)"
    r"|\bdrones and missiles\b|\bmissiles and drones\b",
    re.IGNORECASE,
)


def _fact_places(text: str, found: list[PlaceMention], ctx: Context) -> list[PlaceMention]:
    """The places a sentence's facts may be at: launch sites and titles out, small settlements in,
    framing regions out, "the city" resolved."""
    titled = [p for p in found if launch_site_or_title(text, p)]
    places = named_settlements(text, [p for p in found if p not in titled], ctx.place or ctx.setting)
    places = innermost(places, text)
    setting = ctx.place or ctx.setting
    city = None if places else the_city(text, titled, setting) or the_region(text, titled, setting)
    return [city] if city is not None else places  # "four missiles were shot down over the city"


def set_scene(text: str, ctx: Context) -> None:
    """A sentence with no count that names one attacked place sets the place the next counts are at."""
    places = _fact_places(text, find_places(text), ctx)
    if places and len(distinct_places(places)) == 1:
        ctx.place = ctx.setting = places[0]
        return
    # "In the Rostov region, the governor said a drone attack on Taganrog was repelled": the one town
    towns = {p.place.name: p for p in places if p.place.kind in ("city", "village")}
    if len(towns) == 1 and len({p.place.country for p in places}) == 1:
        ctx.place = ctx.setting = next(iter(towns.values()))


def _read(
    i: int, s: Sentence, ctx: Context, in_title: bool, list_line: bool = False, back: bool = False
) -> list[Fact]:
    rs = read_sentence(s.text)
    if not rs.triggers and not rs.mentions:
        if _names_a_scene(s.text):  # "... said a drone attack on Taganrog had been repelled"
            set_scene(s.text, ctx)
        return []  # numbers, but nothing counted and nothing happening: filler
    date = find_event_date(s.text, ctx.article)
    if date is not None and rs.triggers:
        ctx.event_date, ctx.dated = date.date, True
    breaking_down = _breaks_down_previous(i, s, ctx)
    points_back = list_line or back or POINTING.search(s.text) is not None or breaking_down
    sentence_class = _sentence_weapon_class(rs)
    if not points_back and not _may_count(rs, sentence_class or (lx.DRONE if ctx.aerial else None)):
        if rs.triggers:  # "Russia launched a drone attack on Chernihiv": where the next counts are
            set_scene(s.text, ctx)
        return []
    low = s.text.lower()
    assert ctx.sources is not None
    source = ctx.sources.source(i)
    places = find_places(s.text)
    event_date = date.date if date is not None else None if undated_past(s.text) else ctx.event_date
    cumulative = is_cumulative(s.text)
    out: list[Fact] = []

    def add(
        metric: str,
        m: Mention | None,
        value: int,
        actor: str | None,
        target: str | None,
        *,
        rule: str,
        **kw: Any,
    ) -> None:
        too_many = value > lx.EVENT_BOUNDS.get(metric, value)
        war_long = cumulative and (m is None or _cumulative_part(s.text, m))
        kind = CUMULATIVE if kw.get("cumulative", war_long) or too_many else KIND_OF_METRIC[metric]
        agreed = metric == "prisoners_agreed"
        out.append(
            Fact(
                kind=kind,
                metric=metric,
                value=value,
                value_max=m.num.value_max if m else None,
                qualifier=m.num.qualifier if m else "exact",
                actor=actor,
                target=target,
                weapon=kw.get("weapon", m.weapon if m else None),
                location=kw.get("location"),
                event_date=None if agreed or kind == CUMULATIVE else event_date,
                attributed_to=(clause_source(s.text, m.num.start) if m else None) or source,
                sentence=s,
                in_title=in_title,
                cls=kw.get("cls"),
                rule=rule,
                default_date=date is None and event_date == ctx.article.day,
            )
        )
        if kind == "aerial_attack":
            ctx.aerial = [*ctx.aerial[-7:], out[-1]]  # "of them" may point back within the sentence

    has_civilians = any(m.cls == lx.CIVILIAN for m in rs.mentions)
    places = _fact_places(s.text, places, ctx)
    if places:
        note_occupied(s.text, places, ctx)
    order = sorted(
        range(len(rs.mentions)), key=lambda i: not rs.mentions[i].is_whole
    )  # "61 of 98": the 98 first
    for idx in order:
        m = rs.mentions[idx]
        place = place_for(rs, m, places, s.text)
        if back:  # a quote split by the sentence splitter: its speaker is named a sentence on
            nxt = ctx.sources.sentences[i + 1] if i + 1 < len(ctx.sources.sentences) else None
            said = nxt is not None and nxt.paragraph == s.paragraph
            read_people_back(m, ctx.previous, add, source or (ctx.sources.source(i + 1) if said else None))
            continue
        if list_line:
            assert ctx.list_head is not None
            read_list_line(m, place, ctx.list_head, add)
            continue
        if m.trigger is None and breaking_down:
            read_breakdown(m, ctx, add)  # "... came home. Among them are 139 servicemen and 18 civilians."
            continue
        if m.anaphoric and m.cls in lx.PEOPLE and m.trigger in (lx.KILL, lx.INJURE) and _toll_before(rs, idx):
            continue  # "killing six people, two of them children": a part of the toll, no fact of its own
        if m.included and not _counted_part(rs, m, place) and not part_of_combined(rs, m):
            continue  # "including two children" is not a fact of its own
        listed = _each_over_places(rs, m, place, places, ctx) if m.each_way else []
        cls = m.cls
        if cls is None:
            if m.anaphoric and _COMBINED_WHOLE.search(s.text):
                continue  # "60 means of air attack, 52 of which were destroyed": drones and missiles together
            cls = _bare_class(i, rs, m, idx, ctx, sentence_class, place or (listed[0] if listed else None))
            if cls is None:
                continue
        if listed and cls in (lx.DRONE, lx.MISSILE):
            if (
                m.trigger is None
            ):  # the verb of the tally before: "nine were downed in Tver, and three each ..."
                verb = next(
                    (o for o in reversed(rs.mentions[:idx]) if o.trigger and o.cls in (cls, None)), None
                )
                if verb is None:
                    continue
                m = replace(m, trigger=verb.trigger, trigger_at=verb.trigger_at)
            for p in listed:  # "three each over the Belgorod, Kaluga and Tver regions": one fact a place
                read_aerial(rs, m, cls, p, ctx, add, source, rule="aerial.each_over_places")
            continue
        if cls in (lx.DRONE, lx.MISSILE):
            if lost_to_electronic_warfare(rs, m, ctx.aerial):
                continue
            read_aerial(rs, m, cls, place, ctx, add, source)
        elif m.trigger in (lx.KILL, lx.INJURE):
            read_casualty(rs, m, place, places, ctx, add)
        else:
            read_exchange(rs, m, cls, low, has_civilians, ctx, add, source)
    read_pointing(s.text, rs, ctx, out, add)
    if places and len(distinct_places(places)) == 1:
        ctx.place = ctx.setting = places[0]
    if ctx.lead_date is None and ctx.dated and any(f.metric != "prisoners_agreed" for f in out):
        ctx.lead_date = event_date  # the lead event's day: the first that a stated fact happened on
        # (an agreement's day is not: "pledged on June 2 to swap 1,000" is no event of the article)
    exchange = [f for f in out if f.metric.endswith("_released")]
    if exchange:
        ctx.exchange = exchange
    return out


def _each_over_places(
    rs: ReadSentence, m: Mention, place: PlaceMention | None, places: list[PlaceMention], ctx: Context
) -> list[PlaceMention]:
    """The places an "N each" number is counted over: a list right after it ("two each over the
    Kursk and Oryol regions"), or the previous sentence's places for "There, ... two each"."""
    if place is not None:
        return []
    if places:
        return places_listed_after(rs, m, places)
    if rs.text.lstrip().lower().startswith("there") and ctx.previous:
        before = find_places(ctx.previous)
        if len(distinct_places(before)) >= 2:
            return before
    return []


def _counted_part(rs: ReadSentence, m: Mention, place: PlaceMention | None) -> bool:
    """Parts that are facts: per-region counts ("including 27 over the Moscow region"), per-type
    launches ("including 80 Shaheds") and an exchange's soldiers and civilians."""
    if m.cls in (None, lx.DRONE) and place is not None and place_follows(rs, m, place):
        return True
    if m.cls in (lx.DRONE, lx.MISSILE) and m.trigger == lx.LAUNCH:
        return True
    if m.cls in (lx.DRONE, lx.MISSILE) and m.trigger is None and {t[2] for t in rs.triggers} == {lx.LAUNCH}:
        return True  # "launched ..., as well as 31 missiles, among them two Kinzhals": a per-type launch
    if m.cls in (lx.DRONE, lx.MISSILE) and m.trigger is None and not rs.triggers:
        # "a full count: 423 drones and 41 missiles, including 29 Kh-101s and eight Iskander-Ms"
        return count_before(rs, m)
    return m.cls in (lx.SOLDIER, lx.CIVILIAN) and m.trigger in (lx.RELEASE, lx.RECEIVE, lx.RETURN)


def _tally_just_before(i: int, rs: ReadSentence, ctx: Context) -> bool:
    """Does the article's last aerial count come from sentence i or the one or two before it,
    with no people counted in sentence i: a breakdown of it by place may go on here."""
    if not ctx.aerial or ctx.sources is None or any(o.cls in lx.PEOPLE for o in rs.mentions):
        return False
    last = ctx.aerial[-1].sentence
    return any(ctx.sources.sentences[k] is last for k in range(max(0, i - 2), i + 1))


def _cumulative_part(text: str, m: Mention) -> bool:
    """Is the war-long marker in the number's own part of a sentence cut by semicolons ("115
    defenders come home; over 3,500 freed since the start of the war": the 115 is an event)?"""
    if ";" not in text:
        return True
    start = text.rfind(";", 0, m.num.start) + 1
    end = text.find(";", m.num.start)
    return is_cumulative(text[start : end if end >= 0 else len(text)])


def _toll_before(rs: ReadSentence, idx: int) -> bool:
    """Is there a count of people killed or injured before the idx-th mention of the sentence?"""
    return any(o.cls in lx.PEOPLE and o.trigger in (lx.KILL, lx.INJURE) for o in rs.mentions[:idx])


def _breaks_down_previous(i: int, s: Sentence, ctx: Context) -> bool:
    """ "Among them are ...": a breakdown of the exchange counted in the sentence just before."""
    assert ctx.sources is not None
    return (
        bool(ctx.exchange)
        and i > 0
        and ctx.exchange[-1].sentence is ctx.sources.sentences[i - 1]
        and breakdown_of_previous(s.text)
    )


def _may_count(rs: ReadSentence, sentence_class: str | None) -> bool:
    """Can any mention of the sentence become a fact? A cheap test before the article-level work."""
    bare = False
    for m in rs.mentions:
        if m.trigger is not None or m.each_way or m.cls in (lx.DRONE, lx.MISSILE):
            return True
        bare = bare or m.cls is None
    return bare and sentence_class is not None  # "nine over the Bryansk region"


def _sentence_weapon_class(rs: ReadSentence) -> str | None:
    for t in rs.tokens:
        cls = lx.head_class(t.low)
        if cls in (lx.DRONE, lx.MISSILE):
            return cls
    return None


def _bare_class(
    i: int,
    rs: ReadSentence,
    m: Mention,
    idx: int,
    ctx: Context,
    sentence_class: str | None,
    place: PlaceMention | None,
) -> str | None:
    """The class of a number with no noun: "of which 63 were shot down", "nine over Bryansk"."""
    before = rs.mentions[:idx]
    if before and before[-1].cls in lx.PEOPLE and (m.anaphoric or m.included):
        return None  # "injured 32, ... three of them in a serious condition", "five killed, including two in Lviv"
    earlier = [p for p in before if p.cls in (lx.DRONE, lx.MISSILE)]
    if m.trigger == lx.INTERCEPT or m.anaphoric or m.all_of:
        if earlier and m.num.value_max is None:
            # "161 drones and a ballistic missile; 112 downed": more than the one missile, so drones
            room = [p for p in earlier if p.num.value >= m.num.value and not p.included]
            if room and earlier[-1] not in room and len({p.cls for p in room}) == 1:
                return room[-1].cls
        if earlier:
            return earlier[-1].cls
        if sentence_class:  # "Of the drones, 285 were shot down"
            return sentence_class
        return ctx.aerial[-1].cls if ctx.aerial else None
    if m.trigger is None and place is not None and place_follows(rs, m, place):
        # a per-region breakdown: "nine over the Bryansk region, four over Oryol"
        if earlier:
            return earlier[-1].cls
        if sentence_class is None and _tally_just_before(i, rs, ctx):
            return ctx.aerial[
                -1
            ].cls  # "... destroyed 31 drones. Eight were destroyed over Chernihiv, two over Sumy"
        return sentence_class
    if m.trigger in (lx.RELEASE, lx.RECEIVE, lx.RETURN) and (m.each_way or m.future):
        return lx.PERSON
    exchanging = any(t[2] in (lx.RELEASE, lx.RECEIVE, lx.RETURN) for t in rs.triggers)
    if m.each_way and (ctx.exchange or exchanging):  # "exchanged prisoners 205 for 205"
        return lx.PERSON
    return None
