"""Finding article files: the one folder walker, used by the planner and the inbox.

Folders are walked recursively in name order by whoever sorts the result; a file named directly
is taken whatever its suffix, a path that does not exist becomes a `ReadFailure`.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path

from ingest.read.files import ARTICLE_SUFFIXES, ReadFailure


def walk(folder: str | Path, skip_hidden: bool = False, skip_top: Collection[str] = ()) -> Iterator[os.DirEntry[str]]:
    """Article files (by suffix) under `folder`; `skip_top` names subfolders of `folder` itself
    to leave out, `skip_hidden` leaves out names starting with a dot."""
    with os.scandir(folder) as entries:
        for e in entries:
            if skip_hidden and e.name.startswith("."):
                continue
            if e.is_dir(follow_symlinks=False):
                if e.name not in skip_top:
                    yield from walk(e.path, skip_hidden)
            elif e.is_file() and e.name.lower().endswith(ARTICLE_SUFFIXES):
                yield e


def discover_files(paths: Iterable[str]) -> tuple[list[tuple[str, int, int]], list[ReadFailure]]:
    """(path, size, mtime_ns) of the article files under files and folders, and the paths that do
    not exist."""
    found: list[tuple[str, int, int]] = []
    missing: list[ReadFailure] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found.extend(sorted(_stat(e) for e in walk(str(p))))
        elif p.is_file():
            st = p.stat()
            found.append((str(p), st.st_size, st.st_mtime_ns))
        else:
            missing.append(ReadFailure(str(p), "no such file or folder"))
    return found, missing


def discover(paths: Iterable[str | Path]) -> tuple[list[Path], list[ReadFailure]]:
    """Article files under the given files and folders (folders recursively, in name order),
    found as a run's planner finds them."""
    found, missing = discover_files(str(p) for p in paths)
    return [Path(path) for path, _, _ in found], missing


def _stat(e: os.DirEntry[str]) -> tuple[str, int, int]:
    st = e.stat()
    return e.path, st.st_size, st.st_mtime_ns
