"""Numbers that belong together: partitives ("40 out of 47 drones"), coordinated lists and
breakdowns after a total share a verb, a nationality and a direction."""

from __future__ import annotations

import itertools

from ingest.extract import lexicon as lx
from ingest.extract.numbers import NUMBER_WORDS
from ingest.extract.sentence.model import Mention
from ingest.extract.sentence.weapons import weapon_of
from ingest.extract.text import Token, words

_COPULA = frozenset(["were", "are", "was"])
_COPULA_MODIFIERS = frozenset(
    [
        "attack",
        "strike",
        "kamikaze",
        "decoy",
        "imitator",
        "ballistic",
        "cruise",
        "guided",
        "long-range",
        "of",
        "the",
        "type",
    ]
)


def read_copula_subsets(
    tokens: list[Token], mentions: list[Mention], triggers: list[tuple[int, int, str]]
) -> None:
    """ "Of that number, 126 were attack drones and 17 were missiles", "about 45 were Shaheds":
    a bare number whose noun comes after "were" counts that noun; launched, when no verb of
    interception comes before it (a subset of the shot down is left alone)."""
    low = [t.low for t in tokens]
    for m in mentions:
        if (
            m.cls is not None
            or m.trigger is not None
            or low[m.head_end : m.head_end + 1] not in (["were"], ["are"])
        ):
            continue
        if any(t[2] == lx.INTERCEPT and t[0] < m.num.i for t in triggers):
            continue
        k, found = m.head_end + 1, []
        while k < len(low) and k <= m.head_end + 4:
            cls = lx.head_class(low[k])
            if low[k] in lx.WEAPONS or (low[k].endswith("s") and low[k][:-1] in lx.WEAPONS):
                found.append(low[k])
            if cls in (lx.DRONE, lx.MISSILE) and (k + 1 >= len(low) or lx.head_class(low[k + 1]) != cls):
                m.cls, m.head_end = cls, k + 1
                m.weapon = weapon_of(found, cls)
                m.trigger, m.trigger_at = lx.LAUNCH, m.num.i
                break
            if low[k] not in _COPULA_MODIFIERS and low[k] not in lx.WEAPONS and cls is None:
                break
            k += 1


_AMONG_THOSE = frozenset(words("those them the"))
_EXCHANGE = frozenset([lx.RELEASE, lx.RECEIVE, lx.RETURN])


def among_those_freed(
    tokens: list[Token], mentions: list[Mention], triggers: list[tuple[int, int, str]]
) -> None:
    """ "Among those freed are 190 servicemen of the army, the National Guard and the border
    service, and 15 civilians": the verb of the opening phrase governs every people count after
    "are", however long the items are."""
    low = [t.low for t in tokens]
    for k in range(len(low) - 3):
        if low[k] != "among" or low[k + 1] not in _AMONG_THOSE:
            continue
        verb = next((t for t in triggers if k + 1 < t[0] <= k + 3 and t[2] in _EXCHANGE), None)
        if verb is None or low[verb[1] : verb[1] + 1] not in (["are"], ["were"]):
            continue
        for m in mentions:
            if m.num.i > verb[1] and m.cls in lx.PEOPLE and m.trigger is None and not m.future:
                m.trigger, m.trigger_at = verb[2], verb[0]
        return


def verb_over_a_list(
    tokens: list[Token], mentions: list[Mention], triggers: list[tuple[int, int, str]]
) -> None:
    """ "shot down four guided aerial bombs, two HIMARS rockets and 198 drones": the verb before a
    list governs every item, also past an item we do not count (the bombs). Each item between the
    verb and the count starts with a number and holds no verb."""
    low = [t.low for t in tokens]
    starts = {t[1]: t for t in triggers if t[2] in (lx.LAUNCH, lx.INTERCEPT)}
    for m in mentions:
        if m.trigger is not None or m.cls not in (lx.DRONE, lx.MISSILE) or m.num.q < 2:
            continue
        if low[m.num.q - 1] not in (",", "and"):
            continue
        k, items = m.num.q - 1, 0
        while k > 0 and m.num.q - k < 30:
            if low[k] in (",", "and") and k + 1 < len(low) and not _starts_with_number(low[k + 1]):
                break  # an item that is no count: no list
            if low[k] in (",", "and"):
                items += 1
            k -= 1
            if k + 1 in starts and _starts_with_number(low[k + 1]) and items:
                verb = starts[k + 1]
                m.trigger, m.trigger_at = verb[2], verb[0]
                break
            if (low[k],) in lx.TRIGGERS or low[k] in (".", ";", ":", "said", "says"):
                break


def counts_by_place_elided(tokens: list[Token], mentions: list[Mention]) -> None:
    """ "Two people were injured in Bilozerka, and four in Dniprovske": a bare number and a place
    after a count of people with its verb and its own place; the verb and the noun are elided."""
    low = [t.low for t in tokens]
    for a, b in itertools.pairwise(mentions):
        if b.cls is not None or b.trigger is not None or low[b.head_end : b.head_end + 1] != ["in"]:
            continue
        if b.head_end + 1 >= len(tokens) or not tokens[b.head_end + 1].text[:1].isupper():
            continue
        if a.cls not in lx.PEOPLE or a.trigger not in (lx.KILL, lx.INJURE) or a.trigger_at < a.num.i:
            continue
        between = low[a.trigger_at + 1 : b.num.q]
        if "in" not in between[:3] or between[-2:] != [",", "and"] or any(w[:1].isdigit() for w in between):
            continue
        b.cls, b.trigger, b.trigger_at = a.cls, a.trigger, a.trigger_at


def _starts_with_number(w: str) -> bool:
    return w[:1].isdigit() or w in NUMBER_WORDS or w in ("a", "an", "one")


def link_partitives(tokens: list[Token], mentions: list[Mention]) -> None:
    """ "40 out of 47 drones" and "61 of 98 drones": the first is a part of the second."""
    low = [t.low for t in tokens]
    for a, b in itertools.pairwise(mentions):
        between = low[a.head_end : b.num.q]
        if a.cls is None and between in (
            ["out", "of"],
            ["of"],
            ["of", "the"],
            ["out", "of", "the"],
            ["from"],
        ):
            a.whole_of = b
            b.is_whole = True
            a.cls = b.cls
            a.weapon = b.weapon
            a.nationality = a.nationality or b.nationality


def share_triggers_in_lists(tokens: list[Token], mentions: list[Mention]) -> None:
    """ "270 Russian soldiers and 120 civilians have returned": coordinated numbers share a verb,
    a nationality ("270 Russian servicemen and 120 civilians") and a direction."""
    low = [t.low for t in tokens]
    groups: list[list[Mention]] = []
    for m in mentions:
        if groups:
            prev = groups[-1][-1]
            # "launched 410 drones overnight, as well as 27 missiles": a time word does not end a list
            between = _past_launch_site(
                _past_dashed_aside([w for w in low[prev.head_end : m.num.q] if w not in (",", "overnight")])
            )
            if between in (
                [],
                ["and"],
                ["all"],
                ["and", "all"],
                ["as", "well", "as"],
                ["plus"],
                ["along", "with"],
                ["and", "also"],
            ) and (prev.whole_of is not m):
                own_verb = m.head_end < len(low) and (
                    low[m.head_end] in ("were", "was", "had", "have", "has")
                    # "two dead, 11 injured, 34 residents evacuated": a participle of its own, no trigger
                    or _own_participle(low, m)
                )
                if not (own_verb and m.trigger is None):
                    groups[-1].append(m)  # "shot down 30, and 15 were lost": the 15 has a verb of its own
                    continue
        groups.append([m])
    _inherit_across_apposition(low, groups)
    _parallel_parts(low, mentions)
    for group in groups:
        if len(group) < 2:
            continue
        for m in group:
            m.grouped = True
        _main_verb_over_participle(group, mentions)
        with_trigger = [m for m in group if m.trigger]
        if not with_trigger:
            # "destroyed 21 out of 23 cruise missiles and two drones": the list goes on from a whole,
            # whose part's verb governs it
            parts = [
                o for o in mentions for w in group if o.whole_of is w and o.trigger and w is not group[-1]
            ]
            if parts and parts[0].trigger_at < parts[0].num.i:
                lender = parts[0]
                for m in group:
                    if m.trigger is None and lender.whole_of is not m and m.cls in (lx.DRONE, lx.MISSILE):
                        m.trigger, m.trigger_at, m.future = lender.trigger, lender.trigger_at, lender.future
        if with_trigger:
            # a verb before the list governs the list; a verb after it as well
            source = with_trigger[-1] if with_trigger[-1] is group[-1] else with_trigger[0]
            for m in group:
                if m.trigger is None:
                    m.trigger, m.trigger_at, m.future = source.trigger, source.trigger_at, source.future
        nationality = next((m.nationality for m in group if m.nationality), None)
        people = (lx.PERSON, lx.SOLDIER, lx.CIVILIAN)
        for m in group:
            if m.nationality is None and m.cls in people and nationality:
                m.nationality = nationality
        if any(m.cls == lx.CIVILIAN for m in group):
            for m in group:
                if m.cls == lx.PERSON and low[m.head_end - 1] in (
                    "prisoners",
                    "captives",
                    "pows",
                    "prisoner",
                ):
                    m.cls = lx.SOLDIER  # POWs set against civilians
        if any(m.each_way for m in group):
            for m in group:
                m.each_way = True
    # "598 drones ..., as well as 31 missiles, among them two Kinzhals": a total with a verb from its list
    _inherit_across_apposition(low, groups)


def _own_participle(low: list[str], m: Mention) -> bool:
    """ "34 residents evacuated": a participle right after the noun that is no verb we count."""
    after = low[m.head_end] if m.head_end < len(low) else ""
    return m.trigger is None and after.endswith("ed") and (after,) not in lx.TRIGGERS


def _past_dashed_aside(between: list[str]) -> list[str]:
    """ "139 servicemen - soldiers of the army and the navy - and 18 civilians": the words between
    two counts, less an aside in dashes that holds no number."""
    if not between or between[0] not in lx.DASHES:
        return between
    close = next((k for k in range(1, min(len(between), 16)) if between[k] in lx.DASHES), None)
    if close is None or any(w[:1].isdigit() for w in between[1:close]):
        return between
    return between[close + 1 :]


def _past_launch_site(between: list[str]) -> list[str]:
    """ "shot down eight rockets fired from HIMARS launchers and two Storm Shadow missiles": a
    participle saying where the first count came from does not end the list."""
    if len(between) < 4 or between[0] not in ("fired", "launched") or between[1] != "from":
        return between
    if between[-1] != "and" or len(between) > 9 or any(w[:1].isdigit() for w in between):
        return between
    return ["and"]


def _participle(m: Mention) -> bool:
    """Is the number's verb a launch participle after its noun ("16 drones launched overnight")?"""
    return m.trigger == lx.LAUNCH and m.trigger_at >= (m.whole_of or m).head_end


def _main_verb_over_participle(group: list[Mention], mentions: list[Mention]) -> None:
    """ "shot down all 28 missiles and 15 of 16 drones launched overnight", "downed 27 of 30
    drones and one ballistic missile launched by Russia": the verb before the list governs it; a
    participle after a later noun only says the weapons were launched."""
    first = group[0]
    if first.is_whole:  # "27 of 30 drones and ...": the verb is the part's
        first = next((p for p in mentions if p.whole_of is group[0]), first)
    if first.trigger != lx.INTERCEPT or first.trigger_at > first.num.i:
        return
    for m in group[1:]:
        if _participle(m):
            m.trigger, m.trigger_at, m.future = first.trigger, first.trigger_at, first.future


def _parallel_parts(low: list[str], mentions: list[Mention]) -> None:
    """ "shot down 47 of 63 missiles and five of 10 drones": the second part shares the first's verb."""
    parts = [m for m in mentions if m.whole_of is not None]
    for first, second in itertools.pairwise(parts):
        assert first.whole_of is not None
        between = [w for w in low[first.whole_of.head_end : second.num.q] if w != ","]
        if second.trigger is None and first.trigger is not None and between in ([], ["and"]):
            second.trigger, second.trigger_at = first.trigger, first.trigger_at


def _inherit_across_apposition(low: list[str], groups: list[list[Mention]]) -> None:
    """ "brought home 75 Ukrainians, 63 servicemen and 12 civilians": a breakdown after a comma
    shares the verb and nationality of the total before it."""
    people = (lx.PERSON, lx.SOLDIER, lx.CIVILIAN)
    for before, group in itertools.pairwise(groups):
        head = group[0]
        opener = low[head.num.q - 1] if head.num.q else ""
        if opener == "them" and low[head.num.q - 2 : head.num.q - 1] == ["among"]:
            # "27 missiles, among them three Kinzhals", "90 defenders came home, among them 12 marines"
            opener = "including"
        source = before[-1]
        # "destroyed 11 of the missiles, including five Kh-101s launched from bombers": still destroyed
        governed = source.trigger == lx.INTERCEPT and source.trigger_at < source.num.i
        if any(
            (m.trigger and not (governed and _participle(m))) or m.anaphoric for m in group
        ) or opener not in (
            ",",
            "—",
            "-",
            ":",
            "including",
        ):
            continue
        if any(_own_participle(low, m) for m in group):
            continue  # "11 injured, 34 residents evacuated": the 34 have a verb of their own
        kinds = people if source.cls in people else (source.cls,)
        if source.trigger is None or source.cls is None or any(m.cls not in kinds for m in group):
            continue
        for m in group:
            m.trigger, m.trigger_at, m.future = source.trigger, source.trigger_at, source.future
            m.nationality = m.nationality or source.nationality
