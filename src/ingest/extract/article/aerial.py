"""Drones and missiles: launched or intercepted, and who launched them at whom."""

from __future__ import annotations

import re

from ingest.extract import lexicon as lx
from ingest.extract.article.casualties import background
from ingest.extract.article.location import only_place_follows
from ingest.extract.article.model import Add, Context, Fact
from ingest.extract.article.parties import agent_after, party_before, relative_launcher, side_of
from ingest.extract.folded import Folded
from ingest.extract.places import PlaceMention, find_places
from ingest.extract.sentence.context import attack_context
from ingest.extract.sentence.model import Mention, ReadSentence
from ingest.extract.text import words

# A line of a tally after "destroyed 21 drones:": "7 – over the territory of the Smolensk region,"
LIST_LINE = re.compile(
    r"\s*(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s*[–—-]\s+\w", re.I
)


def read_list_line(m: Mention, place: PlaceMention | None, head: Fact, add: Add) -> None:
    """A line of a tally: the count of the total's weapon, verb and direction over the line's place."""
    if place is None or m.trigger is not None or m.cls not in (None, head.cls):
        return
    location = place.place.name
    add(
        head.metric,
        m,
        m.num.value,
        head.actor,
        head.target,
        location=location,
        cls=head.cls,
        rule="aerial.tally_line",
    )


# A weapon that is the subject of one of these hit something: it was launched ("a Russian missile
# struck a theatre", "three drones hit an office building", "two drones that crashed near Moscow").
# It is counted also after the article's tally of the attack ("Russia launched 18 drones ... a
# drone destroyed a barn"): the real reports' gold reads the impact as a number of its own.
_IMPACT = frozenset(
    words(
        "hit hits struck strikes fell falls crashed crashes slammed exploded landed smashed damaged destroyed"
        " attacked dropped"
    )
)
# verbs that need an object right after them to be an impact: "a drone destroyed a barn", "a
# drone dropped explosives on a car"; not "12 drones destroyed overnight", "drones dropped by half"
_NEEDS_OBJECT = frozenset(words("destroyed attacked dropped"))
_IMPACT_FILLERS = frozenset(words("that which had has have also reportedly apparently then later"))
_OBJECT_START = frozenset(
    words(
        "a an the its their several two three four five into on explosives explosive grenades munitions bombs"
    )
)
# hits counted over many places: no launch count, and no place to give one
_HITS_AT_SEVERAL = Folded(
    r"\b(?:hit|struck)\s+targets\b|\bat\s+(?:\d+|[a-z]+)\s+(?:locations|sites|places)\b"
)
# what ships or launchers could fire, not what they fired
_CAPACITY = re.compile(r"\b(?:total\s+salvo|salvo\s+of\s+up\s+to|on\s+combat\s+duty)\b", re.IGNORECASE)
# "a house damaged by a drone", "the block was hit by an Iskander-M": a weapon after "by" one of these
_STRUCK_BY = frozenset(words("hit struck damaged targeted attacked killed injured wounded"))
# "Russia hit a minibus with an FPV drone", "struck Kharkiv using a Molniya-type UAV": the weapon
# after "with"/"using" in a clause whose verb is one of these
_STRUCK_WITH = frozenset(words("hit hits struck strikes attacked attacks targeted targets"))


def _impact_at(rs: ReadSentence, m: Mention) -> bool:
    """Is the counted weapon the subject of an impact verb right after its noun phrase?"""
    low = [t.low for t in rs.tokens]
    k = m.head_end
    while k < len(low) and low[k] in _IMPACT_FILLERS and k < m.head_end + 2:
        k += 1
    if k >= len(low) or low[k] not in _IMPACT:
        return False
    if (m.trigger is not None and m.trigger_at != k) or m.anaphoric or m.all_of:
        return False  # "eleven of the drones crashed": a part of a tally
    if any(t[2] in (lx.LAUNCH, lx.INTERCEPT) and t[0] != k and not _of_it(low, t[0]) for t in rs.triggers):
        return False  # "... were shot down, while five missiles and 24 drones hit targets": a part
    if low[k] in _NEEDS_OBJECT:  # "a drone destroyed a barn"; not "12 drones destroyed overnight"
        return k + 1 < len(low) and low[k + 1] in _OBJECT_START
    return True


def _struck_with(rs: ReadSentence, m: Mention) -> bool:
    """Is the counted weapon what something was hit by or with ("damaged by a drone", "Russia hit
    a bus with an FPV drone")? Not a part of a tally, and no launch or intercept verb of its own."""
    low = [t.low for t in rs.tokens]
    q = m.num.q
    if q < 2 or m.anaphoric or m.all_of or m.trigger is not None:
        return False
    if low[q - 1] == "by":
        return low[q - 2] in _STRUCK_BY
    if low[q - 1] not in ("with", "using"):
        return False
    verbs = [
        k
        for k in range(max(0, q - 10), q - 1)
        if low[k] in _STRUCK_WITH and rs.clause_of[k] == rs.clause_of[q]
    ]
    if not verbs:
        return False
    between = low[verbs[-1] + 1 : q - 1]
    return not any(w in (",", ";", "and", "while", "as") or w[:1].isdigit() for w in between)


def _of_it(low: list[str], k: int) -> bool:
    """Is the verb at k said of "it" ("hit a house after it was intercepted"): the same weapon?"""
    return low[max(0, k - 3) : k] in (["it", "had", "been"], ["it", "has", "been"]) or low[
        max(0, k - 2) : k
    ] == [
        "it",
        "was",
    ]


def read_aerial(
    rs: ReadSentence,
    m: Mention,
    cls: str,
    place: PlaceMention | None,
    ctx: Context,
    add: Add,
    source: str | None,
    rule: str | None = None,
) -> None:
    noun = "drones" if cls == lx.DRONE else "missiles"
    if m.num.q >= 2 and [t.low for t in rs.tokens[m.num.q - 2 : m.num.q]] == ["all", "but"]:
        _all_but(rs, m, cls, noun, place, ctx, add, source)
        return
    if _HITS_AT_SEVERAL.search(rs.text) and m.trigger is None:
        return  # "Eleven missiles and 21 drones hit targets at 14 locations": hits, not a launch
    if not m.is_whole and m.whole_of is None and (_impact_at(rs, m) or _struck_with(rs, m)):
        # "a missile hit an open area" after "Russia launched four missiles" is one of those four
        where = place
        if (
            where is None
        ):  # "In the Krasnodar region, ... fragments of a drone damaged a warehouse in Temryuk"
            found = [p for p in find_places(rs.text) if p.place.country]
            where = found[0] if len({p.place.country for p in found}) == 1 else None
        actor, target = _aerial_direction(rs, m, lx.LAUNCH, where, ctx, source)
        if m.nationality is None and background(rs.text, ctx) and party_before(rs, m.num.q, m.clause) is None:
            actor, target = None, None  # "In March 2022, a Tochka-U missile struck the city": no side named
        location = place.place.name if place else None
        if where is None and ctx.place is not None:  # "Missiles struck Sumy. Two hit a school.": Sumy
            location = ctx.place.place.name
        add(
            f"{noun}_launched",
            m,
            m.num.value,
            actor,
            target,
            location=location,
            cls=cls,
            rule="aerial.impact",
        )
        return
    trigger = m.trigger
    if m.num.article and not m.grouped and (m.trigger is None or m.trigger_at > m.num.i):
        return  # "a Ukrainian drone attacked a tractor": a drone, not a count of them
    if m.trigger is None and m.num.value_max is None and not m.is_whole:
        earlier = [p for p in rs.mentions if p.cls == cls and p is not m and p.trigger and p.num.i < m.num.i]
        if earlier and only_place_follows(rs, m, place):
            trigger = earlier[-1].trigger  # per-region breakdown inherits the total's verb
        elif any(t[2] == lx.INTERCEPT for t in rs.triggers) and not any(
            t[2] == lx.LAUNCH for t in rs.triggers
        ):
            trigger = lx.INTERCEPT if only_place_follows(rs, m, place) else None
    if (
        m.all_of
        and trigger != lx.INTERCEPT
        and any(t[2] == lx.INTERCEPT and t[0] > m.num.i for t in rs.triggers)
    ):
        trigger = lx.INTERCEPT  # "All 12 drones that Russia launched ... were shot down"
    if (
        trigger is None
        and m.cls is None
        and not rs.triggers
        and ctx.aerial
        and only_place_follows(rs, m, place)
    ):
        head = ctx.aerial[
            -1
        ]  # "It listed 17 over the Moscow region, nine over ...": the tally before, by place
        if head.cls == cls and place is not None:
            add(
                head.metric,
                m,
                m.num.value,
                head.actor,
                head.target,
                location=place.place.name,
                cls=cls,
                rule="aerial.tally_by_place",
            )
        return
    if m.is_whole:
        metric = f"{noun}_launched"
    elif trigger == lx.INTERCEPT:
        metric = f"{noun}_intercepted"
    elif _CAPACITY.search(rs.text):
        return  # "four carriers on combat duty, with a total salvo of up to 16 Kalibrs": what they could fire
    elif trigger == lx.LAUNCH or attack_context(rs.tokens) or any(t[2] == lx.LAUNCH for t in rs.triggers):
        metric = f"{noun}_launched"
    elif trigger is None and (
        _LAUNCH_BREAKDOWN.match(rs.text) or _in_aside_after_whole(rs, m) or _types_of_a_count(rs, m, ctx)
    ):
        metric = f"{noun}_launched"  # "The missiles included 61 Kh-101s, 24 Kalibrs ...": the launch by type
    else:
        return
    actor, target = _aerial_direction(rs, m, trigger, place, ctx, source)
    location = place.place.name if place else None
    if rule is None:
        rule = (
            "aerial.whole"
            if m.is_whole
            else "aerial.intercepted"
            if trigger == lx.INTERCEPT
            else "aerial.launched"
        )
    add(metric, m, m.num.value, actor, target, location=location, cls=cls, rule=rule)
    if m.all_of and metric.endswith("_intercepted"):
        add(
            f"{noun}_launched",
            m,
            m.num.value,
            actor,
            target,
            location=location,
            cls=cls,
            rule="aerial.all_of",
        )


# "The missiles included 61 Kh-101 ...", "The barrage comprised ...": the attack's weapons by type
_LAUNCH_BREAKDOWN = re.compile(
    r"^\W*(?:the|these|those)\s+(?:missiles|drones|uavs|rockets|weapons|attack|barrage|strike|salvo)\s+"
    r"(?:included|includes|include|comprised|consisted of|were made up of)\b",
    re.IGNORECASE,
)


def _types_of_a_count(rs: ReadSentence, m: Mention, ctx: Context) -> bool:
    """ "The air force later gave a full count: 423 drones and 41 missiles, including 29 Kh-101s
    and eight Iskander-Ms": after the attack's tally, the types of a count with no verb were launched."""
    listed_after = m.grouped and any(
        o.included and o.grouped and o.cls == m.cls and o.num.i < m.num.i for o in rs.mentions
    )
    return (m.included or listed_after) and not rs.triggers and bool(ctx.aerial) and count_before(rs, m)


def count_before(rs: ReadSentence, m: Mention) -> bool:
    """Does the sentence count m's weapons before m, as a whole rather than as one of its types?"""
    return any(o.cls == m.cls and not o.included and o.num.i < m.num.i for o in rs.mentions)


def _in_aside_after_whole(rs: ReadSentence, m: Mention) -> bool:
    """ "Of the 16 missiles - 10 Iskander-Ms and six Kh-101s - 13 were destroyed": the types of
    the whole, in dashes right after it, were launched."""
    low = [t.low for t in rs.tokens]
    for w in rs.mentions:
        if (
            not w.is_whole
            or w.num.i > m.num.i
            or low[w.head_end : w.head_end + 1] not in ([d] for d in lx.DASHES)
        ):
            continue
        close = next((k for k in range(w.head_end + 1, len(low)) if low[k] in lx.DASHES), None)
        return close is not None and w.head_end < m.num.q and m.head_end <= close
    return False


def _all_but(
    rs: ReadSentence,
    m: Mention,
    cls: str,
    noun: str,
    place: PlaceMention | None,
    ctx: Context,
    add: Add,
    source: str | None,
) -> None:
    """ "launched 20 drones ... and destroyed all but one": intercepted = launched less the one."""
    if m.trigger != lx.INTERCEPT or m.cls not in (None, cls):
        return
    launched = [
        o
        for o in rs.mentions
        if o.num.i < m.num.i and o.cls == cls and o.trigger == lx.LAUNCH and not o.included
    ]
    if len(launched) != 1 or launched[0].num.value_max is not None or launched[0].num.value <= m.num.value:
        return
    whole = launched[0]
    actor, target = _aerial_direction(rs, whole, lx.LAUNCH, place, ctx, source)
    location = place.place.name if place else None
    value = whole.num.value - m.num.value
    add(f"{noun}_intercepted", m, value, actor, target, location=location, cls=cls, rule="aerial.all_but")


def _aerial_direction(
    rs: ReadSentence,
    m: Mention,
    trigger: str | None,
    place: PlaceMention | None,
    ctx: Context,
    source: str | None,
) -> tuple[str | None, str | None]:
    if m.nationality:
        return m.nationality, lx.other_party(m.nationality)
    last = ctx.aerial[-1] if ctx.aerial else None
    if (
        (m.cls is None or m.each_way)
        and place is not None
        and last is not None
        and last.sentence.text == rs.text
    ):
        return last.actor, last.target  # "..., four over the Black Sea": a part of the same tally
    if (m.anaphoric or m.whole_of is not None or (trigger == lx.INTERCEPT and m.cls is None)) and ctx.aerial:
        same = [f for f in ctx.aerial if f.cls == m.cls] or ctx.aerial
        return same[-1].actor, same[-1].target
    passive = agent_after(rs, m)
    if passive and trigger == lx.INTERCEPT and m.trigger == lx.INTERCEPT:
        return lx.other_party(passive), passive  # "six rockets were intercepted by Russian air defences"
    agent = passive or relative_launcher(rs, m)
    if agent:
        return agent, lx.other_party(
            agent
        )  # "98 drones launched by Russia", "47 drones that Russia launched"
    part = next((o for o in rs.mentions if o.whole_of is m), None)
    if part is not None and part.trigger is not None:
        trigger, m = part.trigger, part  # "destroyed 40 out of 47": who destroyed them is the target
    at = m.trigger_at if m.trigger_at >= 0 else m.num.q
    # "launched five missiles: three Iskanders and two Kh-59s": the subject is the verb's, before the colon
    clause = rs.clause_of[at] if m.trigger_at >= 0 else m.clause
    subject = party_before(rs, at, clause, source)
    if subject and trigger != lx.INTERCEPT:
        return subject, lx.other_party(subject)  # "Russian forces launched", even at a Russian launch site
    if place is not None and place.place.country:  # a sea is nobody's
        return lx.other_party(place.place.country), place.place.country
    if subject:
        return lx.other_party(subject), subject
    side = side_of(source)
    if side and trigger == lx.INTERCEPT:
        return lx.other_party(side), side
    if any(rs.tokens[k].low == "enemy" and rs.clause_of[k] == clause for k in range(min(at, len(rs.tokens)))):
        where = ctx.place or ctx.setting  # "the enemy used 47 drones", told of the Belgorod region: Ukraine's
        home = side_of(source) or (where.place.country if where is not None else None)
        if home:
            return lx.other_party(home), home
    if last is not None and last.actor is not None:
        return last.actor, last.target  # nothing in the sentence says: the article's attack so far
    return "Russia", "Ukraine"


def inherit_launch_weapon(facts: list[Fact]) -> list[Fact]:
    """ "Russia launched 20 Shahed drones ...; 17 were shot down": an interception that names no
    weapon is of the subtype of its attack's launch (same class, day and direction) when every
    launched count of that attack names one and the same subtype."""
    for f in facts:
        if f.weapon is not None or not f.metric.endswith("_intercepted"):
            continue
        launched = f.metric.replace("_intercepted", "_launched")
        same = [
            g
            for g in facts
            if g.metric == launched
            and (g.event_date, g.actor, g.target) == (f.event_date, f.actor, f.target)
            and g.kind == f.kind
        ]
        named = {g.weapon for g in same if g.weapon}
        if len(named) != 1:
            continue
        weaponed = {g.value for g in same if g.weapon}
        if all(g.weapon or g.value in weaponed for g in same):  # a bare restatement ("20 drones") is the same
            f.weapon = next(iter(named))
    return facts


def inherit_attack_model(facts: list[Fact]) -> list[Fact]:
    """The subtype an attack's other facts agree on, for a count that names none.

    Drones: "17 attack drones" of an attack whose every drone fact that names a model names the
    Shahed is of Shaheds. Missiles: "one ballistic missile" shot down of "one Iskander-M" launched
    is the Iskander-M, where the counts match and the model is of the stated class."""
    for f in facts:
        if f.kind != "aerial_attack" or (f.weapon is not None and f.weapon not in _CLASS_OF_MODEL.values()):
            continue
        same = [
            g
            for g in facts
            if g is not f
            and g.kind == f.kind
            and g.metric.split("_")[0] == f.metric.split("_")[0]
            and (g.event_date, g.actor, g.target) == (f.event_date, f.actor, f.target)
        ]
        if f.metric.startswith("drones") and f.weapon is None:
            named = {g.weapon for g in same if g.weapon}
            # "40 drones, including 30 Shaheds; 35 were downed": neither the 40 nor the 35 are all Shaheds
            pool = [*same, f]
            mixed = any(
                g.weapon and not h.weapon and g.metric == h.metric and g.value < h.value
                for g in pool
                for h in pool
            )
            if len(named) == 1 and not mixed:
                f.weapon = next(iter(named))
        elif f.metric.startswith("missiles"):
            models = {
                g.weapon
                for g in same
                if g.value == f.value
                and g.metric != f.metric
                and g.weapon in _CLASS_OF_MODEL
                and (f.weapon is None or _CLASS_OF_MODEL[g.weapon] == f.weapon)
            }
            if len(models) == 1:
                f.weapon = next(iter(models))
    return facts


# the class each missile model belongs to ("one ballistic missile" may be the "one Iskander-M")
_CLASS_OF_MODEL = {
    "Iskander-M": "ballistic missile",
    "Iskander-M/KN-23": "ballistic missile",
    "KN-23": "ballistic missile",
    "Kinzhal": "ballistic missile",
    "Iskander": "ballistic missile",
    "Tochka-U": "ballistic missile",
    "ATACMS": "ballistic missile",
    "Kh-101": "cruise missile",
    "Kh-555": "cruise missile",
    "Kalibr": "cruise missile",
    "Iskander-K": "cruise missile",
    "Storm Shadow": "cruise missile",
    "Neptune": "cruise missile",
    "Kh-59": "guided missile",
    "Kh-69": "guided missile",
    "Kh-59/69": "guided missile",
    "Kh-31P": "guided missile",
    "S-300": "guided missile",
    "S-400": "guided missile",
}


_EW = frozenset(["suppressed", "jammed", "lost", "electronic", "locationally", "suppression", "jamming"])
_SHOT = frozenset(["shot", "destroyed", "downed", "intercepted"])


def lost_to_electronic_warfare(rs: ReadSentence, m: Mention, before: list[Fact]) -> bool:
    """ "14 were destroyed ... and 11 were suppressed by electronic warfare": the 11 are no
    interception when the shot down are counted apart, in the sentence or in the article's tally
    before it ("A further 38 were locationally lost"; FACTS.md: lost, jammed, suppressed), and no
    launch either; "shot down or suppressed 61" stays one intercepted count."""
    low = [t.low for t in rs.tokens]
    after = low[m.num.j : m.num.j + 7]
    cut = next((i for i, w in enumerate(after) if w in (",", ";", "and", "while", "but")), len(after))
    words = after[:cut]
    if (
        not _EW.intersection(words)
        or any(w in _SHOT for w in words)
        or "or" in low[max(0, m.num.q - 3) : m.num.q]
    ):
        return False
    if any(f.metric.endswith("_intercepted") for f in before):
        return True
    return any(
        o is not m and o.trigger == lx.INTERCEPT and not _EW.intersection(low[o.num.j : o.num.j + 6][:4])
        for o in rs.mentions
    )
