"""`newsfacts export`: a table, view or query of the warehouse into one Parquet, CSV, JSON or
JSONL file, written by DuckDB's COPY.

The source is read on a read-only connection confined like `newsfacts sql`'s, except that it
may write one file: a partial file beside the target, renamed onto it once complete (so a failed
export leaves no half file and an existing one as it was). A table or view is named through
DuckDB's relation API and the path is a bound parameter: nothing the user types becomes SQL text
but the query they give.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingest.errors import ExportError, QueryError
from ingest.store.connection import READ_WAIT_S, reader
from ingest.store.queries import one_line, one_statement
from warehouse import sql

FORMATS: dict[str, str] = {".parquet": "parquet", ".csv": "csv", ".json": "json", ".jsonl": "jsonl"}
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class Exported:
    path: Path
    rows: int
    fmt: str


def target_format(path: Path, force: bool = False) -> str:
    """The COPY format for `path` (by its extension), once the path is known to be writable; an
    existing file is replaced only with `force`."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ExportError(f"cannot export to {path}: name a {', '.join(FORMATS)} file")
    if path.is_dir():
        raise ExportError(f"{path} is a folder: name a file to export to")
    if not path.parent.is_dir():
        raise ExportError(f"cannot export to {path}: there is no folder {path.parent}")
    if path.exists() and not force:
        raise ExportError(f"{path} exists: pass --force to replace it")
    return fmt


def export(
    db: str | Path, source: str, to: str | Path, force: bool = False, wait_s: float = READ_WAIT_S
) -> Exported:
    """Write `source` (a table or view of the warehouse, or one query) to the file `to`."""
    target = Path(to)
    fmt = target_format(target, force)
    if target.absolute() == Path(db).absolute():
        raise ExportError(f"{target} is the warehouse itself: export to another file")
    partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.partial")
    try:
        with reader(db, wait_s, write_to=[partial]) as con:
            relation = _source(con, source.strip())
            con.register("export_source", relation)
            try:
                row = con.execute(sql(f"export.{fmt}"), {"path": str(partial.absolute())}).fetchone()
            except duckdb.Error as e:
                raise QueryError(one_line(e)) from e
        os.replace(partial, target)
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
    return Exported(target, int(row[0]) if row else 0, fmt)


def _source(con: duckdb.DuckDBPyConnection, source: str) -> duckdb.DuckDBPyRelation:
    """The relation `source` names: a table or view of the warehouse if it is a bare name, else
    the rows of its one query."""
    if not source:
        raise ExportError("name a table or view, or give a query, to export")
    if _NAME.fullmatch(source):
        known = [r[0] for r in con.execute(sql("export.relations")).fetchall()]
        if source not in known:
            lowered = {k.lower(): k for k in known}
            if source.lower() not in lowered:
                raise ExportError(
                    f"unknown table or view '{source}': the warehouse has {', '.join(known)} "
                    "(or give a query, in quotes)"
                )
            source = lowered[source.lower()]
        return con.table(source)
    statement = one_statement(con, source, select=True)
    try:
        relation = con.sql(statement)
    except duckdb.PermissionException as e:
        raise QueryError(f"{one_line(e)} (an export reads this warehouse only)") from e
    except duckdb.Error as e:
        raise QueryError(one_line(e)) from e
    if relation is None:
        raise ExportError(
            "the query returns no rows to export: give a query that returns rows, or a table or view"
        )
    return relation
