"""The warehouse's SQL: numbered migrations (migrations/NNN_name.sql) and every statement the
code runs (queries/NAME.sql), loaded by name. Python names a query; values go in as parameters.

A query file holds one statement, or several that run together, each under a `-- name: NAME`
line: `sql("FILE.NAME")` is one of them, `statements("FILE")` all of them in order."""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

_NAME = re.compile(r"^-- name: (\w+)\s*$", re.MULTILINE)


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration shipped with this package, in order."""
    out = []
    for entry in files(__name__).joinpath("migrations").iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:3].isdigit():
            out.append((int(name[:3]), name, entry.read_text(encoding="utf-8")))
    return sorted(out)


@cache
def sql(name: str) -> str:
    """The text of warehouse/queries/NAME.sql, or with NAME = "FILE.PART" the statement under
    `-- name: PART` in FILE.sql."""
    file, _, part = name.partition(".")
    if not part:
        return _text(file)
    found = dict(statements(file))
    if part not in found:
        raise KeyError(f"no statement named {part!r} in warehouse/queries/{file}.sql")
    return found[part]


@cache
def statements(file: str) -> tuple[tuple[str, str], ...]:
    """(name, sql) of each `-- name:` part of warehouse/queries/FILE.sql, in order."""
    parts = _NAME.split(_text(file))
    return tuple((parts[i], parts[i + 1].strip()) for i in range(1, len(parts), 2))


def _text(file: str) -> str:
    path = files(__name__).joinpath("queries", f"{file}.sql")
    if not path.is_file():
        raise KeyError(f"no query named {file!r} in warehouse/queries")
    return path.read_text(encoding="utf-8")
