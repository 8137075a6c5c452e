"""Prisoner exchanges: who was released, by whom, to whom; agreements and two-way swaps."""

from __future__ import annotations

import re

from ingest.extract import lexicon as lx
from ingest.extract.article.model import Add, Context
from ingest.extract.article.parties import party_before, side_of
from ingest.extract.places import find_places
from ingest.extract.sentence.context import is_war_long
from ingest.extract.sentence.model import Mention, ReadSentence

# "from Russia", "held by Kyiv", "from Ukrainian captivity"; an adjective only before a word of
# holding ("from the Ukrainian territorial defence forces" says whose they are, not who held them)
FROM_PARTY = re.compile(
    r"\b(?:from|by|in|controlled by|held by)\s+(?:the\s+)?(?:territory controlled by\s+|captivity in\s+)?"
    r"(?:(?P<p>russia|ukraine|kyiv|kiev|moscow)(?:'s|’s)?\b(?:\s+(?:captivity|side|custody))?"
    r"|(?P<a>russian|ukrainian)(?=[\s-]+(?:captivity|side|custody|prisons?|jails?|controlled|held|territory)\b))",
    re.IGNORECASE,
)


def from_party(text: str) -> str | None:
    """The party that held the prisoners, named after from/by/in ("from Ukrainian captivity")."""
    found = FROM_PARTY.search(text)
    if found is None:
        return None
    return lx.PARTY_WORDS[(found.group("p") or found.group("a")).lower()]


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


_TO_PARTY = re.compile(r"\bto (?:officials in |the )?(?P<p>russia|ukraine|kyiv|moscow)\b", re.IGNORECASE)


_EXCHANGE_NOUNS = frozenset(
    ["exchange", "swap", "swaps", "exchanges", "pow", "pows", "prisoner", "prisoners"]
)


# verbs whose subject is both sides: "Moscow and Kyiv swapped 218 prisoners" counts both ways
_SWAP_VERBS = frozenset(
    "exchange exchanged exchanging exchanges swap swapped swapping swaps trade traded".split()
)


_CHILDREN = frozenset("children child minors kids teenagers boys girls babies orphans".split())


_CAPTIVITY = frozenset(
    "prisoner prisoners pow pows captive captives captivity exchange exchanged swap swapped detainees".split()
)


def combined_total(rs: ReadSentence, m: Mention) -> bool:
    """A two-way total stated once ("Moscow, Kyiv swap 218 prisoners", "exchanging a total of 218
    detainees", "214 people in total"): no side's number, so no fact (FACTS.md)."""
    if m.each_way or m.nationality or m.trigger_at < 0 or m.cls not in lx.PEOPLE:
        return False
    low = [t.low for t in rs.tokens]
    if low[m.trigger_at] not in _SWAP_VERBS:
        return False
    if "for" in low[m.head_end : m.head_end + 8] or "each" in low[m.head_end : m.head_end + 3]:
        return False  # "swapped 95 soldiers for an equal number", "214 in total, 107 each" (the 107)
    total = low[max(0, m.num.q - 2) : m.num.q] == ["total", "of"] or low[m.head_end : m.head_end + 2] == [
        "in",
        "total",
    ]
    sides = {lx.PARTY_WORDS[w] for w in low[: m.trigger_at] if w in lx.PARTY_WORDS}
    both = len(sides) == 2 or any(
        w in ("sides", "countries") for w in low[max(0, m.trigger_at - 3) : m.trigger_at]
    )
    return total or both


def part_of_combined(rs: ReadSentence, m: Mention) -> bool:
    """ "swap 218 prisoners, including 108 Ukrainian women": a part with a side is that side's number."""
    if not m.included or m.nationality is None or m.cls not in lx.PEOPLE:
        return False
    wholes = [o for o in rs.mentions if o.num.i < m.num.i and not o.included and o.cls in lx.PEOPLE]
    return bool(wholes) and combined_total(rs, wholes[-1])


_STAGES = frozenset(["stage", "phase", "part", "round", "half"])
_NOT_PEOPLE_RECEIVED = frozenset(
    "assistance aid help treatment care medical food shelter compensation payments psychological humanitarian "
    "support hot first".split()
)


def read_exchange(
    rs: ReadSentence,
    m: Mention,
    cls: str,
    low: str,
    has_civilians: bool,
    ctx: Context,
    add: Add,
    source: str | None,
) -> None:
    trigger = m.trigger
    tokens = [t.low for t in rs.tokens]
    # an agreement that precedes the number ("agreed to exchange 1,000 each"), or a "N-for-N" deal
    after = tokens[m.head_end : m.head_end + 4]
    agreed_at = [k for k, w in enumerate(tokens[: m.num.q]) if w in lx.AGREEMENT_WORDS]
    # "Under the agreement, which envisages 1,200 each, Kyiv received 310": a release done since
    done_at = [
        t[0]
        for t in rs.triggers
        if agreed_at
        and agreed_at[-1] < t[0] < m.num.q
        and t[2] in (lx.RELEASE, lx.RECEIVE, lx.RETURN)
        and tokens[t[0]] in ("received", "returned", "released", "freed", "exchanged", "swapped", "brought")
    ]
    done_since = bool(done_at)
    agreement = (
        (bool(agreed_at) and not done_since)
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
    if (
        trigger == lx.RECEIVE
        and m.trigger_at == m.head_end
        and tokens[m.head_end + 1 : m.head_end + 2]
        and (tokens[m.head_end + 1] in _NOT_PEOPLE_RECEIVED)
    ):
        return  # "about 120 people received assistance": help, not people handed over
    if rs.tokens[m.head_end - 1].low in _CHILDREN and _CAPTIVITY.isdisjoint(tokens):
        return  # "Russia returned six children to Ukraine": deported children, not prisoners
    word = tokens[m.trigger_at] if m.trigger is not None else ""
    done = word.endswith(("ed", "ing")) or word in ("brought", "came", "got", "took", "freed", "swapped")
    # "the first stage of a 500-for-500 swap": the size of the whole deal, of which a stage was done
    staged = m.num.each_way and any(
        w in _STAGES and tokens[k + 1 : k + 2] == ["of"]
        for k, w in enumerate(tokens[: m.num.q])
        if k >= m.num.q - 4
    )
    if m.future or (agreement and not done) or staged:  # "pledged to swap at least 1,000": the agreed size,
        # no period total and no two-way total either
        add("prisoners_agreed", m, m.num.value, None, None, rule="exchange.agreed", cumulative=False)
        return
    if combined_total(rs, m):
        return
    if cls == lx.CIVILIAN:
        metric = "civilians_released"
    elif cls == lx.SOLDIER:
        metric = "soldiers_released"
    else:
        metric = "prisoners_released"
    part = low[low.rfind(";", 0, m.num.start) + 1 :]  # "115 come home; 3,500 freed since 2022"
    war_long = is_war_long(
        part[: part.find(";")] if ";" in part else part
    )  # "3,135 POWs have been freed so far"
    # the words that say both sides, past an agreement the release was done under
    both_scope = low[rs.tokens[done_at[0]].start :] if done_at else low
    if m.each_way or (m.nationality is None and any(p in both_scope for p in _BOTH_WAYS)):
        for side in ("Russia", "Ukraine"):
            add(
                metric,
                m,
                m.num.value,
                side,
                lx.other_party(side),
                rule="exchange.each_way",
                cumulative=war_long,
            )
        return
    target = _exchange_target(rs, m, trigger, source)
    rule = "exchange.second_side" if m.nationality is None and _after_for(rs, m) else "exchange.one_way"
    if war_long:
        add(metric, m, m.num.value, lx.other_party(target), target, rule=rule, cumulative=True)
    else:
        add(metric, m, m.num.value, lx.other_party(target), target, rule=rule)


# "Our people are back." then "207 of them.": the count points back to the people home
_BACK = re.compile(
    r"\bour\s+(?P<who>people|soldiers|servicemen|defenders|guys|heroes|warriors|prisoners|citizens|men)\s+"
    r"(?:are|were|have come|came|have returned|returned)\s+(?:back|home)\b",
    re.IGNORECASE,
)
_FRAGMENT = re.compile(r"^\W*[\d,]+\s+of\s+them\b[^\d]*$", re.IGNORECASE)
_COMBATANTS = frozenset("soldiers servicemen defenders warriors".split())


def back_fragment(text: str, previous: str) -> bool:
    """Is the sentence only "N of them." after "Our people are back."?"""
    return len(text) <= 60 and _FRAGMENT.match(text) is not None and _BACK.search(previous) is not None


def read_people_back(m: Mention, previous: str, add: Add, source: str | None) -> None:
    """ "Our people are back. 207 of them.": the speaker's side got N of its people back."""
    found = _BACK.search(previous)
    side = side_of(source)
    if found is None or side is None or m.trigger is not None:
        return
    metric = "soldiers_released" if found.group("who").lower() in _COMBATANTS else "prisoners_released"
    add(metric, m, m.num.value, lx.other_party(side), side, rule="exchange.people_back")


# "Among them are 139 servicemen and 18 civilians", "Those freed include 12 marines": the sentence
# breaks down the people of the exchange the sentence before counted
_BREAKDOWN = re.compile(
    r"^\W*(?:among (?:them|those|the freed|the returnees)|they include[ds]?|they included|these include[ds]?"
    r"|those (?:freed|released|returned)(?: \w+)? include[ds]?)\b",
    re.IGNORECASE,
)


# "We are bringing 390 people home. 270 military and 120 civilians.": counts of people, no verb
_COUNT_OF_PEOPLE = r"\d[\d,]*\s+(?:military|servicemen|soldiers|service members|defenders|civilians|pows)"
_ONLY_COUNTS = re.compile(rf"^\W*{_COUNT_OF_PEOPLE}(?:\s*(?:,|and)\s*{_COUNT_OF_PEOPLE})*\W*$", re.IGNORECASE)


def breakdown_of_previous(text: str) -> bool:
    said = _SAID_AFTER.search(text)  # '270 military and 120 civilians," he wrote.': the quote only
    quote = text[: said.start()] if said else text
    return _BREAKDOWN.match(text) is not None or (len(quote) < 90 and _ONLY_COUNTS.match(quote) is not None)


_SAID_AFTER = re.compile(r"[,.]?[\"”’']\s*,?\s+\S+(?:\s+\S+){0,3}\s+(?:said|wrote|added|posted|says)\b")


def read_breakdown(m: Mention, ctx: Context, add: Add) -> None:
    """A count of soldiers or civilians among the people the last exchange sentence counted: the
    same direction. Other counts in such a sentence (ages, "five women") are no fact."""
    if m.cls not in (lx.SOLDIER, lx.CIVILIAN) or m.num.value_max is not None:
        return
    wholes = [f for f in ctx.exchange if f.metric in ("prisoners_released", "soldiers_released")]
    if not wholes or len({(f.actor, f.target) for f in wholes}) != 1:
        return  # no whole, or one per side: whose the part is, the sentence does not say
    whole = wholes[-1]
    if whole.target is None or (m.nationality is not None and m.nationality != whole.target):
        return
    if m.num.value > whole.value:
        return
    metric = "civilians_released" if m.cls == lx.CIVILIAN else "soldiers_released"
    add(metric, m, m.num.value, whole.actor, whole.target, rule="exchange.breakdown")


def _after_for(rs: ReadSentence, m: Mention) -> bool:
    """ "in exchange for 100 Ukrainians", "swapped 270 soldiers for 270 soldiers": the second side."""
    return 0 <= m.trigger_at < m.num.i and "for" in [t.low for t in rs.tokens[m.trigger_at : m.num.i]]


def _home_region(rs: ReadSentence, m: Mention) -> str | None:
    """ "14 civilians from the Kursk region": the country of a region named right after the people."""
    low = [t.low for t in rs.tokens]
    if m.cls != lx.CIVILIAN or low[m.head_end : m.head_end + 1] != ["from"]:
        return None
    start = rs.tokens[m.head_end].end
    end = rs.tokens[min(len(rs.tokens) - 1, m.head_end + 5)].end
    found = find_places(rs.text[start:end])
    if not found:
        return None
    before = rs.text[start : start + found[0].start].strip().lower()
    if before in ("russia's", "russia’s", "ukraine's", "ukraine’s"):
        return "Russia" if before.startswith("russia") else "Ukraine"  # "from Russia's Kursk region"
    return found[0].place.country if before in ("", "the") else None


_AMONG_PEOPLE = re.compile(r"\bamong (?:the|those) (?P<p>ukrainians|russians)\b")


def _exchange_target(rs: ReadSentence, m: Mention, trigger: str, source: str | None) -> str | None:
    """The side whose people came home."""
    if m.nationality:
        return m.nationality
    if _after_for(rs, m):
        first = [o for o in rs.mentions if o.num.i < m.num.i and o.cls in lx.PEOPLE and o.trigger]
        if first:  # "swapped 270 soldiers for 270 soldiers": the second count is the other side's
            return lx.other_party(_exchange_target(rs, first[-1], first[-1].trigger or trigger, source))
    whole = next(
        (
            o
            for o in reversed(rs.mentions)
            if o.num.i < m.num.i and o.cls in lx.PEOPLE and not o.included and o.trigger_at == m.trigger_at
        ),
        None,
    )
    if whole is not None and m.trigger_at >= 0:
        return _exchange_target(rs, whole, trigger, source)  # "90 defenders came home, among them 12 marines"
    if rs.tokens[m.head_end - 1].low in ("defenders",):
        return "Ukraine"
    among = _AMONG_PEOPLE.search(" ".join(t.low for t in rs.tokens[: m.num.q]))
    if among:
        return lx.PARTY_WORDS[among.group("p")]  # "Among the Ukrainians who returned were 37 servicemen"
    home = _home_region(rs, m)
    if home:
        return home  # "handed over 14 civilians from the Kursk region": where they are from
    # the clause, less a relative clause after the count ("civilians who had been moved to Ukraine")
    relative = next(
        (k for k in range(m.head_end, len(rs.tokens)) if rs.tokens[k].low in ("who", "which", "whom")),
        len(rs.tokens),
    )
    clause_text = " ".join(
        t.text
        for k, (t, c) in enumerate(zip(rs.tokens, rs.clause_of, strict=True))
        if c == m.clause and k < relative
    )
    held_by = from_party(clause_text)
    if held_by:
        return lx.other_party(held_by)
    to = _TO_PARTY.search(clause_text)
    if to:
        return lx.PARTY_WORDS[to.group("p").lower()]  # "returned 120 servicemen to Ukraine"
    subject = party_before(rs, m.trigger_at if m.trigger_at >= 0 else m.num.q, m.clause, source)
    if subject:
        transitive = trigger == lx.RELEASE or (trigger == lx.RETURN and 0 <= m.trigger_at < m.num.i)
        return lx.other_party(subject) if transitive else subject  # "Russia returned 95" vs "95 returned"
    return side_of(source) or "Ukraine"
