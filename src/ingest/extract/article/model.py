"""What article-level reading works with: a fact being built, and what earlier sentences established."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Protocol

from ingest.extract.article.sources import Sources
from ingest.extract.dates import ArticleDate
from ingest.extract.places import PlaceMention
from ingest.extract.sentence.model import Mention
from ingest.extract.text import Sentence


@dataclass
class Fact:
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
    rule: str = ""  # the rule that read it: <module>.<name>, e.g. aerial.partitive
    default_date: bool = False  # dated only by the article's own day, no date stated or carried


@dataclass
class Context:
    """What earlier sentences of the article established."""

    article: ArticleDate
    event_date: dt.date | None = None
    dated: bool = False
    lead_date: dt.date | None = None  # the day of the first dated fact: what a new paragraph goes back to
    sources: Sources | None = None
    aerial: list[Fact] = field(default_factory=list)  # recent aerial facts, for "of them", "all of them"
    exchange: list[Fact] = field(default_factory=list)  # the last sentence's exchange facts
    place: PlaceMention | None = None  # the last sentence's single place, within a paragraph
    setting: PlaceMention | None = None  # the last single place of the article so far
    paragraph: int = -1
    previous: str = ""  # the text of the sentence before
    occupied: set[str] = field(default_factory=set)  # places the article names as held by Russia
    list_head: Fact | None = None  # the total before a colon whose lines break it down, "7 – over X"


class Add(Protocol):
    """The callback a rule reports a fact through; `rule` names the rule, for lineage."""

    def __call__(
        self,
        metric: str,
        m: Mention | None,
        value: int,
        actor: str | None,
        target: str | None,
        *,
        rule: str,
        **kw: Any,
    ) -> None: ...
