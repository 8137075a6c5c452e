"""Validation: candidate facts through the pandera schema, split into loadable facts and
quarantine rows that say, in words, what is wrong."""

from __future__ import annotations

import hashlib

import pandera.errors
import polars as pl

from ingest.errors import SchemaBatchError
from ingest.frames import FACT_SCHEMA, QUARANTINE_SCHEMA
from schemas.facts import CHECKS, FACT_COLUMNS, candidate_schema

_SCHEMA = candidate_schema()


def validate_facts(candidates: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(facts that passed every check, one quarantine row per failing fact and check)."""
    if candidates.is_empty():
        return pl.DataFrame(schema=FACT_SCHEMA), pl.DataFrame(schema=QUARANTINE_SCHEMA)
    try:
        _SCHEMA.validate(candidates, lazy=True)
        return candidates.select(FACT_COLUMNS), pl.DataFrame(schema=QUARANTINE_SCHEMA)
    except pandera.errors.SchemaErrors as e:
        cases = e.failure_cases
    whole = cases.filter(pl.col("index").is_null())
    if whole.height:
        first = whole.row(0, named=True)
        raise SchemaBatchError(
            f"the extractor produced a malformed batch: {first['check']} on column {first['column']}"
        )
    failures = cases.select(
        pl.col("index").cast(pl.UInt32).alias("_row"),
        pl.when(pl.col("schema_context") == "DataFrameSchema")
        .then(pl.col("check"))
        .otherwise(pl.concat_str([pl.col("column"), pl.col("check")], separator=":"))
        .alias("check_name"),
        pl.col("failure_case").alias("_case"),
        pl.col("column").alias("_column"),
    ).unique(["_row", "check_name"], maintain_order=True)
    indexed = candidates.with_row_index("_row")
    messages = indexed.select(
        "_row", *[message.alias(name) for name, (_, message) in CHECKS.items()]
    ).unpivot(index="_row", variable_name="check_name", value_name="message")
    quarantined = (
        failures.join(messages, on=["_row", "check_name"], how="left")
        .join(indexed, on="_row", how="left")
        .with_columns(
            pl.coalesce(
                "message", pl.format("{} is '{}', which fails {}", "_column", "_case", "check_name")
            ).alias("message"),
            pl.struct(list(FACT_COLUMNS)).struct.json_encode().alias("fact"),
            pl.lit("open").alias("status"),
        )
    )
    quarantine = quarantined.with_columns(
        pl.concat_str(["fact_id", "check_name"], separator="|")
        .map_elements(_fingerprint, return_dtype=pl.String)
        .alias("quarantine_id")
    ).select(list(QUARANTINE_SCHEMA))
    bad = failures.get_column("_row").unique()
    valid = indexed.filter(~pl.col("_row").is_in(bad.implode())).select(FACT_COLUMNS)
    return valid, quarantine


def _fingerprint(key: str) -> str:
    return hashlib.blake2b(key.encode(), digest_size=8).hexdigest()
