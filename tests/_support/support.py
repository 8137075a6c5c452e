"""Helpers for tests: writing our own articles into temp folders, reading a warehouse."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import duckdb


def write(folder: Path, name: str, text: str) -> Path:
    """Write an article (dedented) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def rows(db: Path, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    """The rows a query returns from a warehouse file, read-only and closed again."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()
