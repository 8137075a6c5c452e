"""Reading articles from files: plain text with the header styles news exports use, JSON and JSONL.

A file that cannot be read becomes a `ReadFailure` with a reason naming the file (and line);
it never stops the other files from being read.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import dateparser

from ingest.read.normalize import normalize_text

ARTICLE_SUFFIXES = (".txt", ".json", ".jsonl")
MAX_FILE_BYTES = 20 * 1024 * 1024
_MAX_DIGITS = sys.get_int_max_str_digits()  # json.loads refuses a longer integer

_DATE_LINE = re.compile(r"\A\s*date\s+(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2}))?\b[ \t]*")
_PUBLISHED_LINE = re.compile(r"\A\s*Published:\s*(?P<when>[^|\n]+?)\s*(?:\|[^\n]*)?(?:\n|\Z)")


@dataclass(frozen=True, slots=True)
class RawArticle:
    """An article as read, before extraction. `title_end` is where the title ends in `text`
    (0 when the text has no title line)."""

    article_id: str
    source: str
    url: str | None
    title: str | None
    published_at: dt.date | None
    date_precision: str
    text: str
    title_end: int


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """A source that could not be read. `passing`: the reason may pass (the file could not be
    opened or was gone), so the file is not recorded as read and the next run tries it again."""

    source: str
    reason: str
    passing: bool = False


def passing_failure(source: str, error: OSError) -> ReadFailure:
    """A file or folder the OS would not let us read (permissions, gone, a loop of links)."""
    return ReadFailure(source, f"cannot be read: {error.strerror or error}", passing=True)


def read_part(
    path: str, start: int = 0, end: int = -1, first_line: int = 1
) -> list[RawArticle | ReadFailure]:
    """A whole file, or the JSONL lines between two byte offsets (numbered from `first_line`)."""
    if end < 0:
        return read_file(Path(path))
    try:
        with open(path, "rb") as fh:
            encoding = utf16_of(fh.read(2))  # a range after the first has no BOM of its own
            fh.seek(start)
            data = fh.read(end - start)
    except OSError as e:
        return [passing_failure(path, e)]
    text = decode(data, encoding)
    if isinstance(text, ReadFailure):
        return [ReadFailure(f"{path}#L{first_line}", text.reason)]
    return list(_read_jsonl(path, text, first_line))


def read_file(path: Path) -> list[RawArticle | ReadFailure]:
    """Every article in one file, or the reason it could not be read."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return [
                ReadFailure(
                    source, f"file is {size / 2**20:.0f} MB, over the {MAX_FILE_BYTES // 2**20} MB limit"
                )
            ]
        data = path.read_bytes()
    except OSError as e:
        return [passing_failure(source, e)]
    text = decode(data)
    if isinstance(text, ReadFailure):
        return [ReadFailure(source, text.reason)]
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return list(_read_jsonl(source, text))
    if suffix == ".json":
        return _read_json(source, text)
    if _HTML_START.match(text):  # a saved web page: its article, as a fetched page's
        return [_from_page(source, text)]
    return [_from_text(source, text)]


_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)


def _from_page(source: str, text: str) -> RawArticle | ReadFailure:
    """A text file that is an HTML page, read as the fetcher reads pages (ingest.read.pages)."""
    from ingest.read.pages import page_record  # trafilatura: imported only for pages

    record = page_record(source, None, text.encode("utf-8"))
    if isinstance(record, str):
        return ReadFailure(source, record)
    return _from_record(source, record)


def utf16_of(head: bytes) -> str | None:
    """The UTF-16 codec a file's first bytes (its BOM) name, or None for any other text."""
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le"
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be"
    return None


def decode(data: bytes, utf16: str | None = None) -> str | ReadFailure:
    """Bytes to text: UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is refused.
    `utf16`: the codec of the whole file (utf16_of), for a range of lines cut from it."""
    if not data.strip():
        return ReadFailure("", "empty file")
    utf16 = utf16 or utf16_of(data)
    if utf16:
        try:
            text = data.decode(utf16).removeprefix("\ufeff")
        except UnicodeDecodeError:
            return ReadFailure("", "broken UTF-16 text")
    else:
        if b"\x00" in data[:8192]:
            if _utf16_without_bom(data[:8192]):
                return ReadFailure(
                    "", "UTF-16 text without a byte order mark: save it as UTF-8 (or UTF-16 with a BOM)"
                )
            return ReadFailure("", "binary file (contains NUL bytes), not text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            return ReadFailure("", f"not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start})")
    text = _line_breaks(normalize_text(text).replace("\x00", ""))
    if not text.strip():
        return ReadFailure("", "empty file")
    return text


def _line_breaks(text: str) -> str:
    """Windows and old Mac line breaks as "\n" (after normalize_text: "\r\u200b\n" is one)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _utf16_without_bom(head: bytes) -> bool:
    """Latin-script text in UTF-16 without a BOM: a NUL in every other byte, and only there."""
    for text, zeros in ((head[0::2], head[1::2]), (head[1::2], head[0::2])):
        if len(zeros) >= 8 and zeros.count(0) >= 0.9 * len(zeros) and not text.count(0):
            return True
    return False


def _from_text(source: str, text: str) -> RawArticle | ReadFailure:
    published: dt.date | None = None
    precision = "unknown"
    title: str | None = None
    m = _DATE_LINE.match(text)
    if m:
        precision = "day" if m.group("d") else "month"
        try:
            published = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d") or 1))
        except ValueError:
            published, precision = None, "unknown"
        text = text[m.end() :]
    else:
        p = _PUBLISHED_LINE.match(text)
        if p:
            published = parse_date(p.group("when"))
            precision = "day" if published else "unknown"
            text = text[p.end() :]
    text = text.strip()
    if not text:
        return ReadFailure(source, "no article text after the header")
    first_line = text.split("\n", 1)[0].strip()
    title_end = 0
    if len(first_line) <= 200 and not first_line.endswith((".", '"', "”")) and "\n" in text:
        title, title_end = first_line, len(first_line)
    return _article(source, None, title, published, precision, text, title_end)


def _read_json(source: str, text: str) -> list[RawArticle | ReadFailure]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        return [ReadFailure(source, f"broken JSON at line {e.lineno}, column {e.colno}: {e.msg}")]
    except RecursionError:
        return [ReadFailure(source, "JSON nested too deeply to be an article")]
    except ValueError:  # a number past Python's 4,300-digit limit (not a JSONDecodeError)
        return [ReadFailure(source, f"JSON holds a number too long to read (over {_MAX_DIGITS} digits)")]
    items = doc if isinstance(doc, list) else [doc]
    if not items:
        return [ReadFailure(source, "the JSON file holds an empty list: no articles")]
    out: list[RawArticle | ReadFailure] = []
    for i, item in enumerate(items, start=1):
        where = source if len(items) == 1 else f"{source}#{i}"
        out.append(_from_record(where, item))
    return out


def _read_jsonl(source: str, text: str, first_line: int = 1) -> Iterator[RawArticle | ReadFailure]:
    for lineno, line in enumerate(text.split("\n"), start=first_line):
        if not line.strip():
            continue
        where = f"{source}#L{lineno}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as e:
            yield ReadFailure(where, f"broken JSON on line {lineno}, column {e.colno}: {e.msg}")
            continue
        except RecursionError:
            yield ReadFailure(where, f"JSON on line {lineno} is nested too deeply to be an article")
            continue
        except ValueError:  # a number past Python's 4,300-digit limit
            yield ReadFailure(
                where, f"JSON on line {lineno} holds a number too long to read (over {_MAX_DIGITS} digits)"
            )
            continue
        yield _from_record(where, item)


def _from_record(source: str, item: Any) -> RawArticle | ReadFailure:
    if not isinstance(item, dict):
        return ReadFailure(source, f"expected a JSON object with a 'text' field, got {type(item).__name__}")
    # "_source": the URL the record really came from (a page newsfacts fetched and kept as JSON, a
    # record of a fetched export); not "source", which news exports use for the outlet's name. Only
    # a URL: a record naming a path would take over that file's article, so it keeps its own place.
    claimed = item.get("_source")
    if isinstance(claimed, str) and claimed.strip().lower().startswith(("http://", "https://")):
        source = normalize_text(claimed.strip())
    # normalised before they are judged empty: a text of zero-width characters is no text
    body = _field(item, "text")
    if not body:
        return ReadFailure(source, "the record has no 'text' (or it is empty)")
    title = _field(item, "title") or None
    url = normalize_text(item["url"]) if isinstance(item.get("url"), str) else None
    published, precision = parse_published(item.get("published"))
    title_end = 0
    if title:
        if not body.startswith(title):
            body = f"{title}\n\n{body}"
        title_end = len(title)
    return _article(source, url, title, published, precision, body, title_end)


def _field(item: dict[str, Any], key: str) -> str:
    """A record's text field as reading stores text (normalised, stripped); "" if it is no string."""
    value = item.get(key)
    return _line_breaks(normalize_text(value)).strip() if isinstance(value, str) else ""


def parse_published(value: Any) -> tuple[dt.date | None, str]:
    """A JSON `published` value: ISO date or datetime, "YYYY-MM", or a date in words."""
    if not isinstance(value, str) or not value.strip():
        return None, "unknown"
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}", value):
        y, m = value.split("-")
        try:
            return dt.date(int(y), int(m), 1), "month"
        except ValueError:
            return None, "unknown"
    parsed = parse_date(value)
    if parsed:
        return parsed, "day"
    month = _parse_month(value)
    return (month, "month") if month else (None, "unknown")


@lru_cache(maxsize=8192)
def parse_date(value: str) -> dt.date | None:
    """A publication date in any common form ("11:34, May 24, 2025", "2025-05-24T09:00:00Z")."""
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    quick = _quick_date(value)
    if quick is not None:
        return quick
    parsed = dateparser.parse(value, languages=["en"], settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.date() if parsed else None


_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_MDY = re.compile(r"(?:\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?,?\s*)?([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b")
_DMY = re.compile(r"(?:\d{1,2}:\d{2},?\s*)?(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
# "09:15, 2025-03-04": a time, then an ISO date
_TIME_ISO = re.compile(r"\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?,?\s*(\d{4})-(\d{2})-(\d{2})\b", re.IGNORECASE)


def _quick_date(value: str) -> dt.date | None:
    """The usual forms ("11:34, May 24, 2025", "24 May 2025", "11:34, 2025-05-24") without
    dateparser, which takes about 2 ms a date; None for anything else (dateparser reads it)."""
    iso = _TIME_ISO.match(value.strip())
    if iso is not None:
        try:
            return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
    m = _MDY.search(value)
    day_first = m is None
    if m is None:
        m = _DMY.search(value)
    if m is None:
        return None
    month_name, day = (m.group(2), m.group(1)) if day_first else (m.group(1), m.group(2))
    month = _MONTHS.get(month_name[:3].lower())
    if month is None:
        return None
    try:
        return dt.date(int(m.group(3)), month, int(day))
    except ValueError:
        return None


@lru_cache(maxsize=1024)
def _parse_month(value: str) -> dt.date | None:
    """ "May 2025" -> 2025-05-01: a month and year, no day."""
    parsed = dateparser.parse(
        value, languages=["en"], settings={"REQUIRE_PARTS": ["month", "year"], "PREFER_DAY_OF_MONTH": "first"}
    )
    return parsed.date().replace(day=1) if parsed else None


def _article(
    source: str,
    url: str | None,
    title: str | None,
    published: dt.date | None,
    precision: str,
    text: str,
    title_end: int,
) -> RawArticle:
    return RawArticle(article_key(text), source, url, title, published, precision, text, title_end)


def article_key(text: str) -> str:
    """The article id: a hash of the text with case, quotes and whitespace normalised, so the same
    story saved twice (or re-wrapped) is one article."""
    norm = unicodedata.normalize("NFKC", text).casefold()
    norm = norm.translate(_QUOTES)
    norm = " ".join(norm.split())
    return hashlib.blake2b(norm.encode(), digest_size=8).hexdigest()


_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-"})
