"""RSS and Atom feeds: is this body a feed, and which article pages do its entries link to.

feedparser only ever sees bytes we downloaded ourselves (never a URL), so every request goes
through the polite client.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

_FEED_TYPES = ("rss", "atom", "rdf", "/xml", "+xml")
_FEED_ROOTS = (b"<rss", b"<feed", b"<rdf:rdf")


@dataclass(frozen=True)
class Entry:
    """A feed entry: the article page it links to, and what the feed says about it."""

    url: str
    title: str | None
    published: str | None  # ISO date


def looks_like_feed(body: bytes, content_type: str) -> bool:
    """A feed by its Content-Type, or by its root element when the server says only text/plain."""
    ctype = content_type.lower()
    if "html" in ctype:
        return False
    head = body[:2048].lstrip().lower()
    if any(t in ctype for t in _FEED_TYPES):
        return True
    if head.startswith(b"<?xml"):
        head = head[head.find(b"?>") + 2 :].lstrip()
        while head.startswith((b"<!--", b"<?")):  # comments and stylesheets before the root
            end = head.find(b"-->") + 3 if head.startswith(b"<!--") else head.find(b"?>") + 2
            head = head[end:].lstrip()
    return head.startswith(_FEED_ROOTS)


def entries(body: bytes, feed_url: str, limit: int) -> list[Entry] | str:
    """The feed's entries with a link (at most `limit`, in the feed's order), or why there are none."""
    import feedparser

    # we have decided it is a feed: without a content-type feedparser would call any body that
    # is not XML "no Content-type specified" instead of saying what is wrong with it
    headers = {"content-location": feed_url, "content-type": "application/xml"}
    parsed: Any = feedparser.parse(io.BytesIO(body), response_headers=headers)
    items = list(parsed.entries)
    if not items:
        if parsed.get("bozo"):
            problem = " ".join(str(parsed.get("bozo_exception", "")).split())
            return f"not a readable RSS or Atom feed: {problem or 'malformed XML'}"
        if not parsed.get("version"):
            return "not an RSS or Atom feed"
        return []  # a valid feed with no entries: nothing to do, not a failure
    out: list[Entry] = []
    seen: set[str] = set()
    for item in items:
        link = item.get("link") or _alternate(item)
        if not link:
            continue
        url = urljoin(feed_url, link.strip())
        if url in seen:
            continue
        seen.add(url)
        title = " ".join(str(item.get("title", "")).split()) or None
        out.append(Entry(url, title, _date(item)))
        if len(out) >= limit:
            break
    return out


def _alternate(item: Any) -> str | None:
    for link in item.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link["href"])
    return None


def _date(item: Any) -> str | None:
    when = item.get("published_parsed") or item.get("updated_parsed")
    if not when:
        return None
    try:
        return dt.date(when.tm_year, when.tm_mon, when.tm_mday).isoformat()
    except (ValueError, AttributeError):
        return None
