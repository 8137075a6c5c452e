"""The warehouse's SQL: numbered migrations (migrations/NNN_name.sql) and every statement the
code runs (queries/NAME.sql), loaded by name."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


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
    """The text of warehouse/queries/NAME.sql."""
    path = files(__name__).joinpath("queries", f"{name}.sql")
    if not path.is_file():
        raise KeyError(f"no query named {name!r} in warehouse/queries")
    return path.read_text(encoding="utf-8")
