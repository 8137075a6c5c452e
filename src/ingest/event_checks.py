"""Event-level validation: the values each event keeps, through the pandera checks of
schemas/events.py, into quarantine rows like any failing fact's."""

from __future__ import annotations

import hashlib

import pandera.errors
import polars as pl

from ingest.errors import SchemaBatchError
from ingest.frames import QUARANTINE_SCHEMA
from schemas.events import COLUMN_CHECK_PREFIX, EVENT_CHECK_COLUMNS, EVENT_CHECKS, event_check_schema

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
    try:
        _SCHEMA.validate(frame, lazy=True)
        return pl.DataFrame(schema=QUARANTINE_SCHEMA)
    except pandera.errors.SchemaErrors as e:
        cases = e.failure_cases
    whole = cases.filter(pl.col("index").is_null())
    if whole.height:
        first = whole.row(0, named=True)
        raise SchemaBatchError(
            f"the events rebuild produced a malformed frame: {first['check']} on column {first['column']}",
            stage="events",
        )
    failures = cases.select(
        pl.col("index").cast(pl.UInt32).alias("_row"),
        pl.when(pl.col("schema_context") == "DataFrameSchema")
        .then(pl.col("check"))
        .otherwise(pl.concat_str([pl.lit(COLUMN_CHECK_PREFIX), "column", pl.lit(":"), "check"]))
        .alias("check_name"),
    ).unique(maintain_order=True)
    indexed = frame.with_row_index("_row")
    messages = indexed.select("_row", *[msg.alias(name) for name, (_, msg) in EVENT_CHECKS.items()]).unpivot(
        index="_row", variable_name="check_name", value_name="message"
    )
    rows = (
        failures.join(messages, on=["_row", "check_name"], how="left")
        .join(indexed, on="_row", how="left")
        .with_columns(
            pl.col("event_id").alias("fact_id"),
            pl.coalesce("message", pl.format("the event value fails {}", "check_name")).alias("message"),
            pl.struct(list(_SHOWN)).struct.json_encode().alias("fact"),
            pl.lit(run_id).alias("run_id"),
            pl.lit("open").alias("status"),
            pl.concat_str(
                [
                    pl.col("event_id"),
                    "check_name",
                    "metric",
                    pl.col("actor").fill_null("?"),
                    pl.col("target").fill_null("?"),
                ],
                separator="|",
            )
            .map_elements(_fingerprint, return_dtype=pl.String)
            .alias("quarantine_id"),
        )
    )
    missing = [pl.lit(None, dtype=t).alias(c) for c, t in QUARANTINE_SCHEMA.items() if c not in rows.columns]
    rows = rows.with_columns(missing)  # columns the quarantine has beyond what a check fills in
    return rows.select(list(QUARANTINE_SCHEMA)).unique("quarantine_id", keep="first", maintain_order=True)


def _fingerprint(key: str) -> str:
    return hashlib.blake2b(key.encode(), digest_size=8).hexdigest()
