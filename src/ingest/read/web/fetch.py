"""The fetch stage: URLs in, files for the planner out.

Each URL given to a run is a feed (RSS/Atom), an article page (HTML) or a JSONL export, told
apart by what the server sends (or by what the config says it should be). A feed's entries
link to article pages; an entry whose URL the warehouse already holds as a source is not
requested at all. Pages become JSON records `{"_source": URL, "url", "title", "published",
"text"}` kept in `<warehouse>.web/pages/`, and from there they take the same path as files:
plan → read → extract → validate → load, so an article whose text the warehouse already holds
(same hash) is not extracted again. A URL that fails becomes a `ReadFailure` with its reason;
the others go on.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import polars as pl

from ingest.read.files import ReadFailure, decode
from ingest.read.pages import page_record
from ingest.read.web import cache as webcache
from ingest.read.web.cache import CacheRow, Validators
from ingest.read.web.client import Fetched, FetchFailure, FetchSettings, WebClient
from ingest.read.web.feeds import Entry, entries, looks_like_feed
from ingest.store.counts import PageCounts


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


@dataclass
class FetchReport:
    """What the fetch stage hands the planner, and what it did."""

    paths: list[str] = field(default_factory=list)  # kept files to read this run
    failures: list[ReadFailure] = field(default_factory=list)
    fetched: int = 0  # bodies downloaded (200)
    not_modified: int = 0  # 304: the kept copy stands
    known: int = 0  # feed entries the warehouse holds already: not requested

    def pages(self) -> PageCounts:
        return PageCounts(self.fetched, self.not_modified, self.known)


def fetch_urls(
    urls: Iterable[str],
    db: str | Path,
    run_id: str,
    known: Path | None = None,
    settings: FetchSettings | None = None,
    expect: dict[str, str] | None = None,
) -> FetchReport:
    """Fetch feeds, pages and exports into `<db>.web/`; `known` is the run's snapshot of the
    warehouse's sources (Parquet with a `source` column); `expect` maps a URL to the kind the
    config says it is ("feed", "page" or "export")."""
    todo = list(dict.fromkeys(urls))
    report = FetchReport()
    if not todo:
        return report
    settings = settings or FetchSettings()
    work = _Fetcher(db, settings, webcache.load(db), report)
    with WebClient(settings) as client, ThreadPoolExecutor(settings.workers) as pool:
        work.client = client
        found = [e for got in pool.map(work.top, todo, [(expect or {}).get(u) for u in todo]) for e in got]
        fresh = _unknown(found, known, set(todo))
        report.known += len({e.url for e in found}) - len(fresh)
        list(pool.map(work.entry_page, fresh))
    webcache.save(db, run_id, work.rows)
    report.paths.sort()
    return report


def _unknown(found: list[Entry], known: Path | None, asked: set[str]) -> list[Entry]:
    """Entries not yet in the warehouse (by URL), each once; pages asked for directly are
    fetched as such."""
    unique = {e.url: e for e in found if e.url not in asked}
    if unique and known is not None and known.exists():
        held = set(
            pl.scan_parquet(known, glob=False)
            .filter(pl.col("source").is_in(list(unique)))
            .select("source")
            .collect()
            .get_column("source")
            .to_list()
        )
        unique = {u: e for u, e in unique.items() if u not in held}
    return list(unique.values())


class _Fetcher:
    """The work of one run, shared by the fetching threads."""

    def __init__(
        self, db: str | Path, settings: FetchSettings, cache: dict[str, Validators], report: FetchReport
    ) -> None:
        self.db = db
        self.settings = settings
        self.cache = cache
        self.report = report
        self.rows: list[CacheRow] = []
        self.client: WebClient | None = None
        self._guard = threading.Lock()

    def top(self, url: str, expect: str | None) -> list[Entry]:
        """A URL given to the run: a feed's entries come back, a page or an export is kept."""
        export = expect == "export" or _path_of(url).endswith(".jsonl")
        got = self._get(url, self.settings.max_export_bytes if export else None)
        if got is None:
            return []
        if got.not_modified:
            v = self.cache[url]
            self._done(url, v.kind, got, v.cache_file)
            if v.kind == "feed":
                return self._entries(url, Path(v.cache_file).read_bytes())
            self._keep(v.cache_file)
            return []
        ctype = got.content_type.lower()
        kind = expect or ("export" if export or "ndjson" in ctype or "jsonl" in ctype else None)
        if kind is None:
            kind = "feed" if looks_like_feed(got.body, got.content_type) else "page"
        if kind == "feed":
            if not looks_like_feed(got.body, got.content_type):
                ctype = got.content_type.split(";")[0] or "no Content-Type"
                self._fail(url, f"not an RSS or Atom feed (the server sent {ctype})")
                return []
            path = webcache.cache_file(self.db, url, "feed")
            webcache.write_if_changed(path, got.body)
            self._done(url, "feed", got, str(path))
            return self._entries(url, got.body)
        if kind == "export":
            self._export(url, got)
        else:
            self._page(url, got)
        return []

    def entry_page(self, entry: Entry) -> None:
        got = self._get(entry.url)
        if got is None:
            return
        if got.not_modified:
            v = self.cache[entry.url]
            self._done(entry.url, "page", got, v.cache_file)
            self._keep(v.cache_file)
            return
        self._page(entry.url, got, entry.title, entry.published)

    def _get(self, url: str, max_bytes: int | None = None) -> Fetched | None:
        assert self.client is not None
        v = self.cache.get(url)
        got = self.client.get(url, v.etag if v else None, v.last_modified if v else None, max_bytes)
        if isinstance(got, FetchFailure):
            self._fail(url, got.reason)
            return None
        if got.not_modified and v is None:
            self._fail(url, "the server answered 304 Not Modified to a request that asked for the page")
            return None
        with self._guard:
            if got.not_modified:
                self.report.not_modified += 1
            else:
                self.report.fetched += 1
        return got

    def _entries(self, url: str, body: bytes) -> list[Entry]:
        found = entries(body, url, self.settings.max_entries)
        if isinstance(found, str):
            self._fail(url, found)
            return []
        return found

    def _page(self, url: str, got: Fetched, title: str | None = None, published: str | None = None) -> None:
        record = page_record(url, got.final_url, got.body, title, published)
        if isinstance(record, str):
            self._fail(url, record)
            return
        path = webcache.cache_file(self.db, url, "page")
        webcache.write_if_changed(path, json.dumps(record, ensure_ascii=False, indent=1).encode())
        self._done(url, "page", got, str(path))
        self._keep(str(path))

    def _export(self, url: str, got: Fetched) -> None:
        text = decode(got.body)
        if isinstance(text, ReadFailure):
            self._fail(url, text.reason)
            return
        path = webcache.cache_file(self.db, url, "export")
        webcache.write_if_changed(path, _with_sources(text, url).encode())
        self._done(url, "export", got, str(path))
        self._keep(str(path))

    def _done(self, url: str, kind: str, got: Fetched, path: str) -> None:
        v = self.cache.get(url)
        etag = got.etag or (v.etag if v and got.not_modified else None)
        modified = got.last_modified or (v.last_modified if v and got.not_modified else None)
        with self._guard:
            self.rows.append(CacheRow(url, kind, etag, modified, path, got.status))

    def _keep(self, path: str) -> None:
        with self._guard:
            self.report.paths.append(path)

    def _fail(self, url: str, reason: str) -> None:
        with self._guard:
            self.report.failures.append(ReadFailure(url, reason))


def _with_sources(text: str, export_url: str) -> str:
    """A JSONL export with each record's source set: its own `url`, or the export's URL and
    line, so that a record is known by where it came from, not by our cache file."""
    out = []
    for n, line in enumerate(text.split("\n"), start=1):
        try:
            item = json.loads(line) if line.strip() else None
        except (ValueError, RecursionError):
            item = None  # the reader reports it, with its line number
        if isinstance(item, dict) and not item.get("_source"):
            url = item.get("url")
            item["_source"] = url if isinstance(url, str) and is_url(url) else f"{export_url}#L{n}"
            line = json.dumps(item, ensure_ascii=False)
        out.append(line)
    return "\n".join(out)


def _path_of(url: str) -> str:
    return urlsplit(url).path.lower()
