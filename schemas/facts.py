"""Facts: one stated number about one event, and the checks a fact must pass to be loaded.

`FactModel` is the shape of the warehouse's `facts` table. `FactCandidateModel` is what the
extractor hands to validation: a fact plus the article context some checks need (the
article's text and the last day the event could have happened). Each check has a name and
a message, written for the analyst who reviews the quarantine.
"""

from __future__ import annotations

import datetime as dt

import pandera.polars as pa
import polars as pl

from schemas.vocabulary import CUMULATIVE, EVENT_PAIRS, FACT_KINDS, FACT_ORIGINS, QUALIFIERS

EARLIEST_EVENT = dt.date(2014, 1, 1)
# Twelve digits, as the extractor reads (ingest/extract/numbers.py, MAX_DIGITS): past any count
# a war report states, even over a whole war. It also holds a reviewer's correction, and keeps the
# warehouse's arithmetic on values (event_reports_of ranks by value * 2) inside a bigint.
LARGEST_COUNT = 10**12 - 1
# One attack or exchange as an article reports it: the unit of the cross-row checks.
EVENT_GROUP = ("article_id", "actor", "target", "event_date")

_metric = pl.col("metric")
_value = pl.col("value")
_is_event = pl.col("kind") != CUMULATIVE


def _per_event(metric: str) -> pl.Expr:
    """The value of `metric` stated for the same event as this row (null if none)."""
    return _value.filter(_metric == metric).max().over(EVENT_GROUP)


def _on_date() -> pl.Expr:
    return pl.col("event_date").cast(pl.String).fill_null("an unknown date")


def _launched_for(kind: str) -> pl.Expr:
    """The launches an interception is compared with: those at its own place, else a launch total
    with no place. "18 drones at Moscow" is not the bound of "74 destroyed over several regions"."""
    # a weapon that hit something ("a drone hit a school", rule aerial.impact) was not shot down:
    # it bounds no interception
    is_launch = (_metric == f"{kind}_launched") & (pl.col("rule").fill_null("") != "aerial.impact")
    launched = _value.filter(is_launch)
    at_place = launched.max().over([*EVENT_GROUP, "location"])
    placeless = _value.filter(is_launch & pl.col("location").is_null())
    total = placeless.max().over(EVENT_GROUP)
    # "40 drones at the Odesa region ... 55 of them shot down": a placeless interception is bounded
    # by the same source's launches anywhere
    same_source = launched.max().over([*EVENT_GROUP, "attributed_to"])
    return pl.coalesce(at_place, total, pl.when(pl.col("location").is_null()).then(same_source))


def _interception_ok(kind: str) -> pl.Expr:
    launched = _launched_for(kind)
    return (_metric != f"{kind}_intercepted") | launched.is_null() | (_value <= launched)


def _parts_add_up() -> pl.Expr:
    total, soldiers, civilians = (
        _per_event("prisoners_released"),
        _per_event("soldiers_released"),
        _per_event("civilians_released"),
    )
    in_exchange = _metric.is_in(["prisoners_released", "soldiers_released", "civilians_released"])
    stated = total.is_not_null() & soldiers.is_not_null() & civilians.is_not_null()
    return ~in_exchange | ~stated | (soldiers + civilians == total)


def _part_within_total() -> pl.Expr:
    total = _per_event("prisoners_released")
    is_part = _metric.is_in(["soldiers_released", "civilians_released"])
    return ~is_part | total.is_null() | (_value <= total)


# One count as an article states it, whoever it is said to be about.
_SAME_COUNT = ("article_id", "kind", "metric", "value", "event_date")
_DIRECTED = pl.col("kind").is_in(["aerial_attack", "casualties"])


def _directions_agree() -> pl.Expr:
    """Not the same count of an attack or its casualties given both ways in one article (the
    extractor settles what it can, ingest/extract/article/consistency.py; the rest is review)."""
    actor = pl.col("actor")
    return ~_DIRECTED | actor.is_null() | (actor.min().over(_SAME_COUNT) == actor.max().over(_SAME_COUNT))


def _other_reading() -> pl.Expr:
    """The sentence that states the same count the other way."""
    actor, evidence = pl.col("actor"), pl.col("evidence").sort_by(pl.col("actor"), nulls_last=True)
    first_actor = actor.min().over(_SAME_COUNT)
    last_actor = actor.max().over(_SAME_COUNT)
    by_first = evidence.filter(pl.col("actor").sort(nulls_last=True) == first_actor).first()
    by_last = evidence.filter(pl.col("actor").sort(nulls_last=True) == last_actor).last()
    return pl.when(actor == first_actor).then(by_last.over(_SAME_COUNT)).otherwise(by_first.over(_SAME_COUNT))


# check name -> (passes, message for a failing row). Every expression is evaluated over the
# whole candidate frame, so window functions see the other facts of the same event.
CHECKS: dict[str, tuple[pl.Expr, pl.Expr]] = {
    "value_not_negative": (
        _value >= 0,
        pl.format("the value {} is negative", _value),
    ),
    "value_not_too_large": (
        (_value <= LARGEST_COUNT) & (pl.col("value_max").is_null() | (pl.col("value_max") <= LARGEST_COUNT)),
        pl.format(
            "the value {} is too large to be a count (at most {})",
            pl.max_horizontal(_value, pl.col("value_max")),
            pl.lit(f"{LARGEST_COUNT:,}"),
        ),
    ),
    "metric_in_vocabulary": (
        (pl.col("kind") == CUMULATIVE) | pl.concat_str(["kind", "metric"], separator="/").is_in(EVENT_PAIRS),
        pl.format("'{}' is not a metric of kind '{}' (see FACTS.md)", _metric, pl.col("kind")),
    ),
    "range_has_upper_bound": (
        (pl.col("qualifier") == "range") == pl.col("value_max").is_not_null(),
        pl.when(pl.col("qualifier") == "range")
        .then(pl.lit("a range has no upper bound"))
        .otherwise(pl.format("value_max {} is set but the qualifier is '{}'", "value_max", "qualifier")),
    ),
    "range_upper_above_lower": (
        pl.col("value_max").is_null() | (pl.col("value_max") > _value),
        pl.format("the range {}–{} does not go upwards", _value, "value_max"),
    ),
    "actor_differs_from_target": (
        pl.col("actor").is_null() | pl.col("target").is_null() | (pl.col("actor") != pl.col("target")),
        pl.format("{} is both the actor and the target", "actor"),
    ),
    "event_not_after_article": (
        pl.col("event_date").is_null()
        | pl.col("published_until").is_null()
        | (pl.col("event_date") <= pl.col("published_until")),
        pl.format("the event date {} is after the article was published", "event_date"),
    ),
    "event_not_before_2014": (
        pl.col("event_date").is_null() | (pl.col("event_date") >= EARLIEST_EVENT),
        pl.format("the event date {} is before {}", "event_date", pl.lit(EARLIEST_EVENT.isoformat())),
    ),
    "evidence_at_offsets": (
        pl.col("article_text").str.slice(
            pl.col("evidence_start"), pl.col("evidence_end") - pl.col("evidence_start")
        )
        == pl.col("evidence"),
        pl.format(
            "the evidence is not found in the article at characters {}–{}", "evidence_start", "evidence_end"
        ),
    ),
    "drones_intercepted_within_launched": (
        ~_is_event | _interception_ok("drones"),
        pl.format(
            "intercepted {} exceeds launched {} drones for the attack reported on {}",
            _value,
            _launched_for("drones"),
            _on_date(),
        ),
    ),
    "missiles_intercepted_within_launched": (
        ~_is_event | _interception_ok("missiles"),
        pl.format(
            "intercepted {} exceeds launched {} missiles for the attack reported on {}",
            _value,
            _launched_for("missiles"),
            _on_date(),
        ),
    ),
    "directions_agree": (
        _directions_agree(),
        pl.format(
            "the article gives {} {} as {} → {} here and the other way round in: “{}”",
            _value,
            _metric.str.replace("_", " "),
            pl.col("actor"),
            pl.col("target"),
            _other_reading(),
        ),
    ),
    "exchange_parts_add_up": (
        ~_is_event | _parts_add_up(),
        pl.format(
            "soldiers {} + civilians {} do not add up to the {} prisoners released on {}",
            _per_event("soldiers_released"),
            _per_event("civilians_released"),
            _per_event("prisoners_released"),
            _on_date(),
        ),
    ),
    "exchange_part_within_total": (
        ~_is_event | _part_within_total(),
        pl.format(
            "{} {} exceeds the {} prisoners released on {}",
            _metric.str.replace("_released", ""),
            _value,
            _per_event("prisoners_released"),
            _on_date(),
        ),
    ),
}


def _check(name: str) -> pa.Check:
    passes = CHECKS[name][0]
    return pa.Check(lambda data: data.lazyframe.select(passes.alias(name)), name=name)


class FactModel(pa.DataFrameModel):
    """A row of the warehouse's `facts` table (every column of FACTS.md, plus lineage)."""

    fact_id: str = pa.Field(unique=True)
    article_id: str
    kind: str = pa.Field(isin=FACT_KINDS)
    metric: str
    value: int
    value_max: int = pa.Field(nullable=True)
    qualifier: str = pa.Field(isin=QUALIFIERS)
    actor: str = pa.Field(nullable=True)
    target: str = pa.Field(nullable=True)
    weapon: str = pa.Field(nullable=True)
    location: str = pa.Field(nullable=True)
    event_date: dt.date = pa.Field(nullable=True)
    attributed_to: str = pa.Field(nullable=True)
    evidence: str
    evidence_start: int = pa.Field(ge=0)
    evidence_end: int = pa.Field(ge=0)
    extractor_version: str
    run_id: str
    # provenance (warehouse/003_review.sql): a run's extraction, or a person's review decision
    origin: str = pa.Field(isin=FACT_ORIGINS)
    decision_id: str = pa.Field(nullable=True)
    rule: str = pa.Field(
        nullable=True
    )  # the extraction rule that read it (article/*.py), e.g. aerial.partitive

    class Config:
        strict = True
        coerce = True


class FactCandidateModel(FactModel):
    """A fact as extracted, with the article context its checks need; validated before loading."""

    published_until: dt.date = pa.Field(nullable=True)
    article_text: str

    class Config:
        strict = True
        coerce = True


def candidate_schema() -> pa.DataFrameSchema:
    """`FactCandidateModel` with the row and cross-row checks of CHECKS, named as there."""
    base = FactCandidateModel.to_schema()
    return pa.DataFrameSchema(
        base.columns, checks=[_check(name) for name in CHECKS], strict=True, coerce=True, name="facts"
    )


FACT_COLUMNS: tuple[str, ...] = tuple(FactModel.to_schema().columns)
