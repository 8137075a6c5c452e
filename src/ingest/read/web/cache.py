"""What newsfacts remembers about the web between runs: each URL's validators (ETag,
Last-Modified) in the warehouse's `web_cache` table, and its last body in `<warehouse>.web/`
(feeds as XML, pages as the JSON record the reader takes, exports as JSONL).

A body is written before its row, and a 304 is only trusted while the body is still there, so
a run that dies halfway never leaves a validator without the text it stands for; the reader's
file tracking then decides whether a kept page is read again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from ingest.store.connection import writer
from schemas.frames import WEB_CACHE_SCHEMA
from warehouse import sql

_SUFFIX = {"feed": "feeds/{}.xml", "page": "pages/{}.json", "export": "exports/{}.jsonl"}


@dataclass(frozen=True)
class Validators:
    kind: str
    etag: str | None
    last_modified: str | None
    cache_file: str


@dataclass(frozen=True)
class CacheRow:
    url: str
    kind: str  # feed | page | export
    etag: str | None
    last_modified: str | None
    cache_file: str
    status: int


def cache_root(db: str | Path) -> Path:
    return Path(f"{db}.web")


def cache_file(db: str | Path, url: str, kind: str) -> Path:
    key = hashlib.blake2b(url.encode(), digest_size=10).hexdigest()
    return cache_root(db) / _SUFFIX[kind].format(key)


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write atomically, and only when the bytes differ: an unchanged file keeps its
    modification time, so the planner does not read it again."""
    if path.exists() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


def load(db: str | Path) -> dict[str, Validators]:
    """Every URL's validators whose kept body is still on disk."""
    with writer(db) as con:
        rows = con.execute(sql("web_cache.load")).fetchall()
    return {
        url: Validators(kind, etag, modified, path)
        for url, kind, etag, modified, path in rows
        if Path(path).exists()
    }


def save(db: str | Path, run_id: str, rows: list[CacheRow]) -> None:
    """Remember this run's validators (the run's fetch counts are the load stage's to record)."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    frame = pl.DataFrame(
        [tuple(getattr(r, c) for c in WEB_CACHE_SCHEMA) for r in rows],
        schema=WEB_CACHE_SCHEMA,
        orient="row",
    ).unique("url", keep="last")
    with writer(db) as con:
        con.register("fetched", frame)
        con.execute(sql("web_cache.save"), {"now": now, "run_id": run_id})
