"""Numbers no event could have: never a failed run, never a loaded event fact."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from ingest.extract.batch import extract_batch
from ingest.validate.facts import validate_facts
from schemas.vocabulary import CUMULATIVE


def _validated(text: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    articles = pl.DataFrame(
        {
            "article_id": ["a1"],
            "text": [text],
            "published_at": [dt.date(2025, 3, 4)],
            "date_precision": ["day"],
            "title_end": [0],
        }
    )
    return validate_facts(extract_batch(articles, "run-1"))


@pytest.mark.parametrize(
    "number",
    ["99999999999999999999999", "9" * 5000, "9223372036854775807", "9,223,372,036,854,775,807"],
)
def test_a_number_too_long_to_be_a_count_is_no_fact(number: str) -> None:
    facts, quarantine = _validated(f"Russia launched {number} drones at Ukraine on Tuesday.")
    assert facts.is_empty() and quarantine.is_empty()


def test_a_count_past_any_one_attack_is_a_period_total_not_an_event() -> None:
    facts, _ = _validated("Russian strikes have killed 12,400 civilians, the monitors said on Tuesday.")
    assert facts.select("kind", "value").rows() == [(CUMULATIVE, 12400)]


def test_a_negative_count_is_held_back_with_its_reason() -> None:
    facts, quarantine = _validated("Russia launched -40 drones at Ukraine on Tuesday.")
    assert facts.is_empty()
    assert quarantine.select("check_name", "message").rows() == [
        ("value_not_negative", "the value -40 is negative")
    ]
