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
)


def check_events(values: pl.DataFrame, run_id: str) -> pl.DataFrame:
    """Quarantine rows (QuarantineModel columns) for every event value that fails a check; the
    row's `fact_id` is the event's id and its `article_id` the event's first article."""
    if values.is_empty():
        return pl.DataFrame(schema=QUARANTINE_SCHEMA)
    frame = values.select(EVENT_CHECK_COLUMNS)
    failed = failing_rows(
        _SCHEMA, frame, EVENT_CHECKS, what="the events rebuild", column_prefix=COLUMN_CHECK_PREFIX
    )
    if failed is None:
        return pl.DataFrame(schema=QUARANTINE_SCHEMA)
    rows = failed.with_columns(
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
