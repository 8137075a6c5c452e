"""Read-only questions to the warehouse: user SQL, and the failures awaiting review."""

from __future__ import annotations

import contextlib
import io
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
        statement = one_statement(con, statement)
        try:
            relation = con.sql(statement)
            return _frame(relation.to_arrow_table()) if relation is not None else pl.DataFrame()
        except duckdb.PermissionException as e:
            raise QueryError(f"{one_line(e)} (`newsfacts sql` reads this warehouse only)") from e
        except duckdb.Error as e:
            raise QueryError(one_line(e)) from e


def sql_rows(
    db: str | Path, statement: str, wait_s: float = READ_WAIT_S
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """`run_sql` as column names and rows of Python values, with no data frame on the way: what
    `newsfacts sql` prints as a table or JSON, in a fraction of the start-up time."""
    with reader(db, wait_s) as con:
        statement = one_statement(con, statement)
        try:
            cur = con.execute(statement)
            if cur.description is None:  # a statement that returns nothing
                return [], []
            return [d[0] for d in cur.description], cur.fetchall()
        except duckdb.PermissionException as e:
            raise QueryError(f"{one_line(e)} (`newsfacts sql` reads this warehouse only)") from e
        except duckdb.Error as e:
            raise QueryError(one_line(e)) from e


def sql_box(db: str | Path, statement: str, width: int, wait_s: float = READ_WAIT_S) -> str:
    """`run_sql` as DuckDB's own box rendering (typed headers, right-aligned numbers, the middle
    rows of a long result left out and "N rows (k shown)"), at most `width` characters wide;
    empty for a statement that returns nothing."""
    with reader(db, wait_s) as con:
        statement = one_statement(con, statement)
        try:
            relation = con.sql(statement)
            if relation is None:
                return ""
            shown = io.StringIO()
            with contextlib.redirect_stdout(shown):  # DuckDB prints through Python's stdout
                relation.show(max_width=width)
            return shown.getvalue()
        except duckdb.PermissionException as e:
            raise QueryError(f"{one_line(e)} (`newsfacts sql` reads this warehouse only)") from e
        except duckdb.Error as e:
            raise QueryError(one_line(e)) from e


def one_statement(con: duckdb.DuckDBPyConnection, text: str, select: bool = False) -> str:
    """`text` if it holds exactly one SQL statement (with `select`, one that only returns rows);
    else a QueryError saying what it holds (DuckDB would run them all and show only the last)."""
    try:
        found = con.extract_statements(text)
    except duckdb.Error as e:
        raise QueryError(one_line(e)) from e
    if len(found) != 1:
        raise QueryError(
            "no SQL statement given"
            if not found
            else f"one statement at a time, please: the SQL given holds {len(found)}"
        )
    if select and found[0].type != duckdb.StatementType.SELECT:
        kind = found[0].type.name.lower()
        raise QueryError(f"the query must be one that returns rows (or a table or view), not a {kind} statement")
    return text


def one_line(e: duckdb.Error) -> str:
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
