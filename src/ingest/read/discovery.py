"""Finding article files: the one folder walker, used by the planner and the inbox.

Folders are walked recursively in name order by whoever sorts the result; a file named directly
is taken whatever its suffix, a path that does not exist becomes a `ReadFailure`. An entry the
walk cannot look into (a symlink loop, a folder it may not read, a file gone mid-walk) becomes a
`ReadFailure` of its own: the rest of the folder is still found. So does a file whose name is
not UTF-8.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path

from ingest.read.files import ARTICLE_SUFFIXES, ReadFailure, passing_failure


def walk(
    folder: str | Path,
    skip_hidden: bool = False,
    skip_top: Collection[str] = (),
    failures: list[ReadFailure] | None = None,
) -> Iterator[os.DirEntry[str]]:
    """Article files (by suffix) under `folder`; `skip_top` names subfolders of `folder` itself
    to leave out, `skip_hidden` leaves out names starting with a dot. Entries that cannot be
    looked into are left out, each added to `failures` with its reason when a list is given."""
    try:
        entries = os.scandir(folder)
    except OSError as err:
        _note(failures, str(folder), err)
        return
    with entries:
        for e in entries:
            if skip_hidden and e.name.startswith("."):
                continue
            try:
                if e.is_dir(follow_symlinks=False):
                    if e.name not in skip_top:
                        yield from walk(e.path, skip_hidden, failures=failures)
                    continue
                is_article = e.name.lower().endswith(ARTICLE_SUFFIXES) and e.is_file()
            except OSError as err:  # a symlink loop, a link into a folder it may not read
                _note(failures, e.path, err)
                continue
            if is_article:
                bad_name = undecodable_name(e.path)
                if bad_name is None:
                    yield e
                elif failures is not None:
                    failures.append(bad_name)


def discover_files(paths: Iterable[str]) -> tuple[list[tuple[str, int, int]], list[ReadFailure]]:
    """(path, size, mtime_ns) of the article files under files and folders, and the paths that do
    not exist or cannot be looked into, with their reasons."""
    found: list[tuple[str, int, int]] = []
    missing: list[ReadFailure] = []
    for raw in paths:
        p = Path(raw)
        try:
            if p.is_dir():
                in_folder: list[tuple[str, int, int]] = []
                for e in walk(str(p), failures=missing):
                    try:
                        in_folder.append(_stat(e))
                    except OSError as err:  # gone (or made unreachable) since the folder was listed
                        _note(missing, e.path, err)
                found.extend(sorted(in_folder))
            elif p.is_file():
                bad_name = undecodable_name(str(p))
                if bad_name is not None:
                    missing.append(bad_name)
                    continue
                st = p.stat()
                found.append((str(p), st.st_size, st.st_mtime_ns))
            elif p.is_symlink():
                missing.append(ReadFailure(str(p), "a symbolic link to nothing (or a loop of links)"))
            else:
                missing.append(ReadFailure(str(p), "no such file or folder"))
        except OSError as err:
            _note(missing, str(p), err)
    return found, missing


def discover(paths: Iterable[str | Path]) -> tuple[list[Path], list[ReadFailure]]:
    """Article files under the given files and folders (folders recursively, in name order),
    found as a run's planner finds them."""
    found, missing = discover_files(str(p) for p in paths)
    return [Path(path) for path, _, _ in found], missing


def undecodable_name(path: str) -> ReadFailure | None:
    """A file whose name is not UTF-8 (Latin-1 bytes, say), which the OS hands to Python with
    surrogates in it and which polars and DuckDB refuse: a failure showing the bytes escaped."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        shown = os.fsencode(path).decode("utf-8", "backslashreplace")
        return ReadFailure(shown, "the file name is not UTF-8 text: rename the file to read it")
    return None


def _stat(e: os.DirEntry[str]) -> tuple[str, int, int]:
    st = e.stat()
    return e.path, st.st_size, st.st_mtime_ns


def _note(failures: list[ReadFailure] | None, path: str, error: OSError) -> None:
    if failures is not None:
        failures.append(passing_failure(path, error))
