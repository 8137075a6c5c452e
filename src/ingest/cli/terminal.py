"""What every `newsfacts` command shares at the edge: the consoles, the --db option, and failing
with one sentence and an exit code."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from ingest.errors import NewsfactsError
from ingest.settings import DEFAULT_DB, Settings

# piped output (make demo, a file) is not squeezed to 80 columns: a table stays one line a row
out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help=f"warehouse file [default: $NEWSFACTS_DB or {DEFAULT_DB}]"),
]


def print_json(value: object) -> None:
    """JSON for programs: dates and other values as strings, UTF-8 as is."""
    sys.stdout.write(json.dumps(value, default=str, ensure_ascii=False, indent=1) + "\n")


def fail(message: str, code: int = 1) -> NoReturn:
    """Print `error: message` on stderr and exit with `code` (1: the work failed, 2: bad usage)."""
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def settings_from(db: Path | None = None, batch_size: int | None = None) -> Settings:
    """The command's settings: its options, else the environment, else the defaults. A variable
    newsfacts cannot use is one sentence and exit code 1, not a traceback."""
    try:
        return Settings.from_env(os.environ, db, batch_size)
    except NewsfactsError as e:
        fail(str(e))
