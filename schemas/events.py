"""Events: one attack, exchange or incident however many articles report it, and the checks an
event's consolidated values must pass.

`EventModel`, `EventValueModel` and `EventFactModel` are the shapes of the warehouse's `events`,
`event_values` and `event_facts` tables (a test keeps the SQL equal to them). `EVENT_CHECKS`
are the event-level checks: they run on the values an event keeps, after the reports of it are
consolidated, so a disagreement between articles that breaks a rule reaches the review queue.
"""

from __future__ import annotations

import datetime as dt

import pandera.polars as pa
import polars as pl

from schemas.vocabulary import METRICS, QUALIFIERS

EVENT_KINDS: tuple[str, ...] = tuple(METRICS)  # cumulative facts are never events
# How a fact joined its event: its own date and key, its numbers (it had no date), or as the
# agreed size of the one exchange its article reports.
LINKS: tuple[str, ...] = ("same_key", "numbers_match", "agreed_size")
# One direction of one event: the unit of the interception and parts checks.
DIRECTION = ("event_id", "actor", "target")

_metric = pl.col("metric")
_value = pl.col("value")


def _in_direction(metric: str) -> pl.Expr:
    """The value the event keeps for `metric` in this row's direction (null if none)."""
    return _value.filter(_metric == metric).max().over(DIRECTION)


def _other_direction() -> pl.Expr:
    """The value the event keeps for this row's metric in the opposite direction."""
    return _value.filter(pl.col("actor").is_not_null()).sum().over("event_id", "metric") - _value


def _on() -> pl.Expr:
    return pl.col("event_date").cast(pl.String)


def _interception_ok(kind: str) -> pl.Expr:
    launched = _in_direction(f"{kind}_launched")
    return (_metric != f"{kind}_intercepted") | launched.is_null() | (_value <= launched)


def _parts_add_up() -> pl.Expr:
    total, soldiers, civilians = (
        _in_direction(f"{m}_released") for m in ("prisoners", "soldiers", "civilians")
    )
    in_exchange = _metric.is_in(["prisoners_released", "soldiers_released", "civilians_released"])
    stated = total.is_not_null() & soldiers.is_not_null() & civilians.is_not_null()
    return ~in_exchange | ~stated | (soldiers + civilians == total)


def _part_within_total() -> pl.Expr:
    total = _in_direction("prisoners_released")
    return ~_metric.is_in(["soldiers_released", "civilians_released"]) | total.is_null() | (_value <= total)


def _directions_match() -> pl.Expr:
    # only where some report said "N for N" (`each_way`) and both directions are kept
    both = pl.col("actor").is_not_null().sum().over("event_id", "metric") == 2
    return ~pl.col("each_way") | pl.col("actor").is_null() | ~both | (_value == _other_direction())


# check name -> (passes, message for a failing row), over a frame of EventCheckModel rows.
EVENT_CHECKS: dict[str, tuple[pl.Expr, pl.Expr]] = {
    "event_drones_intercepted_within_launched": (
        _interception_ok("drones"),
        pl.format(
            "intercepted {} exceeds launched {} drones for the attack on {}, in the numbers kept from its reports",
            _value,
            _in_direction("drones_launched"),
            _on(),
        ),
    ),
    "event_missiles_intercepted_within_launched": (
        _interception_ok("missiles"),
        pl.format(
            "intercepted {} exceeds launched {} missiles for the attack on {}, in the numbers kept from its reports",
            _value,
            _in_direction("missiles_launched"),
            _on(),
        ),
    ),
    "event_exchange_parts_add_up": (
        _parts_add_up(),
        pl.format(
            "soldiers {} + civilians {} do not add up to the {} prisoners {} released to {} on {}",
            _in_direction("soldiers_released"),
            _in_direction("civilians_released"),
            _in_direction("prisoners_released"),
            "actor",
            "target",
            _on(),
        ),
    ),
    "event_exchange_part_within_total": (
        _part_within_total(),
        pl.format(
            "{} {} exceeds the {} prisoners {} released to {} on {}",
            _metric.str.replace("_released", ""),
            _value,
            _in_direction("prisoners_released"),
            "actor",
            "target",
            _on(),
        ),
    ),
    "event_exchange_directions_match": (
        _directions_match(),
        pl.format(
            "reports say {} each way, but the exchange on {} keeps {} from {} and {} the other way",
            _metric,
            _on(),
            _value,
            "actor",
            _other_direction(),
        ),
    ),
}
EVENT_CHECK_NAMES: tuple[str, ...] = tuple(EVENT_CHECKS)
# a column check an event value fails is named "event_values:<column>:<check>"
COLUMN_CHECK_PREFIX = "event_values:"


class EventModel(pa.DataFrameModel):
    """A row of `events`: one attack, exchange or incident, however many articles report it.
    `event_id` hashes kind, date, place and parties, so re-runs find the same event again."""

    event_id: str = pa.Field(unique=True, str_length={"min_value": 16, "max_value": 16})
    kind: str = pa.Field(isin=EVENT_KINDS)
    event_date: dt.date
    location: str = pa.Field(nullable=True)
    parties: str  # "Russia → Ukraine"; an exchange "Russia ⇄ Ukraine"; "?" where unstated
    n_articles: int = pa.Field(ge=1)
    n_sources: int = pa.Field(ge=0)  # distinct attributions: air force, ministry, governor …
    n_facts: int = pa.Field(ge=1)
    n_conflicts: int = pa.Field(ge=0)  # values on which the reports disagree
    first_reported_at: dt.date = pa.Field(nullable=True)  # earliest day-dated article
    last_reported_at: dt.date = pa.Field(nullable=True)
    created_run_id: str
    run_id: str  # the run that last changed the row

    class Config:
        strict = True
        coerce = True


class EventValueModel(pa.DataFrameModel):
    """A row of `event_values`: the value an event keeps for one metric and direction, chosen
    from its reports by the rule in docs/events.md (most cited, ties to the lowest)."""

    event_id: str
    metric: str
    actor: str = pa.Field(nullable=True)
    target: str = pa.Field(nullable=True)
    value: int = pa.Field(ge=0)
    value_max: int = pa.Field(nullable=True)
    qualifier: str = pa.Field(isin=QUALIFIERS)
    weapon: str = pa.Field(nullable=True)
    n_reports: int = pa.Field(ge=1)  # articles that state this metric and direction
    n_values: int = pa.Field(ge=1)  # distinct numbers they state
    conflict: bool  # n_values > 1
    each_way: bool  # some article states the same number for both directions ("N for N")

    class Config:
        strict = True
        coerce = True


class EventFactModel(pa.DataFrameModel):
    """A row of `event_facts`: a fact supporting an event, and how it joined it."""

    event_id: str
    fact_id: str = pa.Field(unique=True)
    link: str = pa.Field(isin=LINKS)

    class Config:
        strict = True
        coerce = True


class EventInputModel(pa.DataFrameModel):
    """A row of `event_inputs`: an event fact as the last events rebuild read it. `part` is the
    kind, parties and place the fact's events share; a load rebuilds the parts whose rows changed."""

    fact_id: str
    part: str
    row_hash: int

    class Config:
        strict = True
        coerce = True


class EventCheckModel(EventValueModel):
    """An event value with what its checks and its quarantine row need."""

    kind: str = pa.Field(isin=EVENT_KINDS)
    event_date: dt.date
    location: str = pa.Field(nullable=True)
    article_id: str  # the article whose sentence (`evidence`) states the kept value
    article: str  # that article's title, else its source
    evidence: str  # a sentence stating the kept value

    class Config:
        strict = True
        coerce = True


def _check(name: str) -> pa.Check:
    passes = EVENT_CHECKS[name][0]
    return pa.Check(lambda data: data.lazyframe.select(passes.alias(name)), name=name)


def event_check_schema() -> pa.DataFrameSchema:
    """`EventCheckModel` with the checks of EVENT_CHECKS, named as there."""
    base = EventCheckModel.to_schema()
    return pa.DataFrameSchema(
        base.columns, checks=[_check(n) for n in EVENT_CHECKS], strict=True, coerce=True, name="events"
    )


EVENT_COLUMNS: tuple[str, ...] = tuple(EventModel.to_schema().columns)
EVENT_VALUE_COLUMNS: tuple[str, ...] = tuple(EventValueModel.to_schema().columns)
EVENT_FACT_COLUMNS: tuple[str, ...] = tuple(EventFactModel.to_schema().columns)
EVENT_CHECK_COLUMNS: tuple[str, ...] = tuple(EventCheckModel.to_schema().columns)
