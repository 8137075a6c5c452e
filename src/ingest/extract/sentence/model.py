"""A sentence as read for counts: its mentions (a number with its noun) and its triggers."""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.extract.numbers import Num
from ingest.extract.text import Token


@dataclass(slots=True)
class Mention:
    """A number and the noun phrase it heads."""

    num: Num
    cls: str | None  # lexicon class of the counted noun; None for a bare number ("63 were shot down")
    head_end: int  # token index after the noun phrase
    nationality: str | None = None
    weapon: str | None = None
    anaphoric: bool = False  # "150 of those drones", "63 of them", "of which 63"
    all_of: bool = False  # "all 12 were shot down"
    each_way: bool = False  # "390 each", "1,000 from each side", "1,000-for-1,000"
    whole_of: Mention | None = None  # in "40 out of 47 drones", 47 for the 40
    is_whole: bool = False  # the 47 in "40 out of 47 drones"
    included: bool = False  # "including two children": a part, not a fact
    grouped: bool = False  # one of a list: "175 drones and a ballistic missile"
    trigger: str | None = None
    trigger_at: int = -1  # token index of the trigger
    future: bool = False  # "agreed to exchange", "expected to be swapped"
    toll: bool = False  # read from a toll: "the death toll rose to 14"
    clause: int = 0
    places: list[int] = field(default_factory=list)


@dataclass(slots=True)
class ReadSentence:
    text: str
    tokens: list[Token]
    mentions: list[Mention]
    triggers: list[tuple[int, int, str]]  # (first token, one past last, kind)
    clause_of: list[int]  # clause number of each token
