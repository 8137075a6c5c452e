"""ingest.read.files: files in, articles or reasons out; a bad file never raises."""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import tempfile
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.read import files as read
from ingest.read.discovery import discover
from ingest.read.files import (
    RawArticle,
    ReadFailure,
    article_key,
    decode,
    parse_published,
    read_file,
)
from ingest.read.plan import plan_run
from schemas.frames import FILE_SCHEMA

D = dt.date


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def one(path: Path) -> RawArticle | ReadFailure:
    results = read_file(path)
    assert len(results) == 1, results
    return results[0]


def article(path: Path) -> RawArticle:
    got = one(path)
    assert isinstance(got, RawArticle), got
    return got


def failure(path: Path) -> ReadFailure:
    got = one(path)
    assert isinstance(got, ReadFailure), got
    assert got.source == str(path)
    return got


# --- plain text headers -------------------------------------------------------------------------


def test_day_date_header_sets_the_date_and_is_removed(tmp_path: Path) -> None:
    path = write(
        tmp_path, "a.txt", " date 2025-05-23 Drones struck a depot before dawn.\nCrews worked all day."
    )
    got = article(path)
    assert (got.published_at, got.date_precision) == (D(2025, 5, 23), "day")
    assert got.text == "Drones struck a depot before dawn.\nCrews worked all day."
    assert (got.source, got.url, got.title, got.title_end) == (str(path), None, None, 0)


def test_month_date_header_gives_the_first_of_the_month(tmp_path: Path) -> None:
    got = article(write(tmp_path, "a.txt", " date 2025-05 Drones struck a depot before dawn."))
    assert (got.published_at, got.date_precision) == (D(2025, 5, 1), "month")
    assert got.text == "Drones struck a depot before dawn."


def test_impossible_date_header_is_dropped_as_unknown(tmp_path: Path) -> None:
    got = article(write(tmp_path, "a.txt", "date 2025-02-30 Drones struck a depot."))
    assert (got.published_at, got.date_precision) == (None, "unknown")
    assert got.text == "Drones struck a depot."


def test_header_without_text_is_a_failure(tmp_path: Path) -> None:
    assert "no article text" in failure(write(tmp_path, "a.txt", " date 2025-05-23   \n\n")).reason


def test_published_line_gives_the_date_and_the_title_line_is_kept(tmp_path: Path) -> None:
    title = "Drone wave hits the southern port"
    body = "Air defences worked through the night."
    path = write(
        tmp_path,
        "a.txt",
        f"Published: 11:34, May 24, 2025 | Updated: 11:39, May 24, 2025\n{title}\n\n{body}\n",
    )
    got = article(path)
    assert (got.published_at, got.date_precision) == (D(2025, 5, 24), "day")
    assert got.title == title
    assert got.title_end == len(title)
    assert got.text == f"{title}\n\n{body}"
    assert got.text[: got.title_end] == title


def test_a_title_line_after_the_date_header_is_the_title(tmp_path: Path) -> None:
    # " date 2025-05-23 <headline>": the rest of the header line is the headline when it ends no sentence
    title = "Air defence downs 19 of 23 drones over the south"
    got = article(
        write(tmp_path, "a.txt", f" date 2025-05-23 {title}\nKYIV (Wire) - Nineteen drones were downed.")
    )
    assert (got.title, got.title_end, got.published_at) == (title, len(title), D(2025, 5, 23))


def test_title_line_without_header_is_recognised(tmp_path: Path) -> None:
    got = article(write(tmp_path, "a.txt", "Drone wave hits the port\n\nAir defences worked all night."))
    assert (got.title, got.title_end) == ("Drone wave hits the port", len("Drone wave hits the port"))
    assert (got.published_at, got.date_precision) == (None, "unknown")


def test_a_lone_title_line_is_the_text_not_a_title(tmp_path: Path) -> None:
    got = article(write(tmp_path, "a.txt", "Drone wave hits the port\n"))
    assert (got.title, got.title_end, got.text) == (None, 0, "Drone wave hits the port")


def test_no_header_plain_sentence(tmp_path: Path) -> None:
    got = article(write(tmp_path, "a.txt", "The air force said forty drones were launched."))
    assert (got.title, got.title_end, got.published_at, got.date_precision) == (None, 0, None, "unknown")
    assert got.text == "The air force said forty drones were launched."


def test_windows_line_endings_are_normalised(tmp_path: Path) -> None:
    got = article(write(tmp_path, "a.txt", b"Drone wave hits the port\r\n\r\nAir defences held.\r\n"))
    assert got.text == "Drone wave hits the port\n\nAir defences held."


def test_a_json_record_with_old_mac_line_breaks_reads_as_the_same_text_file(tmp_path: Path) -> None:
    # a JSON string can hold a lone "\r" (escaped): it is a line break, as in a text file
    text = "Drone wave hits the port\r\rAir defences held.\rTwo were hurt."
    got = article(write(tmp_path, "a.json", json.dumps({"text": text})))
    assert got.text == "Drone wave hits the port\n\nAir defences held.\nTwo were hurt."
    assert got.article_id == article(write(tmp_path, "a.txt", text.encode())).article_id


def test_an_invisible_character_inside_a_windows_line_break_leaves_one_line_break(tmp_path: Path) -> None:
    # "\r\u200b\n" read as "\n\n" was a paragraph break the text without the zero-width space has not
    text = "Drone wave hits the port\r\u200b\nAir defences held."
    assert (
        article(write(tmp_path, "a.txt", text.encode())).text
        == "Drone wave hits the port\nAir defences held."
    )
    got = article(write(tmp_path, "a.json", json.dumps({"text": text})))
    assert got.text == "Drone wave hits the port\nAir defences held."


# --- JSON and JSONL -----------------------------------------------------------------------------

RECORD = {
    "url": "https://news.example/drones",
    "title": "Drone wave hits the port",
    "published": "2025-05-24T09:00:00Z",
    "text": "Air defences worked through the night.",
}


def test_json_object_gives_one_article_with_its_title_prepended(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", json.dumps(RECORD))
    got = article(path)
    assert (got.source, got.url, got.title) == (str(path), RECORD["url"], RECORD["title"])
    assert (got.published_at, got.date_precision) == (D(2025, 5, 24), "day")
    assert got.text == f"{RECORD['title']}\n\n{RECORD['text']}"
    assert got.title_end == len(RECORD["title"])


def test_json_title_is_not_doubled_when_the_text_starts_with_it(tmp_path: Path) -> None:
    record = {**RECORD, "text": f"{RECORD['title']}\n\n{RECORD['text']}"}
    got = article(write(tmp_path, "a.json", json.dumps(record)))
    assert got.text == record["text"]
    assert got.text.count(RECORD["title"]) == 1


def test_json_month_published_value_has_month_precision(tmp_path: Path) -> None:
    got = article(write(tmp_path, "a.json", json.dumps({**RECORD, "published": "2025-05"})))
    assert (got.published_at, got.date_precision) == (D(2025, 5, 1), "month")


def test_json_list_gives_one_result_per_item_named_by_position(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", json.dumps([{"text": "First story."}, 7, {"text": "Third story."}]))
    results = read_file(path)
    assert [type(r) for r in results] == [RawArticle, ReadFailure, RawArticle]
    assert [r.source for r in results] == [f"{path}#1", f"{path}#2", f"{path}#3"]
    assert "got int" in results[1].reason


def test_jsonl_broken_line_is_a_failure_and_the_rest_still_read(tmp_path: Path) -> None:
    lines = [json.dumps({"text": "First story."}), "{not json", "", json.dumps({"text": "Fourth story."})]
    path = write(tmp_path, "a.jsonl", "\n".join(lines) + "\n")
    results = read_file(path)
    assert [type(r) for r in results] == [RawArticle, ReadFailure, RawArticle]
    assert [r.source for r in results] == [f"{path}#L1", f"{path}#L2", f"{path}#L4"]
    assert "line 2" in results[1].reason
    assert [r.text for r in results if isinstance(r, RawArticle)] == ["First story.", "Fourth story."]


def test_broken_json_file_names_the_line(tmp_path: Path) -> None:
    reason = failure(write(tmp_path, "a.json", '{\n  "text": "x",\n  oops\n}')).reason
    assert "broken JSON" in reason and "line 3" in reason


@pytest.mark.parametrize(
    "record",
    [{"title": "Headline only"}, {"text": "   "}, {"text": 42}, {"text": "\u200b \u00ad\u202e"}],
    ids=["missing", "blank", "not-a-string", "only-invisible-characters"],
)
def test_json_record_without_text_is_a_failure(tmp_path: Path, record: dict[str, object]) -> None:
    assert "no 'text'" in failure(write(tmp_path, "a.json", json.dumps(record))).reason


def test_a_json_title_of_invisible_characters_is_no_title(tmp_path: Path) -> None:
    got = article(
        write(tmp_path, "a.json", json.dumps({"title": "\u200b\u2066", "text": "Air defences held."}))
    )
    assert (got.title, got.title_end, got.text) == (None, 0, "Air defences held.")


# --- bytes that are not an article --------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", ["empty"]),
        (b"  \n\t \r\n", ["empty"]),
        (b"Drones\x00\x01\x02 flew", ["binary", "NUL"]),
        (b"Kyiv caf\xe9 hit", ["UTF-8", "0xe9", "offset 8"]),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", ["UTF-16"]),
        ("Drones hit Kharkiv overnight.".encode("utf-16-le"), ["UTF-16", "without a byte order mark"]),
    ],
    ids=["empty", "whitespace", "nul-bytes", "latin-1", "broken-utf16", "utf16-without-bom"],
)
def test_unreadable_bytes_become_a_failure_with_a_reason(
    tmp_path: Path, content: bytes, words: list[str]
) -> None:
    reason = failure(write(tmp_path, "a.txt", content)).reason
    for word in words:
        assert word in reason


@pytest.mark.parametrize(
    "content",
    [
        codecs.BOM_UTF8 + " date 2025-05-23 Drones hit Kharkiv’s outskirts.".encode(),
        " date 2025-05-23 Drones hit Kharkiv’s outskirts.".encode("utf-16"),
        codecs.BOM_UTF16_BE + " date 2025-05-23 Drones hit Kharkiv’s outskirts.".encode("utf-16-be"),
    ],
    ids=["utf8-bom", "utf16-native-bom", "utf16-be-bom"],
)
def test_byte_order_marks_are_understood_and_do_not_hide_the_header(tmp_path: Path, content: bytes) -> None:
    got = article(write(tmp_path, "a.txt", content))
    assert got.text == "Drones hit Kharkiv’s outskirts."
    assert (got.published_at, got.date_precision) == (D(2025, 5, 23), "day")


def test_decode_returns_text_for_plain_utf8() -> None:
    assert decode("Одеса\r\nport".encode()) == "Одеса\nport"


def test_a_folder_passed_as_a_file_is_a_failure(tmp_path: Path) -> None:
    got = one(tmp_path)
    assert isinstance(got, ReadFailure) and "cannot be read" in got.reason


def test_oversized_file_is_refused_without_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read, "MAX_FILE_BYTES", 16)
    assert "limit" in failure(write(tmp_path, "a.txt", "x" * 17)).reason


@pytest.mark.parametrize("name", ["a.json", "a.jsonl"])
def test_deeply_nested_json_is_a_failure_not_a_crash(tmp_path: Path, name: str) -> None:
    results = read_file(write(tmp_path, name, "[" * 100_000))
    assert [type(r) for r in results] == [ReadFailure]


def test_a_json_number_too_long_for_python_is_a_failure_not_a_crash(tmp_path: Path) -> None:
    # json.loads raises a plain ValueError past Python's 4,300-digit limit, not a JSONDecodeError
    huge = '{"text": "Russia launched 5 drones.", "n": ' + "7" * 5000 + "}"
    only = failure(write(tmp_path, "a.json", huge))
    assert "4300 digits" in only.reason
    lines = read_file(write(tmp_path, "a.jsonl", huge + '\n{"text": "Russia launched 6 drones."}\n'))
    assert [type(r) for r in lines] == [ReadFailure, RawArticle]
    assert lines[0].source.endswith("#L1") and "line 1" in lines[0].reason


def test_a_lone_surrogate_escaped_in_json_is_a_replacement_character_not_a_crash(tmp_path: Path) -> None:
    # "\ud800" is valid JSON but no text: UTF-8, polars and DuckDB all refuse it
    record = '{"text": "Russia launched 5 drones\\ud800.", "title": "\\udc00Strike", "url": "https://a.example/\\ud800"}'
    got = article(write(tmp_path, "a.json", record))
    assert got.text == "\ufffdStrike\n\nRussia launched 5 drones\ufffd."
    assert got.title == "\ufffdStrike" and got.url == "https://a.example/\ufffd"
    assert got.article_id == article_key(got.text)
    lines = read_file(write(tmp_path, "a.jsonl", '{"_source": "https://a.example/\\udfff", "text": "x"}\n'))
    assert [a.source for a in lines] == ["https://a.example/\ufffd"]


# --- identity -----------------------------------------------------------------------------------


def test_same_story_as_text_and_json_gets_the_same_id(tmp_path: Path) -> None:
    txt = write(
        tmp_path,
        "a.txt",
        "Drone wave hits the port\n\nThe air force said “forty” drones   were\nlaunched — most were downed.",
    )
    record = {
        "title": "Drone wave hits the port",
        "text": 'The air force said "forty" drones were launched - most were downed.',
    }
    as_json = write(tmp_path, "a.json", json.dumps(record))
    assert article(txt).article_id == article(as_json).article_id


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Forty drones   were\nlaunched.", "forty drones were launched.", True),
        ("Kharkiv’s mayor said “ten”.", 'Kharkiv\'s mayor said "ten".', True),
        ("Forty drones were launched.", "Fifty drones were launched.", False),
    ],
)
def test_article_key_ignores_case_spacing_and_quote_style_only(a: str, b: str, same: bool) -> None:
    assert (article_key(a) == article_key(b)) is same
    assert len(article_key(a)) == 16


# --- published values ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-05", (D(2025, 5, 1), "month")),
        ("2025-05-24", (D(2025, 5, 24), "day")),
        ("2025-05-24T09:00:00Z", (D(2025, 5, 24), "day")),
        ("11:34, May 24, 2025", (D(2025, 5, 24), "day")),
        ("24 May 2025", (D(2025, 5, 24), "day")),
        ("2025-13", (None, "unknown")),
        ("  ", (None, "unknown")),
        (None, (None, "unknown")),
        (20250524, (None, "unknown")),
    ],
)
def test_parse_published(value: object, expected: tuple[dt.date | None, str]) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["May 2025", "2025", "5"])
def test_published_value_without_a_day_is_not_day_precise(value: str) -> None:
    assert parse_published(value)[1] != "day"


# --- discovery ----------------------------------------------------------------------------------


def test_discover_walks_folders_in_name_order_and_reports_missing_paths(tmp_path: Path) -> None:
    for name in ["b.txt", "a.json", "sub/c.jsonl", "sub/deeper/d.TXT", "notes.md", "sub/photo.png"]:
        write(tmp_path, name, "x")
    missing = tmp_path / "nowhere"
    files, failures = discover([tmp_path, missing])
    assert files == [tmp_path / n for n in ["a.json", "b.txt", "sub/c.jsonl", "sub/deeper/d.TXT"]]
    assert failures == [ReadFailure(str(missing), "no such file or folder")]


def test_a_file_whose_name_is_not_utf8_is_a_failure_and_the_rest_is_planned(tmp_path: Path) -> None:
    # the OS hands such a name to Python with surrogates ('\udcff'), which polars and DuckDB refuse
    folder = tmp_path / "in"
    folder.mkdir()
    named = str(folder / os.fsdecode(b"caf\xe9.txt"))
    Path(named).write_text("Russia launched 5 drones.")
    write(folder, "good.txt", "Russia launched 6 drones.")
    reason = "the file name is not UTF-8 text: rename the file to read it"
    shown = ReadFailure(f"{folder}/caf\\xe9.txt", reason)
    assert discover([folder]) == ([folder / "good.txt"], [shown])
    assert discover([named]) == ([], [shown])
    plan = plan_run([str(folder)], pl.DataFrame(schema=FILE_SCHEMA), batch_size=10)
    assert plan.files.get_column("path").to_list() == [str(folder / "good.txt")]
    assert plan.missing == [shown]


def test_discover_keeps_a_file_named_directly_whatever_its_suffix(tmp_path: Path) -> None:
    notes = write(tmp_path, "notes.md", "x")
    assert discover([notes]) == ([notes], [])


# --- property -----------------------------------------------------------------------------------


@given(st.binary(max_size=2048), st.sampled_from([".txt", ".json", ".jsonl"]))
def test_any_bytes_give_articles_or_failures_never_an_exception(content: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        results = read_file(write(Path(folder), f"blob{suffix}", content))
    for r in results:
        assert isinstance(r, RawArticle | ReadFailure)
        if isinstance(r, RawArticle):
            assert r.text.strip() and "\r" not in r.text
            assert 0 <= r.title_end <= len(r.text)
        else:
            assert r.reason


def test_a_record_naming_a_path_as_its_source_keeps_its_own_place(tmp_path: Path) -> None:
    good = tmp_path / "in" / "good.txt"
    lines = [
        {"_source": "in/good.txt", "text": "Russia launched 9 drones."},
        {"_source": str(good), "text": "Russia launched 8 drones."},
        {"_source": "https://example.org/a", "text": "Russia launched 7 drones."},
    ]
    path = tmp_path / "in" / "x.jsonl"
    path.parent.mkdir()
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    sources = [a.source for a in read.read_file(path)]
    assert sources == [f"{path}#L1", f"{path}#L2", "https://example.org/a"]


HTML_PAGE = """\
<!-- saved from a browser -->
<!DOCTYPE html>
<html><head><title>Drones over Sumy</title><script>var x = "Russia launched 999 drones";</script>
<style>p { color: red }</style></head>
<body><nav>Home | News</nav><article><h1>Drones over Sumy</h1>
<p>Russia launched 31 drones at the Sumy region overnight, the Ukrainian air force said.</p>
<p>Air defences shot down 27 of them, according to the same statement.</p></article>
<footer>All rights reserved</footer></body></html>
"""


def test_a_txt_file_that_is_an_html_page_is_read_as_pages_are(tmp_path: Path) -> None:
    (article,) = read_file(write(tmp_path, "saved.txt", HTML_PAGE))
    assert isinstance(article, RawArticle)
    assert article.title == "Drones over Sumy"
    assert article.text.split("\n") == [
        "Drones over Sumy",
        "Russia launched 31 drones at the Sumy region overnight, the Ukrainian air force said.",
        "Air defences shot down 27 of them, according to the same statement.",
    ]
    assert "<" not in article.text and "999" not in article.text and "rights reserved" not in article.text


def test_a_txt_file_that_only_mentions_html_stays_text(tmp_path: Path) -> None:
    text = "Russia launched 31 drones at Sumy; the <html> tag was in the leaked file, officials said."
    (article,) = read_file(write(tmp_path, "plain.txt", text))
    assert isinstance(article, RawArticle) and article.text == text


@pytest.mark.parametrize(
    "when, day",
    [
        ("09:15, 2025-03-04", D(2025, 3, 4)),  # the month before the day, as ISO has it
        ("9:05 am, 2024-02-29", D(2024, 2, 29)),
        ("23:59 2025-12-31 UTC", D(2025, 12, 31)),
        ("12:00 p.m., 2025-06-01", D(2025, 6, 1)),
        ("10:00, 2025-02-30", None),  # no such day
    ],
)
def test_a_time_then_an_iso_date_in_the_published_line_is_read_as_dateparser_reads_it(
    tmp_path: Path, when: str, day: dt.date | None
) -> None:
    # read without dateparser (about 2 ms a date), with the day dateparser gives
    got = article(
        write(tmp_path, "a.txt", f"Published: {when} | Updated: {when}\nTitle\n\nRussia launched 4 drones.")
    )
    assert got.published_at == day
    assert read.parse_date(when) == day
