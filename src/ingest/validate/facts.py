"""Validation: frames through their pandera schema, split into rows that load and quarantine rows
that say, in words, what is wrong. Facts are checked here; event values in ingest.event_checks."""

from __future__ import annotations

import hashlib

import pandera.errors
import pandera.polars as pa
import polars as pl

from ingest.errors import SchemaBatchError
from schemas.facts import CHECKS, FACT_COLUMNS, candidate_schema
from schemas.frames import FACT_SCHEMA, QUARANTINE_SCHEMA

_SCHEMA = candidate_schema()


def validate_facts(candidates: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(facts that passed every check, one quarantine row per failing fact and check)."""
    if candidates.is_empty():
        return pl.DataFrame(schema=FACT_SCHEMA), pl.DataFrame(schema=QUARANTINE_SCHEMA)
    failed = failing_rows(_SCHEMA, candidates, CHECKS, what="the extractor")
    if failed is None:
        return candidates.select(FACT_COLUMNS), pl.DataFrame(schema=QUARANTINE_SCHEMA)
    quarantine = failed.with_columns(
        pl.struct(list(FACT_COLUMNS)).struct.json_encode().alias("fact"),
        pl.lit("open").alias("status"),
        fingerprint("fact_id", "check_name").alias("quarantine_id"),
    ).select(list(QUARANTINE_SCHEMA))
    bad = failed.get_column("_row").unique().implode()
    valid = candidates.with_row_index("_row").filter(~pl.col("_row").is_in(bad)).select(FACT_COLUMNS)
    return valid, quarantine


def failing_rows(
    schema: pa.DataFrameSchema,
    frame: pl.DataFrame,
    checks: dict[str, tuple[pl.Expr, pl.Expr]],
    *,
    what: str,
    column_prefix: str = "",
) -> pl.DataFrame | None:
    """Each row of `frame` that fails a check of `schema`, once per check: the frame's columns plus
    `_row`, `check_name` and `message` (from `checks`, name -> (passes, message)). None when every
    row passes. A failure that is about no row (a missing column, a wrong type) is a bug in `what`."""
    try:
        schema.validate(frame, lazy=True)
        return None
    except pandera.errors.SchemaErrors as e:
        cases = e.failure_cases
    whole = cases.filter(pl.col("index").is_null())
    if whole.height:
        first = whole.row(0, named=True)
        raise SchemaBatchError(
            f"{what} produced a malformed frame: {first['check']} on column {first['column']}"
        )
    failures = cases.select(
        pl.col("index").cast(pl.UInt32).alias("_row"),
        pl.when(pl.col("schema_context") == "DataFrameSchema")
        .then(pl.col("check"))
        .otherwise(pl.concat_str([pl.lit(column_prefix), "column", pl.lit(":"), "check"]))
        .alias("check_name"),
        pl.col("failure_case").alias("_case"),
        pl.col("column").alias("_column"),
    ).unique(["_row", "check_name"], maintain_order=True)
    indexed = frame.with_row_index("_row")
    messages = indexed.select(
        "_row", *[message.alias(name) for name, (_, message) in checks.items()]
    ).unpivot(index="_row", variable_name="check_name", value_name="message")
    return (
        failures.join(messages, on=["_row", "check_name"], how="left")
        .join(indexed, on="_row", how="left")
        .with_columns(
            pl.coalesce(
                "message", pl.format("{} is '{}', which fails {}", "_column", "_case", "check_name")
            ).alias("message")
        )
    )


def fingerprint(*columns: str | pl.Expr) -> pl.Expr:
    """A stable id from some columns: the same fact and check get the same quarantine row on every run."""
    return pl.concat_str(list(columns), separator="|").map_elements(_blake, return_dtype=pl.String)


def _blake(key: str) -> str:
    return hashlib.blake2b(key.encode(), digest_size=8).hexdigest()
