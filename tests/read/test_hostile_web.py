"""The fetch stage against a hostile web on a real HTTP server on 127.0.0.1 (tests/_support/newsweb.py):
feeds that are not XML, a redirect loop, pages that never end, a page full of scripts and huge
attributes. Each bad URL is a failure with its reason; the good pages of the same fetch still come."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from newsweb import ATTRIBUTE_BYTES, SCRIPT_TEXT, NewsWeb

from ingest.read.files import RawArticle, read_file
from ingest.read.web.fetch import FetchReport, fetch_urls
from ingest.settings import FetchSettings
from ingest.store.connection import writer

# short limits, so that a page that never ends costs this test about a second
HOSTILE = FetchSettings(timeout_s=1.0, deadline_s=1.5, retries=1, backoff_s=0.05, max_page_bytes=2 * 2**20)
GOOD = "/news/odesa-drones.html"


@pytest.fixture
def wh(db: Path) -> Path:
    with writer(db):
        pass
    return db


def fetch(web: NewsWeb, wh: Path, *paths: str) -> FetchReport:
    """Fetch the given paths together with a good page, in one fetch as a run does."""
    return fetch_urls([web.url(p) for p in (*paths, GOOD)], wh, "r1", settings=HOSTILE)


def articles(report: FetchReport) -> dict[str, RawArticle]:
    found = [a for p in report.paths for a in read_file(Path(p)) if isinstance(a, RawArticle)]
    return {a.source: a for a in found}


def reasons(report: FetchReport) -> dict[str, str]:
    return {f.source: f.reason for f in report.failures}


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/not-xml-feed.xml", "not an RSS or Atom feed"),
        ("/junk-feed.xml", "not a readable RSS or Atom feed: "),
    ],
    ids=["html-error-page-sent-as-rss", "junk-sent-as-xml"],
)
def test_a_feed_that_is_not_xml_is_a_failure_with_its_reason(
    news_web: NewsWeb, wh: Path, path: str, reason: str
) -> None:
    report = fetch(news_web, wh, path)

    assert reasons(report)[news_web.url(path)].startswith(reason)
    assert "Content-type" not in reasons(report)[news_web.url(path)]  # feedparser's words, not ours
    assert list(articles(report)) == [news_web.url(GOOD)]


def test_a_redirect_loop_is_a_failure_not_a_crash(news_web: NewsWeb, wh: Path) -> None:
    report = fetch(news_web, wh, "/loop/a")

    assert reasons(report) == {news_web.url("/loop/a"): "too many redirects (more than 20), most likely a loop"}
    assert list(articles(report)) == [news_web.url(GOOD)]


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/endless/slow", "took longer than 1.5 s to download"),
        ("/endless/fast", "more than 2.0 MB, over the cap: stopped reading"),
    ],
    ids=["trickles-forever", "floods-forever"],
)
def test_a_page_that_never_ends_is_cut_off_by_the_deadline_or_the_size_cap(
    news_web: NewsWeb, wh: Path, path: str, reason: str
) -> None:
    before = news_web.hits[path]
    started = time.monotonic()
    report = fetch(news_web, wh, path)

    assert reasons(report) == {news_web.url(path): reason}
    assert news_web.hits[path] - before == 1  # not retried: another try would only last as long
    assert time.monotonic() - started < 10
    assert list(articles(report)) == [news_web.url(GOOD)]


def test_scripts_styles_and_huge_attributes_stay_out_of_the_article(news_web: NewsWeb, wh: Path) -> None:
    report = fetch(news_web, wh, "/scripts.html")
    got = articles(report)
    page = got[news_web.url("/scripts.html")]

    assert not report.failures
    assert SCRIPT_TEXT not in page.text and "AAAA" not in page.text
    assert page.title == "Drones over Sumy"
    assert page.text.split("\n") == [
        "Drones over Sumy",
        "Russia launched 31 drones at the Sumy region overnight, the Ukrainian air force said.",
        "Air defences shot down 27 of them, according to the same statement.",
        "Two people were injured in Sumy, the regional governor said.",
    ]
    assert len(page.text) < ATTRIBUTE_BYTES // 100
    assert news_web.url(GOOD) in got


def test_a_feed_of_hostile_pages_brings_its_good_pages_and_a_reason_for_each_bad_one(
    news_web: NewsWeb, wh: Path
) -> None:
    report = fetch_urls([news_web.url("/hostile-feed.xml")], wh, "r1", settings=HOSTILE)

    assert set(reasons(report)) == {news_web.url(p) for p in ("/loop/a", "/endless/slow", "/endless/fast")}
    assert set(articles(report)) == {news_web.url("/scripts.html"), news_web.url("/news/prisoner-swap.html")}
