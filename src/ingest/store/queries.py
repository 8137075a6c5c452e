"""Read-only questions to the warehouse: user SQL, and the failures awaiting review."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from ingest.errors import QueryError
from ingest.store.connection import READ_WAIT_S, reader
from warehouse import sql

if TYPE_CHECKING:  # polars and pyarrow take most of a second to import: only where frames are made
    import polars as pl
    import pyarrow as pa


def run_sql(db: str | Path, statement: str, wait_s: float = READ_WAIT_S) -> pl.DataFrame:
    """Run one statement on a read-only, confined connection: nothing it says can change the
    warehouse or reach a file, another database, an extension or the network. While a run writes,
    it waits up to `wait_s` seconds, then raises WarehouseBusy."""
    import polars as pl

    with reader(db, wait_s) as con:
        try:
            relation = con.sql(statement)
            return _frame(relation.to_arrow_table()) if relation is not None else pl.DataFrame()
        except duckdb.PermissionException as e:
            raise QueryError(f"{_one_line(e)} (`newsfacts sql` reads this warehouse only)") from e
        except duckdb.Error as e:
            raise QueryError(_one_line(e)) from e


def sql_rows(
    db: str | Path, statement: str, wait_s: float = READ_WAIT_S
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """`run_sql` as column names and rows of Python values, with no data frame on the way: what
    `newsfacts sql` prints as a table or JSON, in a fraction of the start-up time."""
    with reader(db, wait_s) as con:
        try:
            cur = con.execute(statement)
            if cur.description is None:  # a statement that returns nothing
                return [], []
            return [d[0] for d in cur.description], cur.fetchall()
        except duckdb.PermissionException as e:
            raise QueryError(f"{_one_line(e)} (`newsfacts sql` reads this warehouse only)") from e
        except duckdb.Error as e:
            raise QueryError(_one_line(e)) from e


def _one_line(e: duckdb.Error) -> str:
    lines = [ln for ln in str(e).splitlines() if ln.strip() and not ln.startswith("LINE ")]
    return " ".join(" ".join(lines).split())


def _frame(table: pa.Table) -> pl.DataFrame:
    import polars as pl

    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    return frame


def open_failures(
    db: str | Path, status: str = "open", check: str | None = None, wait_s: float = READ_WAIT_S
) -> list[dict[str, Any]]:
    """Quarantined facts with the check they failed, why, the sentence they came from, and the
    review decision on them (null while open)."""
    params = {"status": None if status == "all" else status, "check": check or None}
    with reader(db, wait_s) as con:
        table = con.sql(sql("open_failures"), params=params).to_arrow_table()
    rows = _frame(table)
    out = []
    for r in rows.iter_rows(named=True):
        r["fact"] = json.loads(r["fact"])
        r["created_at"] = r["created_at"].isoformat(timespec="seconds") if r["created_at"] else None
        decision = {k: r.pop(k) for k in _DECISION_KEYS}
        if decision["decision_id"]:
            decision["decided_at"] = decision["decided_at"].isoformat(timespec="seconds")
            decision["changes"] = json.loads(decision["changes"]) if decision["changes"] else {}
            r["decision"] = decision
        else:
            r["decision"] = None
        out.append(r)
    return out


_DECISION_KEYS = (
    "decision_id",
    "action",
    "outcome",
    "decided_by",
    "decided_at",
    "note",
    "changes",
    "loaded_fact_id",
)
