"""Event-level validation: the values each event keeps, through the pandera checks of
schemas/events.py, into quarantine rows like any failing fact's."""

from __future__ import annotations

import polars as pl

from ingest.validate.facts import failing_rows, fingerprint
from schemas.events import COLUMN_CHECK_PREFIX, EVENT_CHECK_COLUMNS, EVENT_CHECKS, event_check_schema
from schemas.frames import QUARANTINE_SCHEMA

_SCHEMA = event_check_schema()
# what a reviewer sees of a failing event value (`newsfacts failures` reads metric, value,
# actor, target, event_date, location and evidence)
_SHOWN = (
    "event_id",
    "kind",
    "event_date",
    "location",
    "metric",
    "value",
    "value_max",
    "qualifier",
    "actor",
    "target",
    "weapon",
    "n_reports",
    "n_values",
    "evidence",
    "reports",
)
# what each value that makes up a failure shows: its number, and the sentence and article stating it
_REPORTED = ("metric", "actor", "target", "value", "value_max", "article_id", "article", "evidence")
_EXCHANGE = ("prisoners_released", "soldiers_released", "civilians_released")
# the metrics each check compares, in the failing value's direction; a check not named here
# compares the failing value's metric in both directions
_COMPARED: dict[str, tuple[str, ...]] = {
    "event_drones_intercepted_within_launched": ("drones_launched", "drones_intercepted"),
    "event_missiles_intercepted_within_launched": ("missiles_launched", "missiles_intercepted"),
    "event_exchange_parts_add_up": _EXCHANGE,
    "event_exchange_part_within_total": _EXCHANGE,
}


def check_events(values: pl.DataFrame, run_id: str) -> pl.DataFrame:
    """Quarantine rows (QuarantineModel columns) for every event value that fails a check; the
    row's `fact_id` is the event's id, its `article_id` the article stating the failing value, and
    its fact JSON's `reports` every value the check compared, each with its sentence and article."""
    if values.is_empty():
        return pl.DataFrame(schema=QUARANTINE_SCHEMA)
    frame = values.select(EVENT_CHECK_COLUMNS)
    failed = failing_rows(
        _SCHEMA, frame, EVENT_CHECKS, what="the events rebuild", column_prefix=COLUMN_CHECK_PREFIX
    )
    if failed is None:
        return pl.DataFrame(schema=QUARANTINE_SCHEMA)
    rows = _with_reports(failed, frame).with_columns(
        pl.col("event_id").alias("fact_id"),
        pl.struct(list(_SHOWN)).struct.json_encode().alias("fact"),
        pl.lit(run_id).alias("run_id"),
        pl.lit("open").alias("status"),
        fingerprint(
            "event_id",
            "check_name",
            "metric",
            pl.col("actor").fill_null("?"),
            pl.col("target").fill_null("?"),
        ).alias("quarantine_id"),
    )
    missing = [pl.lit(None, dtype=t).alias(c) for c, t in QUARANTINE_SCHEMA.items() if c not in rows.columns]
    rows = rows.with_columns(missing)  # columns the quarantine has beyond what a check fills in
    return rows.select(list(QUARANTINE_SCHEMA)).unique("quarantine_id", keep="first", maintain_order=True)


def _with_reports(failed: pl.DataFrame, values: pl.DataFrame) -> pl.DataFrame:
    """`failed` with a `reports` column: the event's values the row's check compared (`_COMPARED`),
    metric by metric, each naming the article and sentence it was read from."""
    reported = values.select(
        "event_id",
        pl.col("metric").alias("_metric"),
        pl.col("actor").alias("_actor"),
        pl.col("target").alias("_target"),
        pl.struct(list(_REPORTED)).alias("reports"),
    )
    compared = pl.DataFrame(
        [(check, m) for check, metrics in _COMPARED.items() for m in metrics],
        schema={"check_name": pl.String, "_metric": pl.String},
        orient="row",
    ).with_columns(pl.lit(True).alias("_compared"))
    same_direction = pl.col("actor").eq_missing(pl.col("_actor")) & pl.col("target").eq_missing(
        pl.col("_target")
    )
    named = pl.col("check_name").is_in(list(_COMPARED))
    keys = ["_row", "check_name"]
    lists = (
        failed.select(*keys, "event_id", "metric", "actor", "target")
        .join(reported, on="event_id", how="inner")
        .join(compared, on=["check_name", "_metric"], how="left")
        .filter(
            pl.when(named)
            .then(pl.col("_compared").fill_null(False) & same_direction)
            .otherwise(pl.col("metric") == pl.col("_metric"))
        )
        .sort(*keys, "_metric", "_actor", "_target", nulls_last=True)
        .group_by(keys, maintain_order=True)
        .agg("reports")
    )
    return failed.join(lists, on=keys, how="left")
