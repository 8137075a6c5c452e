"""The fetch stage against a real HTTP server on 127.0.0.1: feeds, pages, exports, and the ways
the web fails (a 500, a timeout, a huge page, a 404)."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from newsweb import NewsWeb

from ingest.read.files import RawArticle, read_file
from ingest.read.web.fetch import fetch_urls
from ingest.settings import FetchSettings
from ingest.store.connection import writer

FAST = FetchSettings(timeout_s=1.0, deadline_s=5.0, retries=1, backoff_s=0.05, max_page_bytes=2**20)


@pytest.fixture
def wh(db: Path) -> Path:
    with writer(db):
        pass
    return db


def reasons(report: object) -> dict[str, str]:
    return {f.source: f.reason for f in report.failures}  # type: ignore[attr-defined]


def articles(paths: list[str]) -> list[RawArticle]:
    out = []
    for p in paths:
        out += [a for a in read_file(Path(p)) if isinstance(a, RawArticle)]
    return out


def known(tmp_path: Path, sources: list[str]) -> Path:
    path = tmp_path / "known.parquet"
    pl.DataFrame(
        {"source": sources, "file": sources, "article_id": ["x"] * len(sources)},
        schema={"source": pl.String, "file": pl.String, "article_id": pl.String},
    ).write_parquet(path)
    return path


def test_a_feed_brings_its_pages_as_articles_known_by_their_url(news_web: NewsWeb, wh: Path) -> None:
    report = fetch_urls([news_web.url("/feed.xml")], wh, "r1", settings=FAST)

    got = {a.source: a for a in articles(report.paths)}
    odesa = news_web.url("/news/odesa-drones.html")
    assert set(got) >= {odesa, news_web.url("/news/prisoner-swap.html")}
    assert got[odesa].title == "Drones over Odesa"
    assert "Russia launched 40 drones at the Odesa region" in got[odesa].text
    assert "All rights reserved" not in got[odesa].text  # the page's footer is not the article
    assert all(Path(p).parent.parent == Path(f"{wh}.web") for p in report.paths)


def test_dead_slow_huge_and_missing_pages_fail_with_their_reason_and_the_rest_still_comes(
    news_web: NewsWeb, wh: Path
) -> None:
    before = news_web.hits["/broken"]
    report = fetch_urls([news_web.url("/feed.xml")], wh, "r1", settings=FAST)

    why = reasons(report)
    assert why[news_web.url("/broken")] == "HTTP 500 Internal Server Error (after 2 attempts)"
    assert news_web.hits["/broken"] - before == 2  # retried once, with backoff
    assert "timeout" in why[news_web.url("/slow")]
    assert "over the cap: stopped reading" in why[news_web.url("/huge")]
    assert why[news_web.url("/missing")] == "HTTP 404 Not Found"
    assert len(report.paths) == 2


def test_a_dead_feed_is_a_failure_not_a_crash(news_web: NewsWeb, wh: Path) -> None:
    report = fetch_urls(
        [news_web.url("/no-such-feed.xml"), news_web.url("/news/odesa-drones.html")], wh, "r1", settings=FAST
    )
    assert reasons(report) == {news_web.url("/no-such-feed.xml"): "HTTP 404 Not Found"}
    assert len(report.paths) == 1


def test_an_etag_page_is_revalidated_on_the_second_run_not_downloaded_again(
    news_web: NewsWeb, wh: Path
) -> None:
    url = news_web.url("/news/kharkiv-strike.html")
    first = fetch_urls([url], wh, "r1", settings=FAST)
    kept = Path(first.paths[0])
    mtime = kept.stat().st_mtime_ns
    before = news_web.not_modified["/news/kharkiv-strike.html"]
    second = fetch_urls([url], wh, "r2", settings=FAST)

    assert (first.fetched, first.not_modified) == (1, 0)
    assert (second.fetched, second.not_modified) == (0, 1)
    assert news_web.not_modified["/news/kharkiv-strike.html"] == before + 1
    assert second.paths == first.paths and kept.stat().st_mtime_ns == mtime
    with writer(wh) as con:
        assert con.execute("select etag, status from web_cache where url = ?", [url]).fetchall() == [
            ('"v1"', 304)
        ]


def test_a_changed_page_is_downloaded_again(news_web: NewsWeb, wh: Path) -> None:
    url = news_web.url("/news/kharkiv-strike.html")
    fetch_urls([url], wh, "r1", settings=FAST)
    news_web.etag_version += 1
    try:
        again = fetch_urls([url], wh, "r2", settings=FAST)
    finally:
        news_web.etag_version -= 1
    assert (again.fetched, again.not_modified) == (1, 0)


def test_feed_entries_already_in_the_warehouse_are_not_requested(
    news_web: NewsWeb, wh: Path, tmp_path: Path
) -> None:
    odesa = news_web.url("/news/odesa-drones.html")
    before = news_web.hits["/news/odesa-drones.html"]
    report = fetch_urls([news_web.url("/feed.xml")], wh, "r1", known(tmp_path, [odesa]), FAST)

    assert news_web.hits["/news/odesa-drones.html"] == before
    assert report.known == 1
    assert odesa not in {a.source for a in articles(report.paths)}


def test_requests_are_polite(news_web: NewsWeb, wh: Path) -> None:
    news_web.max_active = 0
    settings = FetchSettings(timeout_s=5.0, retries=0, per_host=2, workers=8)
    report = fetch_urls([news_web.url("/busy-feed.xml")], wh, "r1", settings=settings)

    assert len(report.paths) == 6 and not report.failures
    assert news_web.max_active == 2  # six pages, eight workers: two at a time on one host
    assert all(ua.startswith("newsfacts/") for ua in news_web.user_agents)


def test_an_export_keeps_each_record_known_by_its_own_url(news_web: NewsWeb, wh: Path) -> None:
    report = fetch_urls([news_web.url("/export.jsonl")], wh, "r1", settings=FAST)
    (path,) = report.paths
    items = read_file(Path(path))

    assert [a.source for a in items if isinstance(a, RawArticle)] == ["https://example.org/a"]
    assert next(f.reason for f in items if not isinstance(f, RawArticle)).startswith("broken JSON on line 2")
    assert json.loads(Path(path).read_text().splitlines()[0])["_source"] == "https://example.org/a"


def test_a_feed_source_that_serves_a_page_is_a_failure(news_web: NewsWeb, wh: Path) -> None:
    url = news_web.url("/news/odesa-drones.html")
    report = fetch_urls([url], wh, "r1", settings=FAST, expect={url: "feed"})
    assert reasons(report) == {url: "not an RSS or Atom feed (the server sent text/html)"}
