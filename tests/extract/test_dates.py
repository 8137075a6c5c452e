"""ingest.extract.dates: the day a sentence's event ended, resolved against the article's own date."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.extract.dates import ArticleDate, date_spans, find_event_date, latest_day

D = dt.date
FRIDAY = ArticleDate(D(2025, 5, 23), "day")  # a Friday
MAY_ONLY = ArticleDate(D(2025, 5, 1), "month")
UNKNOWN = ArticleDate(None, "unknown")
WEEKDAYS = list(calendar.day_name)  # Monday … Sunday


def event_day(sentence: str, article: ArticleDate = FRIDAY) -> dt.date | None:
    found = find_event_date(sentence, article)
    return found.date if found else None


# --- relative words -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("On Saturday, drones hit a depot.", D(2025, 5, 17)),
        ("Drones struck the depot on Sunday.", D(2025, 5, 18)),
        ("On Monday night shelling resumed.", D(2025, 5, 19)),
        ("Strikes came on Tuesday.", D(2025, 5, 20)),
        ("Wednesday's barrage was the largest.", D(2025, 5, 21)),
        ("On thursday, two missiles fell.", D(2025, 5, 22)),
        ("On Friday, forty drones crossed the border.", D(2025, 5, 23)),
    ],
)
def test_weekday_is_the_latest_such_day_on_or_before_the_article(sentence: str, expected: dt.date) -> None:
    assert event_day(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the day of the saying yields to the day of the event when both are named
        ("The air force said Friday that drones struck the port on Wednesday.", D(2025, 5, 21)),
        ("Kyiv announced on Friday that it downed 12 drones on Tuesday.", D(2025, 5, 20)),
        # a night between two days is dated by the second
        ("The missiles were downed in the night between Monday and Tuesday.", D(2025, 5, 20)),
        # the day of saying alone is the only day there is
        ("The governor said Thursday that two people were injured.", D(2025, 5, 22)),
    ],
)
def test_the_day_of_saying_and_a_night_between_two_days(sentence: str, expected: dt.date) -> None:
    assert event_day(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Overnight, forty drones crossed the border.", D(2025, 5, 23)),
        ("Sirens sounded across the region today.", D(2025, 5, 23)),
        ("The attack began last night.", D(2025, 5, 23)),
        ("Yesterday, forty drones crossed the border.", D(2025, 5, 22)),
    ],
)
def test_relative_words_resolve_against_the_article_day(sentence: str, expected: dt.date) -> None:
    assert event_day(sentence) == expected


@pytest.mark.parametrize("article", [MAY_ONLY, UNKNOWN], ids=["month", "unknown"])
@pytest.mark.parametrize(
    "sentence",
    ["On Monday, drones hit a depot.", "Overnight, drones hit a depot.", "Yesterday, drones hit a depot."],
)
def test_relative_words_stay_unresolved_without_an_article_day(sentence: str, article: ArticleDate) -> None:
    found = find_event_date(sentence, article)
    assert found is not None and found.is_event
    assert found.date is None


# --- explicit dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected", "text"),
    [
        ("On March 3, drones hit a depot.", D(2025, 3, 3), "March 3"),
        ("On 3 March 2024, drones hit a depot.", D(2024, 3, 3), "3 March 2024"),
        ("Between May 20-23, Russia launched 500 drones.", D(2025, 5, 23), "May 20-23"),
        ("On the nights of 20 and 22 May, drones came.", D(2025, 5, 22), "20 and 22 May"),
        ("On Sept. 4 2024 a missile struck.", D(2024, 9, 4), "Sept. 4 2024"),
        ("The strike on 2025-05-21 hit a depot.", D(2025, 5, 21), "2025-05-21"),
    ],
)
def test_explicit_dates_resolve_with_the_article_year(sentence: str, expected: dt.date, text: str) -> None:
    found = find_event_date(sentence, FRIDAY)
    assert found is not None
    assert found.date == expected
    assert sentence[found.start : found.end] == text


def test_explicit_date_wins_over_a_weekday() -> None:
    assert event_day("On Monday, May 12, drones hit a depot.") == D(2025, 5, 12)


@pytest.mark.parametrize(
    ("sentence", "article", "expected"),
    [
        ("On March 3, drones hit a depot.", MAY_ONLY, D(2025, 3, 3)),
        ("On March 3, drones hit a depot.", UNKNOWN, None),
        ("On 3 March 2024, drones hit a depot.", UNKNOWN, D(2024, 3, 3)),
    ],
)
def test_explicit_dates_need_a_year_from_somewhere(
    sentence: str, article: ArticleDate, expected: dt.date | None
) -> None:
    assert event_day(sentence, article) == expected


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (ArticleDate(D(2025, 1, 5), "day"), D(2024, 12, 30)),
        (ArticleDate(D(2025, 1, 1), "month"), D(2024, 12, 30)),
        (ArticleDate(D(2025, 12, 31), "day"), D(2025, 12, 30)),
    ],
)
def test_a_date_after_the_article_belongs_to_the_year_before(article: ArticleDate, expected: dt.date) -> None:
    assert event_day("On December 30, drones hit a depot.", article) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [("On May 24, drones hit a depot.", D(2025, 5, 24)), ("On May 25, drones hit a depot.", D(2024, 5, 25))],
)
def test_one_day_of_slack_after_the_article_before_rolling_back_a_year(
    sentence: str, expected: dt.date
) -> None:
    assert event_day(sentence) == expected


def test_an_impossible_date_is_found_but_unresolved() -> None:
    found = find_event_date("On February 30, drones hit a depot.", FRIDAY)
    assert found is not None and found.date is None


# --- dates that are not the event's -------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Since March 11, more than 4,000 drones have been launched.",
        "The curfew holds until Friday.",
        "Repairs should be finished by May 30.",
        "Forty drones hit the depot.",
    ],
)
def test_sentences_without_an_event_date_give_none(sentence: str) -> None:
    assert find_event_date(sentence, FRIDAY) is None


def test_a_non_event_date_is_skipped_for_the_event_date_after_it() -> None:
    assert event_day("Since March 11 the front held, but on April 2 drones hit a depot.") == D(2025, 4, 2)


def test_span_with_the_month_repeated_ends_on_its_last_day() -> None:
    assert event_day("Between May 20 and May 23, Russia launched 500 drones.") == D(2025, 5, 23)


def test_from_to_span_ends_on_its_last_day() -> None:
    assert event_day("From May 20 to 23, Russia launched 500 drones.") == D(2025, 5, 23)


# --- spans and the latest day -------------------------------------------------------------------


def test_date_spans_cover_explicit_dates_and_month_years() -> None:
    sentence = "Between May 20-23 2025 and in March 2024, 40 drones fell."
    assert [sentence[a:b] for a, b in date_spans(sentence)] == ["May 20-23 2025", "March 2024"]


def test_date_spans_are_empty_without_dates() -> None:
    assert date_spans("Forty drones fell on Monday.") == []


@pytest.mark.parametrize(
    ("published", "precision", "expected"),
    [
        (D(2025, 5, 23), "day", D(2025, 5, 24)),
        (D(2025, 5, 1), "month", D(2025, 6, 1)),
        (D(2025, 12, 1), "month", D(2026, 1, 1)),
        (D(2024, 2, 1), "month", D(2024, 3, 1)),
        (D(2025, 5, 23), "unknown", None),
        (None, "day", None),
    ],
)
def test_latest_day_allows_one_day_past_what_the_article_covers(
    published: dt.date | None, precision: str, expected: dt.date | None
) -> None:
    assert latest_day(published, precision) == expected


def test_an_article_dated_at_the_ends_of_the_calendar_resolves_no_day_past_them() -> None:
    # "date 9999-12-31" is a header the reader accepts: one day of slack, or the next month, is past
    # what a date can hold, and so is the day before 0001-01-01 (OverflowError, a failed run)
    assert latest_day(dt.date.max, "day") == dt.date.max
    assert latest_day(D(9999, 12, 1), "month") == dt.date.max
    first = ArticleDate(dt.date.min, "day")  # a Monday
    assert event_day("Drones hit the depot yesterday.", first) is None
    assert event_day("Drones hit the depot on Sunday.", first) is None
    assert event_day("Drones hit the depot on Monday.", first) == dt.date.min
    assert event_day("Drones hit the depot on December 31.", ArticleDate(dt.date.max, "day")) == dt.date.max


# --- properties ---------------------------------------------------------------------------------

article_days = st.dates(min_value=D(1950, 1, 1), max_value=D(2099, 12, 31))


@given(article_days, st.sampled_from(WEEKDAYS), st.sampled_from([str.title, str.lower, str.upper]))
def test_weekday_lands_in_the_week_ending_on_the_article_day(
    day: dt.date, name: str, case: Callable[[str], str]
) -> None:
    resolved = event_day(f"On {case(name)}, drones hit a depot.", ArticleDate(day, "day"))
    assert resolved is not None
    assert day - dt.timedelta(days=6) <= resolved <= day
    assert calendar.day_name[resolved.weekday()] == name


@given(article_days)
def test_yesterday_is_always_the_day_before(day: dt.date) -> None:
    assert event_day("Yesterday, drones hit a depot.", ArticleDate(day, "day")) == day - dt.timedelta(days=1)


@given(article_days, st.integers(1, 12), st.integers(1, 28), st.sampled_from(["day", "month"]))
def test_a_yearless_date_falls_in_the_year_before_the_latest_day(
    day: dt.date, month: int, dom: int, precision: str
) -> None:
    article = ArticleDate(day if precision == "day" else day.replace(day=1), precision)
    latest = latest_day(article.date, precision)
    assert latest is not None
    resolved = event_day(f"On {calendar.month_name[month]} {dom}, drones hit a depot.", article)
    assert resolved is not None
    assert (resolved.month, resolved.day) == (month, dom)
    assert resolved.year in (day.year, day.year - 1)
    assert latest - dt.timedelta(days=366) <= resolved <= latest
