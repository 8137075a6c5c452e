"""Extraction: an article's text in, its stated counts out, as rows of the `facts` table.

`read_sentence` (mentions.py) finds each number, the noun it counts and the verb that governs
it; this module adds what needs the rest of the article: the event date, the source, the
place, who acted on whom, words that point back ("the same number", "all of them"), and the
merging of a number restated in the title and the body.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from ingest.extract import lexicon as lx
from ingest.extract.attribution import Attribution, find_attribution, looks_like_person, names_a_person
from ingest.extract.dates import ArticleDate, find_event_date
from ingest.extract.places import PlaceMention, find_places
from ingest.extract.sentence import (
    Mention,
    ReadSentence,
    attack_context,
    has_signal,
    is_cumulative,
    read_sentence,
)
from ingest.extract.text import Sentence, split_sentences, words
from schemas.vocabulary import CUMULATIVE, KIND_OF_METRIC

EXTRACTOR_VERSION = "2026.11.1"

_LOCATIVE = frozenset(
    words("in on over at near above across around outside into toward towards of targeting hit struck")
)
_ALL_INTERCEPTED = re.compile(
    r"\b(?:(?:all|both)(?: of)?(?: them| which| these| those| the)?(?: [\w-]+)?(?: (?P<a>drones?|missiles?|uavs?))?"
    r"(?: and [^.,;]{1,40}?)?(?: were| was| have been| had been| are)?(?: successfully| reportedly)?"
    r" (?:shot down|destroyed|intercepted|downed|neutrali[sz]ed)"
    r"|(?:shot down|destroyed|intercepted|downed|neutrali[sz]ed) (?:all|both)(?: of)?(?: them| the)?"
    r"(?: (?P<b>drones?|missiles?|uavs?))?)",
    re.IGNORECASE,
)
_THE_MISSILE = re.compile(r"\b(?:shot down|destroyed|intercepted|downed|neutrali[sz]ed) the missile\b", re.I)
_SAME_NUMBER = re.compile(r"\b(?:the same|an equal|a similar) numbers?\b(?: of)?", re.IGNORECASE)
_FROM_PARTY = re.compile(
    r"\b(?:from|by|in|controlled by|held by)\s+(?:the\s+)?(?:territory controlled by\s+|captivity in\s+)?"
    r"(?P<p>russia|ukraine|kyiv|kiev|moscow|russian|ukrainian)(?:'s|’s)?\b(?:\s+(?:captivity|side|custody))?",
    re.IGNORECASE,
)
_BOTH_WAYS = (
    "both sides",
    "each side",
    "the two sides",
    "both countries",
    "each other",
    " each returned",
    " each released",
    " each freed",
    " each handed over",
    "the sides exchanged",
    "the sides swapped",
)
_SPEECH = re.compile(
    r"said|says|say\b|according|report|told|tell|stated|states|announc|wrote|writes|added|adds|confirm|claim|"
    r"posted|noted|inform|tweet|estimat|count|record|specified",
    re.IGNORECASE,
)
_POINTING = re.compile(r"\b(?:same|equal|similar) numbers?\b|\b(?:all|both)\b|\bthe missile\b", re.IGNORECASE)
_PLACE_LIST_GAP = re.compile(r"(?:\s*(?:,|and|or)\s*)+(?:the\s+)?")
_FROM_BEFORE = re.compile(r"\bfrom(?: over| above| the airspace of| the direction of)?(?: the)?\s*$")
_TITLE_AFTER = re.compile(
    r"^(?:'s|’s)?\s*(?:(?:regional|oblast|city|military|district|state)\s+)*"
    r"(?:governor|mayor|head|prosecutor|administration|police|authorities|council)",
    re.IGNORECASE,
)
_ACTING_NOUNS = frozenset(
    words(
        "forces troops army military air defences defenses defence defense drones drone missiles missile side "
        "strike strikes attack attacks shelling artillery units navy fleet soldiers servicemen armed"
    )
)
_SOURCE_NOUNS = frozenset(
    words("said says reported reports authorities officials official's officials' told")
)
_OBJECT_PREPOSITIONS = frozenset(
    words(
        "on at against into in over across toward towards to of with from by for "
        "attacked attacking struck hit hitting targeted targeting shelled shelling bombed pounded"
    )
)
_TO_PARTY = re.compile(r"\bto (?:officials in |the )?(?P<p>russia|ukraine|kyiv|moscow)\b", re.IGNORECASE)
_EXCHANGE_NOUNS = frozenset(
    ["exchange", "swap", "swaps", "exchanges", "pow", "pows", "prisoner", "prisoners"]
)


@dataclass
class _Fact:
    kind: str
    metric: str
    value: int
    value_max: int | None
    qualifier: str
    actor: str | None
    target: str | None
    weapon: str | None
    location: str | None
    event_date: dt.date | None
    attributed_to: str | None
    sentence: Sentence
    in_title: bool
    cls: str | None = None


@dataclass
class _Context:
    """What earlier sentences of the article established."""

    article: ArticleDate
    event_date: dt.date | None = None
    dated: bool = False
    sources: _Sources | None = None
    aerial: list[_Fact] = field(default_factory=list)  # recent aerial facts, for "of them", "all of them"
    exchange: list[_Fact] = field(default_factory=list)  # the last sentence's exchange facts
    place: PlaceMention | None = None  # the last sentence's single place, within a paragraph
    setting: PlaceMention | None = None  # the last single place of the article so far
    paragraph: int = -1


def extract_article(text: str, article: ArticleDate, title_end: int = 0) -> list[dict[str, Any]]:
    """All facts an article states, deduplicated, as dicts of FactModel columns (without the
    article id, run id and extractor version, which the caller adds)."""
    sentences = split_sentences(text)
    ctx = _Context(article, event_date=article.day, dated=False, sources=_Sources(sentences))
    facts: list[_Fact] = []
    by_paragraph: dict[int, list[_Fact]] = {}
    for i, s in enumerate(sentences):
        if s.paragraph != ctx.paragraph:
            ctx.paragraph, ctx.place = s.paragraph, None
        if not has_signal(s.text):
            continue
        new = _read(i, s, ctx, in_title=s.end <= title_end)
        facts.extend(new)
        for f in new:
            by_paragraph.setdefault(s.paragraph, []).append(f)
    _fill_sources(sentences, by_paragraph, ctx.sources)
    return [_row(f) for f in _merge_restated(facts)]


def _read(i: int, s: Sentence, ctx: _Context, in_title: bool) -> list[_Fact]:
    rs = read_sentence(s.text)
    if not rs.triggers and not rs.mentions:
        return []  # numbers, but nothing counted and nothing happening: filler
    date = find_event_date(s.text, ctx.article)
    if date is not None and rs.triggers:
        ctx.event_date, ctx.dated = date.date, True
    pointing = _POINTING.search(s.text) is not None
    sentence_class = _sentence_weapon_class(rs)
    if not pointing and not _may_count(rs, sentence_class):
        return []
    low = s.text.lower()
    assert ctx.sources is not None
    source = ctx.sources.source(i)
    places = find_places(s.text)
    event_date = date.date if date is not None else ctx.event_date
    cumulative = is_cumulative(s.text)
    out: list[_Fact] = []

    def add(
        metric: str, m: Mention | None, value: int, actor: str | None, target: str | None, **kw: Any
    ) -> None:
        kind = CUMULATIVE if cumulative else KIND_OF_METRIC[metric]
        agreed = metric == "prisoners_agreed"
        out.append(
            _Fact(
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
                attributed_to=source,
                sentence=s,
                in_title=in_title,
                cls=kw.get("cls"),
            )
        )
        if kind == "aerial_attack":
            ctx.aerial = [*ctx.aerial[-7:], out[-1]]  # "of them" may point back within the sentence

    has_civilians = any(m.cls == lx.CIVILIAN for m in rs.mentions)
    places = [p for p in places if not _launch_site_or_title(s.text, p)]
    order = sorted(
        range(len(rs.mentions)), key=lambda i: not rs.mentions[i].is_whole
    )  # "61 of 98": the 98 first
    for idx in order:
        m = rs.mentions[idx]
        place = _place_for(rs, m, places, s.text)
        if m.included and not _counted_part(rs, m, place):
            continue  # "including two children" is not a fact of its own
        cls = m.cls
        if cls is None:
            cls = _bare_class(rs, m, idx, ctx, sentence_class, place)
            if cls is None:
                continue
        if cls in (lx.DRONE, lx.MISSILE):
            _aerial(rs, m, cls, place, ctx, add, source)
        elif m.trigger in (lx.KILL, lx.INJURE):
            if place is None and not places:
                place = ctx.place or ctx.setting  # "Three people were injured, Koval said."
            actor, target = _casualty_direction(rs, m, place, ctx.setting)
            add(
                "killed" if m.trigger == lx.KILL else "injured",
                m,
                m.num.value,
                actor,
                target,
                location=place.place.name if place else None,
            )
        else:
            _exchange(rs, m, cls, low, has_civilians, ctx, add, source)
    _pointing(s.text, rs, ctx, out, add)
    if places and len(_distinct(places)) == 1:
        ctx.place = ctx.setting = places[0]
    exchange = [f for f in out if f.metric.endswith("_released")]
    if exchange:
        ctx.exchange = exchange
    return out


def _counted_part(rs: ReadSentence, m: Mention, place: PlaceMention | None) -> bool:
    """Parts that are facts: per-region counts ("including 27 over the Moscow region"), per-type
    launches ("including 80 Shaheds") and an exchange's soldiers and civilians."""
    if m.cls in (None, lx.DRONE) and place is not None and _place_follows(rs, m, place):
        return True
    if m.cls in (lx.DRONE, lx.MISSILE) and m.trigger == lx.LAUNCH:
        return True
    return m.cls in (lx.SOLDIER, lx.CIVILIAN) and m.trigger in (lx.RELEASE, lx.RECEIVE, lx.RETURN)


def _launch_site_or_title(text: str, p: PlaceMention) -> bool:
    """ "fired from the Kursk region" names a launch site; "Dnipropetrovsk governor" a title."""
    before = text[max(0, p.start - 30) : p.start].lower()
    after = text[p.end : p.end + 30].lower()
    return bool(_FROM_BEFORE.search(before)) or bool(_TITLE_AFTER.match(after))


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
    rs: ReadSentence,
    m: Mention,
    idx: int,
    ctx: _Context,
    sentence_class: str | None,
    place: PlaceMention | None,
) -> str | None:
    """The class of a number with no noun: "of which 63 were shot down", "nine over Bryansk"."""
    earlier = [p for p in rs.mentions[:idx] if p.cls in (lx.DRONE, lx.MISSILE)]
    if m.trigger == lx.INTERCEPT or m.anaphoric or m.all_of:
        if earlier:
            return earlier[-1].cls
        if sentence_class:  # "Of the drones, 285 were shot down"
            return sentence_class
        return ctx.aerial[-1].cls if ctx.aerial else None
    if m.trigger is None and place is not None and _place_follows(rs, m, place):
        # a per-region breakdown: "nine over the Bryansk region, four over Oryol"
        if earlier:
            return earlier[-1].cls
        return sentence_class
    if m.trigger in (lx.RELEASE, lx.RECEIVE, lx.RETURN) and (m.each_way or m.future):
        return lx.PERSON
    exchanging = any(t[2] in (lx.RELEASE, lx.RECEIVE, lx.RETURN) for t in rs.triggers)
    if m.each_way and (ctx.exchange or exchanging):  # "exchanged prisoners 205 for 205"
        return lx.PERSON
    return None


def _aerial(
    rs: ReadSentence,
    m: Mention,
    cls: str,
    place: PlaceMention | None,
    ctx: _Context,
    add: Any,
    source: str | None,
) -> None:
    noun = "drones" if cls == lx.DRONE else "missiles"
    trigger = m.trigger
    if m.num.article and not m.grouped and (m.trigger is None or m.trigger_at > m.num.i):
        return  # "a Ukrainian drone attacked a tractor": a drone, not a count of them
    if m.trigger is None and m.num.value_max is None and not m.is_whole:
        earlier = [p for p in rs.mentions if p.cls == cls and p is not m and p.trigger and p.num.i < m.num.i]
        if earlier and place is not None:
            trigger = earlier[-1].trigger  # per-region breakdown inherits the total's verb
        elif any(t[2] == lx.INTERCEPT for t in rs.triggers) and not any(
            t[2] == lx.LAUNCH for t in rs.triggers
        ):
            trigger = lx.INTERCEPT if _place_follows(rs, m, place) else None
    if (
        m.all_of
        and trigger != lx.INTERCEPT
        and any(t[2] == lx.INTERCEPT and t[0] > m.num.i for t in rs.triggers)
    ):
        trigger = lx.INTERCEPT  # "All 12 drones that Russia launched ... were shot down"
    if m.is_whole:
        metric = f"{noun}_launched"
    elif trigger == lx.INTERCEPT:
        metric = f"{noun}_intercepted"
    elif trigger == lx.LAUNCH or attack_context(rs.tokens) or any(t[2] == lx.LAUNCH for t in rs.triggers):
        metric = f"{noun}_launched"
    else:
        return
    actor, target = _aerial_direction(rs, m, trigger, place, ctx, source)
    location = place.place.name if place else None
    add(metric, m, m.num.value, actor, target, location=location, cls=cls)
    if m.all_of and metric.endswith("_intercepted"):
        add(f"{noun}_launched", m, m.num.value, actor, target, location=location, cls=cls)


def _aerial_direction(
    rs: ReadSentence,
    m: Mention,
    trigger: str | None,
    place: PlaceMention | None,
    ctx: _Context,
    source: str | None,
) -> tuple[str | None, str | None]:
    if m.nationality:
        return m.nationality, lx.other_party(m.nationality)
    if (m.anaphoric or m.whole_of is not None or (trigger == lx.INTERCEPT and m.cls is None)) and ctx.aerial:
        same = [f for f in ctx.aerial if f.cls == m.cls] or ctx.aerial
        return same[-1].actor, same[-1].target
    agent = _agent_after(rs, m) or _relative_launcher(rs, m)
    if agent:
        return agent, lx.other_party(
            agent
        )  # "98 drones launched by Russia", "47 drones that Russia launched"
    part = next((o for o in rs.mentions if o.whole_of is m), None)
    if part is not None and part.trigger is not None:
        trigger, m = part.trigger, part  # "destroyed 40 out of 47": who destroyed them is the target
    subject = _party_before(rs, m.trigger_at if m.trigger_at >= 0 else m.num.q, m.clause, source)
    if subject and trigger != lx.INTERCEPT:
        return subject, lx.other_party(subject)  # "Russian forces launched", even at a Russian launch site
    if place is not None:
        return lx.other_party(place.place.country), place.place.country
    if subject:
        return lx.other_party(subject), subject
    side = _side_of(source)
    if side and trigger == lx.INTERCEPT:
        return lx.other_party(side), side
    return "Russia", "Ukraine"


def _casualty_direction(
    rs: ReadSentence, m: Mention, place: PlaceMention | None, setting: PlaceMention | None
) -> tuple[str | None, str | None]:
    if m.nationality:
        return lx.other_party(m.nationality), m.nationality
    if place is not None:
        return lx.other_party(place.place.country), place.place.country
    subject = _party_before(rs, m.trigger_at if m.trigger_at >= 0 else m.num.q, m.clause)
    if subject:
        return subject, lx.other_party(subject)
    if setting is not None:  # the place the article is about ("Sokolin said the toll rose to two")
        return lx.other_party(setting.place.country), setting.place.country
    return "Russia", "Ukraine"


def _exchange(
    rs: ReadSentence,
    m: Mention,
    cls: str,
    low: str,
    has_civilians: bool,
    ctx: _Context,
    add: Any,
    source: str | None,
) -> None:
    trigger = m.trigger
    tokens = [t.low for t in rs.tokens]
    # an agreement that precedes the number ("agreed to exchange 1,000 each"), or a "N-for-N" deal
    after = tokens[m.head_end : m.head_end + 4]
    agreement = (
        any(w in lx.AGREEMENT_WORDS for w in tokens[: m.num.q])
        or (
            m.num.each_way
            and any(w in ("agreement", "deal", "accord") for w in tokens[m.num.j : m.num.j + 3])
        )
        or (after[:1] in (["that"], ["which"]) and any(w in ("agreed", "planned", "promised") for w in after))
    )
    if trigger is None:
        exchange_story = any(w in _EXCHANGE_NOUNS for w in tokens) or bool(ctx.exchange)
        if not exchange_story or not (m.each_way or agreement):
            return
        trigger = lx.RELEASE
    if trigger not in (lx.RELEASE, lx.RECEIVE, lx.RETURN):
        return
    word = tokens[m.trigger_at] if m.trigger is not None else ""
    done = word.endswith(("ed", "ing")) or word in ("brought", "came", "got", "took", "freed", "swapped")
    if m.future or (agreement and not done):
        add("prisoners_agreed", m, m.num.value, None, None)
        return
    if cls == lx.CIVILIAN:
        metric = "civilians_released"
    elif cls == lx.SOLDIER:
        metric = "soldiers_released"
    else:
        metric = "prisoners_released"
    if m.each_way or any(p in low for p in _BOTH_WAYS):
        add(metric, m, m.num.value, "Russia", "Ukraine")
        add(metric, m, m.num.value, "Ukraine", "Russia")
        return
    target = _exchange_target(rs, m, trigger, source)
    add(metric, m, m.num.value, lx.other_party(target), target)


def _exchange_target(rs: ReadSentence, m: Mention, trigger: str, source: str | None) -> str | None:
    """The side whose people came home."""
    if m.nationality:
        return m.nationality
    if rs.tokens[m.head_end - 1].low in ("defenders",):
        return "Ukraine"
    clause_text = " ".join(t.text for t, c in zip(rs.tokens, rs.clause_of, strict=True) if c == m.clause)
    found = _FROM_PARTY.search(clause_text)
    if found:
        return lx.other_party(lx.PARTY_WORDS[found.group("p").lower()])
    to = _TO_PARTY.search(clause_text)
    if to:
        return lx.PARTY_WORDS[to.group("p").lower()]  # "returned 120 servicemen to Ukraine"
    subject = _party_before(rs, m.trigger_at if m.trigger_at >= 0 else m.num.q, m.clause, source)
    if subject:
        transitive = trigger == lx.RELEASE or (trigger == lx.RETURN and 0 <= m.trigger_at < m.num.i)
        return lx.other_party(subject) if transitive else subject  # "Russia returned 95" vs "95 returned"
    return _side_of(source) or "Ukraine"


def _pointing(text: str, rs: ReadSentence, ctx: _Context, out: list[_Fact], add: Any) -> None:
    """Words that point back: "received the same number from Ukraine", "all of them were shot down"."""
    same = _SAME_NUMBER.search(text)
    earlier = [f for f in out if f.metric.endswith("_released")] if same else []
    before_same = same is not None and not any(m.num.start > same.start() for m in rs.mentions)
    if same and before_same and (earlier or ctx.exchange):
        after = text[same.end() :].lower()
        wanted = [
            w
            for w, key in (
                ("servicemen", "soldiers"),
                ("soldiers", "soldiers"),
                ("troops", "soldiers"),
                ("prisoners", "soldiers"),
                ("civilians", "civilians"),
            )
            if w in after[:60]
        ]
        antecedents = earlier or ctx.exchange
        if wanted:
            keys = {"soldiers" if w != "civilians" else "civilians" for w in wanted}
            antecedents = [f for f in antecedents if f.metric.split("_")[0] in keys] or antecedents
        found = _FROM_PARTY.search(text[same.end() :])
        for f in _unique_by_metric(antecedents):
            target = f.actor
            if found:
                target = lx.other_party(lx.PARTY_WORDS[found.group("p").lower()])
            add(f.metric, None, f.value, lx.other_party(target), target)
    if _ALL_INTERCEPTED.search(text) and not any(m.all_of for m in rs.mentions) and ctx.aerial:
        match = _ALL_INTERCEPTED.search(text)
        assert match is not None
        noun = (match.group("a") or match.group("b") or "").lower()
        launched = [f for f in ctx.aerial if f.metric.endswith("_launched")]
        if noun.startswith("missile"):
            launched = [f for f in launched if f.metric.startswith("missiles")]
        elif noun:
            launched = [f for f in launched if f.metric.startswith("drones")]
        if launched:
            f = launched[-1]
            metric = f.metric.replace("_launched", "_intercepted")
            add(metric, None, f.value, f.actor, f.target, weapon=f.weapon)
    if _THE_MISSILE.search(text):
        single = [f for f in ctx.aerial if f.metric == "missiles_launched" and f.value == 1]
        if single:
            f = single[-1]
            add("missiles_intercepted", None, 1, f.actor, f.target, weapon=f.weapon)


def _unique_by_metric(facts: list[_Fact]) -> list[_Fact]:
    seen: dict[str, _Fact] = {}
    for f in facts:
        seen.setdefault(f.metric, f)
    return list(seen.values())


def _relative_launcher(rs: ReadSentence, m: Mention) -> str | None:
    """ "47 drones that Russia launched", "drones Russia sent": the launcher in a relative clause."""
    low = [t.low for t in rs.tokens[m.head_end : m.head_end + 4]]
    if low[:1] in (["that"], ["which"]):
        low = low[1:]
    if (
        len(low) >= 2
        and low[0] in lx.PARTY_WORDS
        and (low[1],) in lx.TRIGGERS
        and lx.TRIGGERS[(low[1],)] == lx.LAUNCH
    ):
        return lx.PARTY_WORDS[low[0]]
    return None


def _agent_after(rs: ReadSentence, m: Mention) -> str | None:
    """The agent of a passive launch right after the count: "98 drones launched by Russia"."""
    if m.trigger_at < m.num.i:
        return None
    low = [t.low for t in rs.tokens[m.trigger_at + 1 : m.trigger_at + 4]]
    if low[:1] == ["by"] and len(low) > 1 and low[1] in lx.PARTY_WORDS:
        return lx.PARTY_WORDS[low[1]]
    return None


def _party_before(rs: ReadSentence, at: int, clause: int, source: str | None = None) -> str | None:
    """The nearest party named before token `at` in the same clause ("Russia fired", "Kyiv released")."""
    for k in range(min(at, len(rs.tokens)) - 1, -1, -1):
        w = rs.tokens[k].low
        if w == ":":
            clause = rs.clause_of[k - 1] if k > 0 else clause  # "five missiles: three Iskanders and ..."
            continue
        if rs.clause_of[k] != clause:
            break
        if w in lx.PARTY_WORDS:
            if k > 0 and rs.tokens[k - 1].low in _OBJECT_PREPOSITIONS:
                continue  # "an attack on Ukraine": the object, not the subject
            nxt = rs.tokens[k + 1].low if k + 1 < len(rs.tokens) else ""
            if w in ("russian", "ukrainian") and nxt not in _ACTING_NOUNS:
                continue  # "the Ukrainian port of Odesa": a place, not who acted
            if nxt in _SOURCE_NOUNS:
                continue  # "Kyiv said", "Kiev authorities reported": a source, not who acted
            return lx.PARTY_WORDS[w]
        if w in ("it", "its") and source:
            return _side_of(source)
    return None


def _side_of(source: str | None) -> str | None:
    if not source:
        return None
    s = source.lower()
    if "russia" in s or "moscow" in s or "kremlin" in s or "putin" in s:
        return "Russia"
    if "ukrain" in s or "zelensk" in s or "kyiv" in s or "coordination" in s or "general staff" in s:
        return "Ukraine"
    return None


def _place_for(rs: ReadSentence, m: Mention, places: list[PlaceMention], text: str) -> PlaceMention | None:
    """The place a number is tied to: the one right after it ("nine over Bryansk"), else the only
    place in the sentence."""
    if not places:
        return None
    following = _following_place(rs, m, places)
    if following is not None:
        return following
    if len(_distinct(places)) != 1:
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
        and _following_place(rs, o, [p])
        for o in rs.mentions
    ):
        return None  # "41 drones ..., including 27 over the Moscow region": the region is the 27's
    return p


def _distinct(places: list[PlaceMention]) -> set[str]:
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
        if len(between) <= 5 and between and any(w in _LOCATIVE for w in between):
            after = rs.tokens[
                next((i for i, t in enumerate(rs.tokens) if t.start >= p.end), len(rs.tokens)) :
            ]
            if (
                after
                and after[0].low in (",", "and")
                and any(q.start > p.end for q in places[:4] if q is not p)
            ):
                nxt = min((q for q in places if q.start > p.end), key=lambda q: q.start)
                if _PLACE_LIST_GAP.fullmatch(rs.text[p.end : nxt.start]):
                    return None  # "over the Bryansk, Oryol and Kursk regions": no single place
            return p
        return None
    return None


def _place_follows(rs: ReadSentence, m: Mention, place: PlaceMention | None) -> bool:
    return place is not None and _following_place(rs, m, [place]) is not None


class _Sources:
    """Who gave the numbers, sentence by sentence; worked out only for the sentences that need it."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self.sentences = sentences
        self.cache: dict[int, Attribution | None] = {}

    def named(self, i: int) -> Attribution | None:
        if i not in self.cache:
            text = self.sentences[i].text
            self.cache[i] = find_attribution(text) if _SPEECH.search(text) else None
        return self.cache[i]

    def source(self, i: int) -> str | None:
        """The source of sentence i; "it said" is the last institution named before it, "he said"
        the last person."""
        a = self.named(i)
        if a is None or not a.is_pronoun:
            return a.name if a else None
        wants_person = names_a_person(a.name)
        for j in range(i - 1, max(-1, i - 40), -1):
            b = self.named(j)
            if b is not None and not b.is_pronoun and looks_like_person(b.name) == wants_person:
                return b.name
        return None

    def plain(self, i: int) -> str | None:
        a = self.named(i)
        return a.name if a and not a.is_pronoun else None


def _fill_sources(
    sentences: list[Sentence], by_paragraph: dict[int, list[_Fact]], sources: _Sources | None
) -> None:
    """A fact with no source in its sentence takes the source named nearest in its paragraph."""
    assert sources is not None
    by_index = {id(s): i for i, s in enumerate(sentences)}
    source_of = sources.plain

    for facts in by_paragraph.values():
        for f in facts:
            if f.attributed_to is not None:
                continue
            i = by_index[id(f.sentence)]
            para = f.sentence.paragraph
            for j in (i - 1, i + 1, i - 2, i + 2):
                if 0 <= j < len(sentences) and sentences[j].paragraph == para and source_of(j):
                    f.attributed_to = source_of(j)
                    break
            else:  # the source named last before, a paragraph or two up
                f.attributed_to = next(
                    (source_of(j) for j in range(i - 1, max(-1, i - 5), -1) if source_of(j)), None
                )


def _merge_restated(facts: list[_Fact]) -> list[_Fact]:
    """A number restated for the same event is one fact; the title's copy yields to the body's."""
    kept: list[_Fact] = []
    for f in sorted(facts, key=lambda f: f.in_title):  # body first
        twin = next((k for k in kept if _same_fact(k, f)), None)
        if twin is None:
            kept.append(f)
            continue
        for attr in ("weapon", "location", "event_date", "attributed_to"):
            if getattr(twin, attr) is None and getattr(f, attr) is not None:
                setattr(twin, attr, getattr(f, attr))
    kept.sort(key=lambda f: f.sentence.start)
    return kept


def _same_fact(a: _Fact, b: _Fact) -> bool:
    if (a.kind, a.metric, a.value, a.value_max, a.actor, a.target) != (
        b.kind,
        b.metric,
        b.value,
        b.value_max,
        b.actor,
        b.target,
    ):
        return False
    if b.in_title:
        return True
    same_date = a.event_date is None or b.event_date is None or a.event_date == b.event_date
    same_place = a.location is None or b.location is None or a.location == b.location
    return same_date and same_place


def _row(f: _Fact) -> dict[str, Any]:
    return {
        "kind": f.kind,
        "metric": f.metric,
        "value": f.value,
        "value_max": f.value_max,
        "qualifier": f.qualifier,
        "actor": f.actor,
        "target": f.target,
        "weapon": f.weapon,
        "location": f.location,
        "event_date": f.event_date,
        "attributed_to": f.attributed_to,
        "evidence": f.sentence.text,
        "evidence_start": f.sentence.start,
        "evidence_end": f.sentence.end,
    }


def fact_id(article_id: str, row: dict[str, Any]) -> str:
    """A stable id: the same fact read from the same article gets the same id on every run."""
    key = "|".join(
        str(row[c])
        for c in (
            "kind",
            "metric",
            "value",
            "value_max",
            "actor",
            "target",
            "event_date",
            "location",
            "evidence_start",
        )
    )
    return hashlib.blake2b(f"{article_id}|{key}".encode(), digest_size=8).hexdigest()
