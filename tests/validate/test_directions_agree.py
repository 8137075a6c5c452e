"""An article never loads the same count of an attack both ways round.

The extractor settles what it can (the body over the headline, the source's own side for an
interception); what it cannot settle is held back for review with both sentences.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
from extraction_support import validated

from ingest.extract.article.reader import extract_article
from ingest.extract.dates import ArticleDate

DAY = ArticleDate(dt.date(2025, 3, 4), "day")


def _who(text: str, title_end: int = 0) -> set[tuple[str, int, str, str]]:
    return {(f["metric"], f["value"], f["actor"], f["target"]) for f in extract_article(text, DAY, title_end)}


def test_the_body_settles_a_headline_read_the_other_way() -> None:
    title = "Russian drones: 17 of 21 downed over Ukraine"
    body = "Russia launched 21 drones at Ukraine overnight, and 17 of them were shot down, the air force said."
    got = _who(f"{title}\n\n{body}", title_end=len(title))
    assert ("drones_intercepted", 17, "Russia", "Ukraine") in got
    assert ("drones_intercepted", 17, "Ukraine", "Russia") not in got
    assert ("drones_launched", 21, "Ukraine", "Russia") not in got


def test_an_unsettled_contradiction_is_held_back_with_both_sentences() -> None:
    first = "Ukraine launched 12 drones at Russia on Tuesday."
    second = "Russia launched 12 drones at Ukraine on Tuesday."
    facts, quarantine = validated(f"{first} {second}")
    assert facts.filter(pl.col("metric") == "drones_launched").is_empty()
    held = quarantine.filter(pl.col("check_name") == "directions_agree")
    assert held.height == 2
    messages = " ".join(held.get_column("message").to_list())
    assert first in messages and second in messages


def test_an_exchange_of_the_same_number_each_way_is_no_contradiction() -> None:
    facts, quarantine = validated("Russia and Ukraine each released 84 prisoners on Tuesday.")
    assert facts.filter(pl.col("metric") == "prisoners_released").height == 2
    assert quarantine.filter(pl.col("check_name") == "directions_agree").is_empty()
