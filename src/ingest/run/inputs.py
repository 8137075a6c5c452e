"""A run's paths sorted by how they are read: URLs are fetched first, inbox folders have their
files claimed (moved aside) by the run, every other file and folder is read where it is."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.read import inbox
from ingest.read.inbox import Claim
from ingest.read.web.fetch import is_url
from ingest.run.progress import tell
from ingest.run.staging import Staging


@dataclass(frozen=True)
class Inputs:
    urls: list[str]
    in_place: list[str]  # files and folders read where they are
    inboxes: list[str]  # folders the run tidies (move_processed / move_rejected)

    def to_read(self, claims: Sequence[Claim], fetched: Sequence[str]) -> list[str]:
        """What the planner gets: files read in place, the claimed inbox files, the fetched pages."""
        return self.in_place + [c.path for c in claims] + list(fetched)


def sort_inputs(paths: Sequence[str], tidy_folders: bool) -> Inputs:
    """Split a run's paths; folders are inboxes only when the run tidies them."""
    local = [p for p in paths if not is_url(p)]
    inboxes = [p for p in local if Path(p).is_dir()] if tidy_folders else []
    return Inputs([p for p in paths if is_url(p)], [p for p in local if p not in inboxes], inboxes)


def settle_rejected(claims: Sequence[Claim], staging: Staging) -> list[tuple[str, str]]:
    """Move the claimed files that could not be read into `rejected/`; returns (file, moved to)."""
    try:
        return inbox.settle(claims, inbox.unreadable(staging.files("failures"), staging.files("sources")))
    except OSError as e:  # the run is loaded: a file left in place is not worth failing it for
        tell(f"could not move rejected files: {e}")
        return []
