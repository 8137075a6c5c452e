"""What every `newsfacts` command shares at the edge: the consoles, the --db option, and failing
with one sentence and an exit code.

Titles, evidence, SQL results and file names are data: the consoles never read a string as Rich
markup or emoji codes, and show control characters (ESC, …) as escapes instead of sending them
to the terminal."""

from __future__ import annotations

import json
import os
import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.text import Text

from ingest.errors import NewsfactsError
from ingest.settings import DEFAULT_DB, Settings

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # all but tab and newline


def printable(value: object) -> str:
    """`value` as text a terminal shows as it is: control characters become `\\x1b`-style escapes."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", str(value))


def cell(value: object) -> Text:
    """A table cell (or header) holding data: printable, never markup; None is empty."""
    return Text("" if value is None else printable(value))


class DataConsole(Console):
    """A console whose strings are data: no markup, no emoji codes, control characters escaped.
    Styled text is built with `Text` objects (or the `style=` argument) instead."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(markup=False, emoji=False, **kwargs)

    def print(self, *objects: Any, **kwargs: Any) -> None:
        super().print(*(cell(o) if isinstance(o, str) else o for o in objects), **kwargs)


# piped output (make demo, a file) is not squeezed to 80 columns: a table stays one line a row
out = DataConsole(soft_wrap=True, width=None if sys.stdout.isatty() else 200)
err = DataConsole(stderr=True, soft_wrap=True)

class Shown(StrEnum):
    """How `failures` and `runs` print: for a person, or for programs."""

    table = "table"
    json = "json"


class SqlShown(StrEnum):
    """How `sql` prints: DuckDB's box table, CSV or JSON."""

    table = "table"
    csv = "csv"
    json = "json"


class Status(StrEnum):
    """Which failures `failures` lists, by their review status."""

    open = "open"
    accepted = "accepted"
    rejected = "rejected"
    corrected = "corrected"
    all = "all"


DbOption = Annotated[
    Path | None,
    typer.Option("--db", help=f"warehouse file [default: $NEWSFACTS_DB or {DEFAULT_DB}]"),
]


def print_json(value: object) -> None:
    """JSON for programs: dates and other values as strings, UTF-8 as is."""
    sys.stdout.write(json.dumps(value, default=str, ensure_ascii=False, indent=1) + "\n")


def fail(message: str, code: int = 1) -> NoReturn:
    """Print `error: message` on stderr and exit with `code` (1: the work failed, 2: bad usage)."""
    err.print(Text.assemble(("error:", "bold red"), " ", printable(message)), highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def settings_from(db: Path | None = None, batch_size: int | None = None) -> Settings:
    """The command's settings: its options, else the environment, else the defaults. A variable
    newsfacts cannot use is one sentence and exit code 1, not a traceback."""
    try:
        return Settings.from_env(os.environ, db, batch_size)
    except NewsfactsError as e:
        fail(str(e))
