"""Who acted: the party named before a verb, a passive agent, a launcher in a relative clause."""

from __future__ import annotations

from ingest.extract import lexicon as lx
from ingest.extract.sentence.model import Mention, ReadSentence
from ingest.extract.text import words

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
        "attacked attacking struck hit hitting targeted targeting shelled shelling bombed pounded "
        "pounding barraged bombarded bombarding battered pummelled pummeled hammered blitzed"
    )
)


def relative_launcher(rs: ReadSentence, m: Mention) -> str | None:
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


def agent_after(rs: ReadSentence, m: Mention) -> str | None:
    """The agent of a passive launch right after the count: "98 drones launched by Russia"."""
    if m.trigger_at < m.num.i:
        return None
    low = [t.low for t in rs.tokens[m.trigger_at + 1 : m.trigger_at + 4]]
    if low[:1] == ["by"] and len(low) > 1 and low[1] in lx.PARTY_WORDS:
        return lx.PARTY_WORDS[low[1]]
    return None


def party_before(rs: ReadSentence, at: int, clause: int, source: str | None = None) -> str | None:
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
            if nxt in ("region", "oblast", "province", "district", "city", "metro"):
                continue  # "In the Kyiv region, a Shahed hit a house": a place, not who acted
            return lx.PARTY_WORDS[w]
        if w in ("it", "its") and source:
            return side_of(source)
    return None


def side_of(source: str | None) -> str | None:
    if not source:
        return None
    s = source.lower()
    if "russia" in s or "moscow" in s or "kremlin" in s or "putin" in s:
        return "Russia"
    if "ukrain" in s or "zelensk" in s or "kyiv" in s or "coordination" in s or "general staff" in s:
        return "Ukraine"
    return None
