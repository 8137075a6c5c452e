"""Prisoner exchanges: who was released, by whom, to whom; agreements and two-way swaps."""

from __future__ import annotations

import re

from ingest.extract import lexicon as lx
from ingest.extract.article.model import Add, Context
from ingest.extract.article.parties import party_before, side_of
from ingest.extract.sentence.model import Mention, ReadSentence

FROM_PARTY = re.compile(
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


_TO_PARTY = re.compile(r"\bto (?:officials in |the )?(?P<p>russia|ukraine|kyiv|moscow)\b", re.IGNORECASE)


_EXCHANGE_NOUNS = frozenset(
    ["exchange", "swap", "swaps", "exchanges", "pow", "pows", "prisoner", "prisoners"]
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
        add("prisoners_agreed", m, m.num.value, None, None, rule="exchange.agreed")
        return
    if cls == lx.CIVILIAN:
        metric = "civilians_released"
    elif cls == lx.SOLDIER:
        metric = "soldiers_released"
    else:
        metric = "prisoners_released"
    if m.each_way or any(p in low for p in _BOTH_WAYS):
        add(metric, m, m.num.value, "Russia", "Ukraine", rule="exchange.each_way")
        add(metric, m, m.num.value, "Ukraine", "Russia", rule="exchange.each_way")
        return
    target = _exchange_target(rs, m, trigger, source)
    add(metric, m, m.num.value, lx.other_party(target), target, rule="exchange.one_way")


def _exchange_target(rs: ReadSentence, m: Mention, trigger: str, source: str | None) -> str | None:
    """The side whose people came home."""
    if m.nationality:
        return m.nationality
    if rs.tokens[m.head_end - 1].low in ("defenders",):
        return "Ukraine"
    clause_text = " ".join(t.text for t, c in zip(rs.tokens, rs.clause_of, strict=True) if c == m.clause)
    found = FROM_PARTY.search(clause_text)
    if found:
        return lx.other_party(lx.PARTY_WORDS[found.group("p").lower()])
    to = _TO_PARTY.search(clause_text)
    if to:
        return lx.PARTY_WORDS[to.group("p").lower()]  # "returned 120 servicemen to Ukraine"
    subject = party_before(rs, m.trigger_at if m.trigger_at >= 0 else m.num.q, m.clause, source)
    if subject:
        transitive = trigger == lx.RELEASE or (trigger == lx.RETURN and 0 <= m.trigger_at < m.num.i)
        return lx.other_party(subject) if transitive else subject  # "Russia returned 95" vs "95 returned"
    return side_of(source) or "Ukraine"
