"""Fuzzing the reader: arbitrary bytes and hostile but well-formed-looking files (.txt with
headers, .json, .jsonl, .html pages, RSS and Atom feeds) in UTF-8, UTF-16 with and without a BOM
and legacy encodings, with invisible and bidi characters, huge numbers, deep nesting and broken
markup, through the entry points a run uses: the planner and `extract_and_validate` over a real
folder, `read_file` for each file, `entries` and `page_record` for fetched feeds and pages.

Properties: nothing raises; each file gives articles or failures, a failure names its file (or
its line) and says why; an article's text is stored as reading promises (normalised: no
invisible characters, no carriage returns; its title where `title_end` says); its id is the
hash of its text, the same for the same bytes under another name and the same with invisible
characters inserted; the batch's articles pass ArticleModel and every loaded fact's evidence is
the stored text at its offsets.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import polars as pl
from fuzz_support import ANY_TEXT, FUZZ, count, war_news, with_invisibles
from hypothesis import given
from hypothesis import strategies as st

from ingest.extract.numbers import MAX_DIGITS
from ingest.read.discovery import undecodable_name
from ingest.read.files import RawArticle, ReadFailure, article_key, read_file
from ingest.read.normalize import normalize_text
from ingest.read.pages import page_record
from ingest.read.plan import plan_run
from ingest.read.web.feeds import Entry, entries, looks_like_feed
from ingest.run.batch import extract_and_validate
from schemas.articles import ArticleModel
from schemas.frames import FILE_SCHEMA
from schemas.vocabulary import DATE_PRECISIONS

TEXT = st.one_of(ANY_TEXT, war_news(max_sentences=4))
HUGE_NUMBER = st.one_of(
    st.integers(2**63 - 2, 2**64 + 2).map(str),
    st.integers(10**20, 10**400).map(str),
    st.integers(4000, 6000).map(lambda n: "7" * n),  # past Python's 4,300-digit int limit
    st.sampled_from(["1e999", "-1e999", "NaN", "Infinity", "-0", "1.5e308", "0.0000001"]),
)

# --- JSON: records with hostile fields, raw numbers pasted in, deep nesting -----------------------

_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), TEXT
)
_JSON_VALUE = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(TEXT, inner, max_size=3)),
    max_leaves=8,
)
_PUBLISHED = st.one_of(
    st.sampled_from(
        [
            "2025-06-02", "2025-13", "2025-02-30", "0000-00-00", "9999-12-31T23:59:59Z", "May 2025",
            "11:34, May 24, 2025", "24 May 2025", "Feb 30, 2025", "yesterday", "", "2025-06",
        ]
    ),
    TEXT,
    _JSON_VALUE,
)  # fmt: skip
RECORD = st.fixed_dictionaries(
    {"text": st.one_of(TEXT, TEXT, _JSON_VALUE)},
    optional={
        "title": st.one_of(TEXT, _JSON_VALUE),
        "published": _PUBLISHED,
        "url": st.one_of(st.sampled_from(["https://news.example/a", "javascript:alert(1)", ""]), TEXT),
        "_source": st.one_of(
            st.sampled_from(["https://news.example/x", " HTTP://a ", "in/good.txt", "/etc/passwd", ""]),
            _JSON_VALUE,
        ),
        "extra": _JSON_VALUE,
    },
)


def _with_raw_number(doc: str, number: str) -> str:
    """A JSON object with a raw number literal added as a field (json.dumps cannot write one
    past the int limit, nor NaN where a reader chokes on it)."""
    return doc[:-1] + f', "n": {number}}}' if doc.endswith("}") and len(doc) > 2 else doc


JSON_RECORD_TEXT = st.one_of(
    RECORD.map(lambda r: json.dumps(r, ensure_ascii=False)),
    RECORD.map(json.dumps),
    st.tuples(RECORD.map(json.dumps), HUGE_NUMBER).map(lambda p: _with_raw_number(*p)),
    st.integers(1, 3000).map(lambda n: "[" * n + "]" * n),
    st.integers(1, 3000).map(lambda n: '{"text": ' * n + '"x"' + "}" * n),
    HUGE_NUMBER,
    st.sampled_from(['{"text": "a", "text": 5}', "{'text': 'single quotes'}", '{"text": "\\ud800"}', "[]"]),
    _JSON_VALUE.map(json.dumps),
)
JSON_FILE = st.one_of(
    JSON_RECORD_TEXT,
    st.lists(JSON_RECORD_TEXT, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
)
JSONL_FILE = st.builds(
    lambda lines, seps: "".join(line + sep for line, sep in zip(lines, seps, strict=False)),
    st.lists(st.one_of(JSON_RECORD_TEXT, TEXT), min_size=1, max_size=6),
    st.lists(st.sampled_from(["\n", "\r\n", "\n\n", "\r", "\u2028"]), min_size=6, max_size=6),
)

# --- text files with the header styles of news exports ---------------------------------------------

_HEADER = st.one_of(
    st.builds("date {}-{:02d}-{:02d}\n".format, st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99)),
    st.builds("date {}-{:02d}\n".format, st.integers(0, 9999), st.integers(0, 99)),
    st.builds(
        "Published: {} | {}\n".format, st.one_of(st.sampled_from(["May 24, 2025", "31/02/2025"]), TEXT), TEXT
    ),
    st.just(""),
)
TXT_FILE = st.builds(
    lambda header, title, body: header + title + body,
    _HEADER,
    st.one_of(st.just(""), TEXT.map(lambda t: t.split("\n", 1)[0][:250] + "\n")),
    TEXT,
)

# --- HTML pages: tag soup, scripts, entities, comments ---------------------------------------------

_TAGS = ["p", "div", "article", "main", "script", "style", "noscript", "nav", "footer", "h1", "title", "svg"]
_HTML_PIECE = st.one_of(
    TEXT.map(lambda t: t.replace("<", "&lt;")),
    st.sampled_from(_TAGS).map(lambda t: f"<{t}>"),
    st.sampled_from(_TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from(
        [
            "&#x202e;", "&#0;", "&#99999999;", "&#xd800;", "&shy;", "&nbsp;", "<![CDATA[x]]>", "<!-- c -->",
            "<!--", "<p", '<a href="javascript:x">', "<br/>", "<?xml version='1.0'?>", "</html>", "<html>",
            '<meta charset="utf-16">', '<meta name="date" content="2099-01-01">', '<img src=x onerror=alert(1)>',
            '<p title="' + "x" * 5000 + '">',
        ]
    ),
)  # fmt: skip
HTML_PAGE = st.builds(
    lambda start, pieces: start + "".join(pieces),
    st.sampled_from(
        ["<!DOCTYPE html>", "<html>", "<!-- saved -->\n<html lang=en>", "  <HTML>", "<!doctype html>"]
    ),
    st.lists(_HTML_PIECE, max_size=30),
)

# --- feeds --------------------------------------------------------------------------------------

_ENTRY = st.builds(
    "<item><title>{}</title><link>{}</link><pubDate>{}</pubDate></item>".format,
    TEXT.map(lambda t: t.replace("<", "&lt;").replace("&", "&amp;")),
    st.sampled_from(
        ["https://news.example/a", "/relative", "", " https://x.example/b ", "javascript:x", "&bad;"]
    ),
    st.sampled_from(["Mon, 02 Jun 2025 10:00:00 GMT", "garbage", "Mon, 31 Feb 2025 10:00:00 GMT", ""]),
)
FEED = st.one_of(
    st.builds(
        lambda items: '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        + "".join(items)
        + "</channel></rss>",
        st.lists(_ENTRY, max_size=5),
    ),
    st.builds(
        lambda items: '<feed xmlns="http://www.w3.org/2005/Atom">'
        + "".join(f'<entry><title>{i}</title><link href="https://a.example/{i}"/></entry>' for i in items)
        + "</feed>",
        st.lists(st.integers(0, 5), max_size=4),
    ),
    st.sampled_from(
        [
            '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><item><title>&x;</title><link>https://a.example</link></item></channel></rss>',
            '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><rss><channel><item><title>&d;</title><link>https://a.example</link></item></channel></rss>',
            "<rss><channel><item><link>https://a.example",
            "<html><body>Not found</body></html>",
        ]
    ),
    TEXT,
)  # fmt: skip

# --- encodings ------------------------------------------------------------------------------------

ENCODINGS = st.sampled_from(
    ["utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-be+bom", "utf-16-le", "utf-16-be", "latin-1", "cp1251"]
)


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16-be+bom":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    return text.encode(encoding, errors="replace")


SUFFIXED = st.one_of(
    st.tuples(st.just(".txt"), st.one_of(TXT_FILE, HTML_PAGE)),
    st.tuples(st.just(".json"), JSON_FILE),
    st.tuples(st.just(".jsonl"), JSONL_FILE),
    st.tuples(st.just(".html"), HTML_PAGE),
)
FILE = st.one_of(
    st.tuples(SUFFIXED, ENCODINGS).map(lambda p: (p[0][0], encode(p[0][1], p[1]))),
    st.tuples(st.sampled_from([".txt", ".json", ".jsonl", ".html"]), st.binary(max_size=2048)),
)

# the bytes of a file's name between its number and its suffix: Latin-1 and other non-UTF-8 bytes too
NAME = st.one_of(st.just(b""), st.binary(max_size=12).map(lambda b: b.replace(b"/", b"").replace(b"\0", b"")))


def _check_items(path: Path, items: list[RawArticle | ReadFailure]) -> None:
    assert items, path
    for item in items:
        # a record's "_source" URL (a fetched page or export kept as a file) is its name
        assert item.source.startswith(str(path)) or item.source.lower().startswith(("http://", "https://"))
        if isinstance(item, ReadFailure):
            assert item.reason.strip(), item
            continue
        assert isinstance(item, RawArticle), item
        text = item.text
        assert text.strip() and "\r" not in text, item
        assert normalize_text(text) == text, item  # no invisible characters left
        assert item.article_id == article_key(text)
        assert 0 <= item.title_end <= len(text)
        assert item.title_end == 0 or text[: item.title_end] == item.title, item
        assert item.date_precision in DATE_PRECISIONS
        assert (item.published_at is None) == (item.date_precision == "unknown"), item
        assert item.published_at is None or isinstance(item.published_at, dt.date)


def _ids(items: list[RawArticle | ReadFailure]) -> list[Any]:
    return [(i.article_id, i.text) if isinstance(i, RawArticle) else i.reason for i in items]


@FUZZ
@given(files=st.lists(st.tuples(FILE, NAME), min_size=1, max_size=4), batch_size=st.integers(1, 3))
def test_fuzz_a_folder_of_hostile_files_is_read_extracted_and_validated_without_raising(
    files: list[tuple[tuple[str, bytes], bytes]], batch_size: int
) -> None:
    count("read_folder")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "in")
        folder.mkdir()
        paths, badly_named = [], []
        for n, ((suffix, data), name) in enumerate(files):
            path = Path(os.fsdecode(os.fsencode(folder) + b"/f%d" % n + name + suffix.encode()))
            path.write_bytes(data)
            (paths if undecodable_name(str(path)) is None else badly_named).append(path)
        n_items = {}
        for path in paths:
            items = read_file(path)
            _check_items(path, items)
            n_items[str(path)] = len(items)
            again = Path(tmp, "again" + path.suffix)  # the same bytes under another name
            again.write_bytes(path.read_bytes())
            assert _ids(read_file(again)) == _ids(items)

        # the folder's article files are found by the walk; a page is read when named directly
        named = [str(p) for p in paths + badly_named if p.suffix == ".html"]
        plan = plan_run([str(folder), *named], pl.DataFrame(schema=FILE_SCHEMA), batch_size)
        assert sorted(plan.files.get_column("path")) == sorted(map(str, paths))
        assert len(plan.missing) == len(badly_named)  # each a failure, the others read
        assert all(f.source.encode() and f.reason for f in plan.missing)
        for batch in plan.batches:
            result = extract_and_validate(batch, None, "fuzz-run")
            ArticleModel.validate(result.articles, lazy=True)
            texts = dict(result.articles.select("article_id", "text").iter_rows())
            for f in result.facts.iter_rows(named=True):
                assert texts[f["article_id"]][f["evidence_start"] : f["evidence_end"]] == f["evidence"]
                assert 0 <= f["value"] < 10**MAX_DIGITS
            # the batch read what each of its files gives alone: its articles and failures
            assert result.n_read == sum(n_items[part.path] for part in batch.parts)


@FUZZ
@given(
    text=TEXT,
    suffix=st.sampled_from([".txt", ".json"]),
    positions=st.lists(st.integers(0, 10**6), max_size=8),
)
def test_fuzz_invisible_characters_change_no_article_id(text: str, suffix: str, positions: list[int]) -> None:
    count("invisible_ids")
    hidden = with_invisibles(text, positions)
    with tempfile.TemporaryDirectory() as tmp:
        plain, marked = Path(tmp, "plain" + suffix), Path(tmp, "marked" + suffix)
        for path, t in ((plain, text), (marked, hidden)):
            path.write_text(json.dumps({"text": t}) if suffix == ".json" else t, encoding="utf-8")
        assert _ids(read_file(marked)) == _ids(read_file(plain))


@FUZZ
@given(page=st.one_of(HTML_PAGE, TEXT), encoding=ENCODINGS)
def test_fuzz_a_page_is_a_record_with_text_or_a_reason(page: str, encoding: str) -> None:
    count("page_record")
    record = page_record("https://news.example/p", None, encode(page, encoding))
    if isinstance(record, str):
        assert record.strip()
    else:
        assert isinstance(record["text"], str) and record["text"].strip()
        json.dumps(record, ensure_ascii=False)  # the fetcher keeps it as JSON


@FUZZ
@given(feed=FEED, encoding=ENCODINGS, content_type=st.sampled_from(["application/rss+xml", "text/plain", ""]))
def test_fuzz_a_feed_gives_entries_or_a_reason(feed: str, encoding: str, content_type: str) -> None:
    count("feed_entries")
    body = encode(feed, encoding)
    looks_like_feed(body, content_type)
    found = entries(body, "https://news.example/feed.xml", limit=50)
    if isinstance(found, str):
        assert found.strip()
        return
    assert len(found) <= 50
    assert len({e.url for e in found}) == len(found)
    for e in found:
        assert isinstance(e, Entry) and isinstance(e.url, str) and e.url
        assert e.title is None or (e.title.strip() == e.title and e.title)
        assert e.published is None or dt.date.fromisoformat(e.published)
