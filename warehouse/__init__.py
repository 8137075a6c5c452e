"""The warehouse's SQL: numbered migrations (NNN_name.sql) and the views analysts query."""

from __future__ import annotations

from importlib.resources import files


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration shipped with this package, in order."""
    out = []
    for entry in files(__name__).iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:3].isdigit():
            out.append((int(name[:3]), name, entry.read_text(encoding="utf-8")))
    return sorted(out)
