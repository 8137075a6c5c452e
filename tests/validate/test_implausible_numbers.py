"""Numbers no event could have: never a failed run, never a loaded event fact."""

from __future__ import annotations

import polars as pl
import pytest
from extraction_support import extracted, validated

from ingest.validate.facts import validate_facts
from schemas.vocabulary import CUMULATIVE


@pytest.mark.parametrize(
    "number",
    ["99999999999999999999999", "9" * 5000, "9223372036854775807", "9,223,372,036,854,775,807"],
)
def test_a_number_too_long_to_be_a_count_is_no_fact(number: str) -> None:
    facts, quarantine = validated(f"Russia launched {number} drones at Ukraine on Tuesday.")
    assert facts.is_empty() and quarantine.is_empty()


def test_a_count_past_any_one_attack_is_a_period_total_not_an_event() -> None:
    facts, _ = validated("Russian strikes have killed 12,400 civilians, the monitors said on Tuesday.")
    assert facts.select("kind", "value").rows() == [(CUMULATIVE, 12400)]


def test_a_negative_count_is_held_back_with_its_reason() -> None:
    facts, quarantine = validated("Russia launched -40 drones at Ukraine on Tuesday.")
    assert facts.is_empty()
    assert quarantine.select("check_name", "message").rows() == [
        ("value_not_negative", "the value -40 is negative")
    ]


def test_a_count_past_twelve_digits_is_held_back_with_its_reason() -> None:
    """The extractor reads at most 12 digits, so only a reviewer's correction (or a hand-made
    frame) brings such a value; loaded, it would overflow the events' ranking (value * 2)."""
    candidates = extracted("Russia launched 40 drones at Ukraine on Tuesday.")
    huge = candidates.with_columns(value=pl.lit(5_000_000_000_000_000_000, pl.Int64))
    facts, quarantine = validate_facts(huge)
    assert facts.is_empty()
    assert quarantine.select("check_name", "message").rows() == [
        (
            "value_not_too_large",
            "the value 5000000000000000000 is too large to be a count (at most 999,999,999,999)",
        )
    ]


def test_twelve_digits_is_still_a_count() -> None:
    candidates = extracted("Russia launched 40 drones at Ukraine on Tuesday.")
    facts, quarantine = validate_facts(
        candidates.with_columns(kind=pl.lit(CUMULATIVE), value=pl.lit(10**12 - 1))
    )
    assert quarantine.is_empty() and facts["value"].to_list() == [10**12 - 1]
