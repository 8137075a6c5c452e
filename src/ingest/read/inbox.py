"""Folders used as an inbox: files dropped in are read once, then moved out of the way.

With `move_processed`, a run first moves each new file into `processed/` (under a name no
earlier file had there) and reads it from there, so the warehouse knows an article by where it
now lives, and a later file with the same name is a new article, not a new version of the old
one. A file has left the inbox for good only once its run has committed: until then each move
is written down first in the run's claim journal (`processed/.claims-<run_id>.jsonl`). A run
that fails or is stopped puts its files back and drops the journal; a run that committed drops
it; a journal still there at the next run's start was left by a run killed before it could (the
run lock says no other run is alive): the warehouse says whether that run committed, and if not
its files go back to the inbox before anything is claimed, else they stay where they were read.
An inbox folder is therefore read by the runs of one warehouse only. With `move_rejected`, a
file that yielded no article at all (empty, binary, broken JSON…) goes to `rejected/` after the
run, with `<name>.reason.txt` beside it. Both folders sit inside the inbox and are never read as
input.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable
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


def claim(
    folders: Iterable[str],
    move_processed: bool,
    run_id: str = "local",
    committed: Callable[[str], bool] = lambda run_id: False,
) -> list[Claim]:
    """The files to read from these inbox folders, moved into `processed/` first if asked (each
    move journaled for `run_id`). Claims that dead runs left behind go back to the inbox first,
    unless `committed(their run id)`: that run was loaded, and killed before it dropped its journal."""
    claims: list[Claim] = []
    for raw in folders:
        folder = Path(raw)
        if not move_processed:
            claims.extend(Claim(raw, str(f), str(f)) for f in pending(folder))
            continue
        for left in sorted((folder / PROCESSED).glob(".claims-*.jsonl")):
            if left == _journal(folder, run_id):
                continue
            if committed(left.name.removeprefix(".claims-").removesuffix(".jsonl")):
                left.unlink()
            else:
                _return(left)
        files = pending(folder)
        if not files:
            continue
        journal = _journal(folder, run_id)
        journal.parent.mkdir(parents=True, exist_ok=True)
        with open(journal, "a", encoding="utf-8") as notes:
            for f in files:
                target = _free(folder / PROCESSED / f.relative_to(folder))
                target.parent.mkdir(parents=True, exist_ok=True)
                notes.write(json.dumps({"from": str(f), "to": str(target)}) + "\n")
                notes.flush()  # written down before the move: a kill between the two loses nothing
                os.rename(f, target)  # same file system: atomic, and the modification time stays
                claims.append(Claim(raw, str(f), str(target)))
    return claims


def unclaim(folders: Iterable[str], run_id: str = "local") -> None:
    """Put the files `run_id` claimed from these folders back where they were dropped (after a
    failed or stopped run), as its journal lists them, and drop the journal."""
    for raw in folders:
        _return(_journal(Path(raw), run_id))


def confirm(folders: Iterable[str], run_id: str = "local") -> None:
    """The run's load has committed: its claimed files stay in `processed/` for good."""
    for raw in folders:
        with contextlib.suppress(FileNotFoundError):
            _journal(Path(raw), run_id).unlink()


def _journal(folder: Path, run_id: str) -> Path:
    return folder / PROCESSED / f".claims-{run_id}.jsonl"


def _return(journal: Path) -> None:
    """Move every file a journal lists back into the inbox (under a free name if a new file took
    its place meanwhile), then remove the journal."""
    try:
        lines = journal.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return
    for line in reversed(lines):
        try:
            move = json.loads(line)
            claimed, original = Path(move["to"]), Path(move["from"])
        except (ValueError, KeyError, TypeError):
            continue  # a line cut short by a kill: its move never happened
        if not claimed.exists():
            continue
        with contextlib.suppress(OSError):
            original.parent.mkdir(parents=True, exist_ok=True)
            os.rename(claimed, _free(original))
    journal.unlink()


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
