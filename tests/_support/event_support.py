"""Helpers for event tests: a migrated in-memory warehouse, and articles and facts we make up."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import duckdb
import polars as pl

from ingest.load.events import EventCounts, rebuild_events
from ingest.store.connection import migrate
from schemas.frames import ARTICLE_SCHEMA, FACT_SCHEMA
from schemas.vocabulary import KIND_OF_METRIC


def warehouse() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    migrate(con)
    return con


def article(
    article_id: str, published: dt.date | None = None, precision: str | None = None, title: str | None = None
) -> dict[str, Any]:
    precision = precision or ("day" if published else "unknown")
    return {
        "article_id": article_id.ljust(16, "0")[:16],
        "source": f"made-up/{article_id}.txt",
        "url": None,
        "title": title or f"report {article_id}",
        "published_at": published,
        "date_precision": precision,
        "text": "x",
        "n_chars": 1,
    }


def fact(
    article_id: str,
    metric: str,
    value: int,
    actor: str | None = "Russia",
    target: str | None = "Ukraine",
    on: dt.date | None = None,
    location: str | None = None,
    weapon: str | None = None,
    qualifier: str = "exact",
    kind: str | None = None,
    attributed_to: str | None = None,
    value_max: int | None = None,
) -> dict[str, Any]:
    row = {
        "article_id": article_id.ljust(16, "0")[:16],
        "kind": kind or KIND_OF_METRIC[metric],
        "metric": metric,
        "value": value,
        "value_max": value_max,
        "qualifier": qualifier,
        "actor": actor,
        "target": target,
        "weapon": weapon,
        "location": location,
        "event_date": on,
        "attributed_to": attributed_to,
        "evidence": f"{value} {metric}",
        "evidence_start": 0,
        "evidence_end": 1,
        "extractor_version": "test",
        "run_id": "test",
    }
    key = "|".join(
        str(row[c])
        for c in ("article_id", "metric", "value", "actor", "target", "event_date", "location", "weapon")
    )
    row["fact_id"] = hashlib.blake2b(key.encode(), digest_size=8).hexdigest()
    return row


def add(con: duckdb.DuckDBPyConnection, articles: list[dict[str, Any]], facts: list[dict[str, Any]]) -> None:
    """Insert articles (skipping known ones) and facts; columns we do not set take their defaults."""
    if articles:
        con.register("a", pl.DataFrame(articles, schema=ARTICLE_SCHEMA))
        con.execute("insert into articles by name select *, 'test' as run_id from a on conflict do nothing")
        con.unregister("a")
    if facts:
        schema = {c: t for c, t in FACT_SCHEMA.items() if c in facts[0]}
        con.register("f", pl.DataFrame(facts, schema=schema))
        con.execute("insert into facts by name select * from f on conflict do nothing")
        con.unregister("f")


def rebuild(con: duckdb.DuckDBPyConnection, run_id: str = "run-1") -> EventCounts:
    """The rebuild as load_run calls it: inside a transaction."""
    con.execute("begin transaction")
    counts = rebuild_events(con, run_id)
    con.execute("commit")
    return counts


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    return con.execute(sql, params or []).fetchall()
