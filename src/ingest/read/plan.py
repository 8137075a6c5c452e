"""Planning a run: which files to read, cut into batches of about `batch_size` articles.

Files whose size and modification time are unchanged since the last run are not read again;
a large JSONL file is cut into line ranges so that no batch is bigger than the others.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import polars as pl

from ingest.read.discovery import discover_files
from ingest.read.files import ReadFailure, utf16_of
from schemas.frames import FILE_SCHEMA

SPLIT_JSONL_BYTES = 1 << 20  # JSONL files above this are cut into line ranges


@dataclass(frozen=True, slots=True)
class Part:
    """A file, or a range of lines of a JSONL file (`start`/`end` are byte offsets)."""

    path: str
    start: int = 0
    end: int = -1  # -1: the whole file
    first_line: int = 1


@dataclass(slots=True)
class Batch:
    index: int
    parts: list[Part] = field(default_factory=list)
    size: int = 0  # articles, as far as planning can tell


@dataclass
class RunPlan:
    batches: list[Batch]
    files: pl.DataFrame  # path, size, mtime_ns of the files this run reads
    unchanged_files: list[str]
    missing: list[ReadFailure]

    @property
    def n_articles(self) -> int:
        return sum(b.size for b in self.batches)


def plan_run(paths: Iterable[str], known_files: pl.DataFrame, batch_size: int) -> RunPlan:
    """Batches of the files under `paths` that changed since `known_files` (path, size, mtime_ns)."""
    found, missing = discover_files(paths)
    files = pl.DataFrame(
        found, schema=FILE_SCHEMA, orient="row"
    )
    files = files.unique("path", keep="first", maintain_order=True)
    changed = files.join(known_files, on=["path", "size", "mtime_ns"], how="anti", maintain_order="left")
    unchanged = files.join(changed, on="path", how="anti").get_column("path").to_list()
    batches: list[Batch] = []
    current = Batch(0)
    for path, size, _ in changed.iter_rows():
        for part, n in _parts(path, size, batch_size):
            if current.size and current.size + n > batch_size:
                batches.append(current)
                current = Batch(len(batches))
            current.parts.append(part)
            current.size += n
    if current.parts:
        batches.append(current)
    return RunPlan(batches, changed, unchanged, missing)


def _parts(path: str, size: int, batch_size: int) -> Iterator[tuple[Part, int]]:
    if not (path.lower().endswith(".jsonl") and size > SPLIT_JSONL_BYTES):
        yield Part(path), 1
        return
    # one pass over the file for line offsets, cut every `batch_size` lines
    try:
        cuts = list(_line_ranges(path, batch_size))
    except OSError:  # unreadable now: read whole, the reader records the reason
        yield Part(path), 1
        return
    yield from cuts


def _line_ranges(path: str, batch_size: int) -> Iterator[tuple[Part, int]]:
    """Ranges of about `batch_size` lines of a JSONL file, cut just after its newlines: the
    byte 0x0a in UTF-8, the two bytes of U+000A in UTF-16, so that a range holds whole lines of
    whole characters (the reader decodes every range with the file's encoding)."""
    start, line, first, offset = 0, 0, 1, 0
    for offset in _line_ends(path):
        line += 1
        if line - first + 1 >= batch_size:
            yield Part(path, start, offset, first), line - first + 1
            start, first = offset, line + 1
    if offset > start:
        yield Part(path, start, offset, first), line - first + 1


def _line_ends(path: str) -> Iterator[int]:
    """The byte offset just after each line of a file (the last one: its size)."""
    with open(path, "rb") as fh:
        encoding = utf16_of(fh.read(2))
        fh.seek(0)
        if encoding is None:
            offset = 0
            for raw in fh:
                offset += len(raw)
                yield offset
            return
        data = fh.read()
    newline, end = "\n".encode(encoding), 0
    at = data.find(newline)
    while at >= 0:
        if at % 2:  # the second byte of one character and the first of the next: not a newline
            at = data.find(newline, at + 1)
            continue
        end = at + 2
        yield end
        at = data.find(newline, end)
    if end < len(data):
        yield len(data)
