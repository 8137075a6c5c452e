"""`newsfacts sql` and `newsfacts export`: the warehouse read with SQL, on the terminal or into a
file. Both read on confined, read-only connections (ingest.store.queries, ingest.store.export);
`sql` imports neither polars nor Prefect unless CSV is asked for, so it answers fast."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ingest.cli.terminal import DbOption, SqlShown, fail, out, print_json, printable, settings_from
from ingest.errors import NewsfactsError

if TYPE_CHECKING:
    import polars as pl

WIDE = 200  # the width of a table printed into a pipe or file (COLUMNS overrides it)


def sql(
    statement: Annotated[
        str | None,
        typer.Argument(
            help='one SQL statement, run read-only ("-" reads it from standard input)', show_default=False
        ),
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option(
            "--file", "-f", help="read the statement from this file", dir_okay=False, show_default=False
        ),
    ] = None,
    db: DbOption = None,
    fmt: Annotated[SqlShown, typer.Option("--format", help="how to print the rows")] = SqlShown.table,
) -> None:
    """Query the warehouse with one SQL statement (read-only): newsfacts sql "select count(*) from facts"."""
    text = _statement(statement, file)
    from ingest.store.queries import run_sql, sql_box, sql_rows

    settings = settings_from(db)
    try:
        if fmt is SqlShown.csv:  # polars writes the CSV
            _print_csv(run_sql(settings.db, text, settings.read_wait_s))
        elif fmt is SqlShown.json:
            columns, rows = sql_rows(settings.db, text, settings.read_wait_s)
            print_json([dict(zip(columns, row, strict=True)) for row in rows])
        else:
            width = shutil.get_terminal_size((WIDE, 40)).columns
            box = sql_box(settings.db, text, width, settings.read_wait_s)
            sys.stdout.write("\n".join(printable(line) for line in box.split("\n")))
    except NewsfactsError as e:
        fail(str(e))


def _statement(statement: str | None, file: Path | None) -> str:
    """The SQL text: the argument, standard input for "-", or the --file; exactly one of them."""
    if (statement is None) == (file is None):
        fail("give one SQL statement, as an argument, as - (standard input) or with --file FILE", 2)
    if file is not None:
        try:
            return file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            fail(f"cannot read the SQL file {file}: {e.strerror if isinstance(e, OSError) else e}", 2)
    assert statement is not None
    return sys.stdin.read() if statement == "-" else statement


def _print_csv(frame: pl.DataFrame) -> None:
    import polars as pl

    nested = [c for c, t in frame.schema.items() if t.is_nested()]
    flat = frame.with_columns(
        pl.col(c).struct.json_encode()
        if frame.schema[c] == pl.Struct
        else pl.col(c).cast(pl.List(pl.String)).list.join("; ")
        for c in nested
    )
    sys.stdout.write(flat.write_csv())  # CSV has no lists: "a; b", structs as JSON


def export(
    source: Annotated[
        str,
        typer.Argument(help="a table or view of the warehouse (facts, events, …), or one query, in quotes"),
    ],
    to: Annotated[
        Path,
        typer.Option(
            "--to",
            "-o",
            help="the file to write: .parquet, .csv, .json (one array) or .jsonl",
            show_default=False,
        ),
    ],
    force: Annotated[bool, typer.Option("--force", help="replace the file if it exists")] = False,
    db: DbOption = None,
) -> None:
    """Write a table, view or query of the warehouse to a Parquet, CSV, JSON or JSONL file."""
    from ingest.store.export import export as export_to

    settings = settings_from(db)
    try:
        done = export_to(settings.db, source, to, force, settings.read_wait_s)
    except NewsfactsError as e:
        fail(str(e))
    out.print(
        f"exported {done.rows} row{'s' if done.rows != 1 else ''} to {done.path} ({done.fmt})",
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    app.command()(sql)
    app.command()(export)
