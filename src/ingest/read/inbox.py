"""Folders used as an inbox: files dropped in are read once, then moved out of the way.

With `move_processed`, a run first moves each new file into `processed/` (under a name no
earlier file had there) and reads it from there, so the warehouse knows an article by where it
now lives, and a later file with the same name is a new article, not a new version of the old
one. A run that fails puts the files back. With `move_rejected`, a file that yielded no article
at all (empty, binary, broken JSON…) goes to `rejected/` after the run, with `<name>.reason.txt`
beside it. Both folders sit inside the inbox and are never read as input.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from ingest.read.discovery import walk

PROCESSED = "processed"
REJECTED = "rejected"


@dataclass(frozen=True)
class Claim:
    """A file of the inbox: where it was dropped, and where this run reads it."""

    folder: str
    original: str
    path: str


def pending(folder: Path) -> list[Path]:
    """Article files in the inbox, in name order; not `processed/`, `rejected/` or hidden files
    (write a file under a hidden or other name, then rename it into the inbox)."""
    return sorted(Path(e.path) for e in walk(folder, skip_hidden=True, skip_top=(PROCESSED, REJECTED)))


def claim(folders: Iterable[str], move_processed: bool) -> list[Claim]:
    """The files to read from these inbox folders, moved into `processed/` first if asked."""
    claims: list[Claim] = []
    for raw in folders:
        folder = Path(raw)
        for f in pending(folder):
            if not move_processed:
                claims.append(Claim(raw, str(f), str(f)))
                continue
            target = _free(folder / PROCESSED / f.relative_to(folder))
            target.parent.mkdir(parents=True, exist_ok=True)
            os.rename(f, target)  # same file system: atomic, and the modification time stays
            claims.append(Claim(raw, str(f), str(target)))
    return claims


def unclaim(claims: Iterable[Claim]) -> None:
    """Put claimed files back where they were dropped (after a failed run)."""
    for c in claims:
        if c.path != c.original and Path(c.path).exists() and not Path(c.original).exists():
            with contextlib.suppress(OSError):
                os.rename(c.path, c.original)


def unreadable(failure_files: list[str], source_files: list[str]) -> dict[str, list[str]]:
    """Files that gave no article at all this run, with every reason they gave (from the run's
    staged files, listed: a glob would misread a folder named `a[1]`)."""
    failures = pl.read_parquet(failure_files, glob=False).select("source", "reason")
    if failures.is_empty():
        return {}
    read = set(pl.read_parquet(source_files, glob=False).get_column("file").to_list())
    out: dict[str, list[str]] = {}
    for source, reason in failures.iter_rows():
        file = source.split("#", 1)[0]
        if file not in read:
            out.setdefault(file, []).append(f"{source}: {reason}")
    return out


def settle(claims: Iterable[Claim], rejected: dict[str, list[str]]) -> list[tuple[str, str]]:
    """Move the claimed files that gave no article into `rejected/`, each with its reasons in
    `<name>.reason.txt`. Returns (from, to) for each move."""
    moved: list[tuple[str, str]] = []
    for c in claims:
        reasons = rejected.get(c.path)
        if not reasons or not Path(c.path).exists():
            continue
        folder = Path(c.folder)
        target = _free(folder / REJECTED / Path(c.original).relative_to(folder))
        target.parent.mkdir(parents=True, exist_ok=True)
        os.rename(c.path, target)
        target.with_name(target.name + ".reason.txt").write_text("\n".join(reasons) + "\n", encoding="utf-8")
        moved.append((c.path, str(target)))
    return moved


def _free(path: Path) -> Path:
    """`path`, or `name-2.ext`, `name-3.ext`… if a file of that name is already there."""
    if not path.exists():
        return path
    n = 2
    while True:
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        if not candidate.exists():
            return candidate
        n += 1
