"""A real HTTP server on 127.0.0.1 for tests: an RSS feed, article pages, a 500, a slow page, a
huge page, a 404 and an ETag-aware page; and a hostile web: feeds that are not XML, a redirect
loop, pages that never end, a page full of scripts and huge attributes. It counts the requests
each path gets, and the conditional ones, so tests can tell what was fetched and what was only
revalidated."""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGE = """<!doctype html>
<html><head><title>{title} | Example Wire</title>
<meta property="article:published_time" content="{date}T08:00:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1>
{paragraphs}
</article>
<footer>Example Wire. All rights reserved. Subscribe to our newsletter.</footer></body></html>
"""

ARTICLES = {
    "/news/odesa-drones.html": (
        "Drones over Odesa",
        "2025-06-02",
        [
            "Russia launched 40 drones at the Odesa region overnight, the Ukrainian air force said.",
            "Air defences shot down 35 of them, according to the same statement.",
            "Two people were injured in Odesa, regional governor Ivan Petrenko said.",
        ],
    ),
    "/news/prisoner-swap.html": (
        "Kyiv and Moscow swap prisoners",
        "2025-06-05",
        [
            "Russia and Ukraine exchanged 84 prisoners each on Thursday, the Ukrainian ombudsman said.",
            "The exchange was mediated by the United Arab Emirates, officials said.",
        ],
    ),
    "/news/kharkiv-strike.html": (
        "Strike on Kharkiv",
        "2025-06-07",
        [
            "Three people were killed and 12 injured in a missile strike on Kharkiv on Saturday, "
            "regional governor Oleh Syniehubov said.",
            "Rescuers worked through the night at the site.",
        ],
    ),
}

SLOW_S = 3.0
HUGE_BYTES = 8 * 2**20
ENDLESS_S = 60.0  # a page that never ends stops by itself after this, should a client keep reading
HOSTILE_PATHS = ["/loop/a", "/endless/slow", "/endless/fast", "/scripts.html", "/news/prisoner-swap.html"]
SCRIPT_TEXT = "SCRIPTED"  # in every script, style and noscript of /scripts.html: never in the article
ATTRIBUTE_BYTES = 200_000  # each of the page's three huge attributes
SCRIPTS_PAGE = """<!doctype html>
<html><head><title>Drones over Sumy | Example Wire</title>
<script>window.__STATE__ = {{"headline": "SCRIPTED: Russia launched 999 missiles"}};</script>
<script type="application/ld+json">{{"@type": "NewsArticle", "articleBody": "SCRIPTED 555 drones"}}</script>
<style>.promo::after {{ content: "SCRIPTED 444 drones"; }}</style>
<meta property="article:published_time" content="2025-06-03T08:00:00Z"></head>
<body data-tracking="{blob}"><nav><a href="/">Home</a></nav>
<article data-state="{blob}"><h1 title="{blob}">Drones over Sumy</h1>
<p>Russia launched 31 drones at the Sumy region overnight, the Ukrainian air force said.</p>
<script>document.write("SCRIPTED: 888 drones were launched"); for (var i = 0; i < 3; i++) {{}}</script>
<p>Air defences shot down 27 of them, according to the same statement.</p>
<noscript>SCRIPTED: enable JavaScript to see 777 more drones</noscript>
<p>Two people were injured in Sumy, the regional governor said.</p>
</article>
<script>console.log("SCRIPTED 666 drones");</script></body></html>
"""


def page(path: str) -> bytes:
    title, date, paragraphs = ARTICLES[path]
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return PAGE.format(title=title, date=date, paragraphs=body).encode()


def rss(base: str, paths: list[str]) -> bytes:
    items = "\n".join(
        f"<item><title>{ARTICLES[p][0] if p in ARTICLES else p}</title><link>{base}{p}</link>"
        f"<pubDate>Mon, 02 Jun 2025 08:00:00 GMT</pubDate></item>"
        for p in paths
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Example Wire</title>'
        f"<link>{base}/</link><description>World news</description>\n{items}\n</channel></rss>\n"
    ).encode()


@dataclass
class NewsWeb:
    base: str
    hits: Counter[str] = field(default_factory=Counter)
    conditional: Counter[str] = field(default_factory=Counter)
    not_modified: Counter[str] = field(default_factory=Counter)
    user_agents: set[str] = field(default_factory=set)
    # what the feeds list; tests may change it
    feed_paths: list[str] = field(
        default_factory=lambda: [
            "/news/odesa-drones.html",
            "/news/prisoner-swap.html",
            "/broken",
            "/slow",
            "/huge",
            "/missing",
        ]
    )
    etag_version: int = 1
    active: int = 0  # /busy/ pages being answered now
    max_active: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return self.base + path


def _handler(web: NewsWeb) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            web.hits[path] += 1
            web.user_agents.add(self.headers.get("User-Agent", ""))
            if self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since"):
                web.conditional[path] += 1
            busy = path.startswith("/busy/")
            with web.lock:
                web.active += busy
                web.max_active = max(web.max_active, web.active)
            # the client may stop reading (the size cap) or give up (the timeout)
            try:
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.route(path)
            finally:
                with web.lock:
                    web.active -= busy

        def route(self, path: str) -> None:
            if path == "/feed.xml":
                self.send(200, rss(web.base, web.feed_paths), "application/rss+xml")
            elif path == "/etag-feed.xml":
                self.etagged(rss(web.base, ["/news/kharkiv-strike.html"]), "application/rss+xml")
            elif path in ARTICLES and path != "/news/kharkiv-strike.html":
                self.send(200, page(path), "text/html; charset=utf-8")
            elif path == "/news/kharkiv-strike.html":
                self.etagged(page(path), "text/html; charset=utf-8")
            elif path.startswith("/busy/"):  # a page that takes a moment: for the per-host limit
                time.sleep(0.3)
                n = path.rsplit("/", 1)[1]
                text = f"<p>Russia launched {n} drones at the Kyiv region overnight, the Ukrainian air force said.</p>"
                self.send(
                    200,
                    PAGE.format(title=f"Drones {n}", date="2025-06-02", paragraphs=text).encode(),
                    "text/html",
                )
            elif path == "/busy-feed.xml":
                self.send(200, rss(web.base, [f"/busy/{n}" for n in range(10, 16)]), "application/rss+xml")
            elif path == "/broken":
                self.send(500, b"Internal Server Error", "text/plain")
            elif path == "/slow":
                time.sleep(SLOW_S)
                self.send(200, page("/news/odesa-drones.html"), "text/html")
            elif path == "/huge":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()  # no Content-Length: the client must count as it reads
                chunk = b"<p>" + b"x" * 65536 + b"</p>\n"
                for _ in range(HUGE_BYTES // len(chunk)):
                    self.wfile.write(chunk)
                self.close_connection = True
            elif path == "/hostile-feed.xml":
                self.send(200, rss(web.base, HOSTILE_PATHS), "application/rss+xml")
            elif path == "/not-xml-feed.xml":  # an error page, sent as if it were the feed
                body = b"<html><body><h1>503 Service Unavailable</h1><p>Try again later.</p></body></html>"
                self.send(200, body, "application/rss+xml")
            elif path == "/junk-feed.xml":
                self.send(200, b'{"error": "rate limited"} \x00\xff<<', "text/xml")
            elif path.startswith("/loop/"):  # a -> b -> a -> ...
                self.send_response(302)
                self.send_header("Location", "/loop/b" if path == "/loop/a" else "/loop/a")
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif path.startswith("/endless/"):  # no Content-Length, and the body never ends
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                self.wfile.write(b"<html><body><article><p>Russia launched 50 drones overnight.</p>")
                fast = path == "/endless/fast"
                chunk = b"<p>" + (b"x" * 65536 if fast else b"more") + b"</p>\n"
                stop = time.monotonic() + ENDLESS_S
                while time.monotonic() < stop:
                    self.wfile.write(chunk)
                    self.wfile.flush()
                    if not fast:
                        time.sleep(0.05)  # a trickle: never silent long enough for a timeout
                self.close_connection = True
            elif path == "/scripts.html":
                blob = "A" * ATTRIBUTE_BYTES
                self.send(200, SCRIPTS_PAGE.format(blob=blob).encode(), "text/html; charset=utf-8")
            elif path == "/export.jsonl":
                lines = [
                    '{"url": "https://example.org/a", "title": "Swap", "published": "2025-06-05", '
                    '"text": "Russia and Ukraine exchanged 12 prisoners each on Thursday."}',
                    "{broken",
                ]
                self.send(200, ("\n".join(lines) + "\n").encode(), "application/x-ndjson")
            else:
                self.send(404, b"Not Found", "text/plain")

        def etagged(self, body: bytes, ctype: str) -> None:
            tag = f'"v{web.etag_version}"'
            if self.headers.get("If-None-Match") == tag:
                web.not_modified[self.path] += 1
                self.send_response(304)
                self.send_header("ETag", tag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send(200, body, ctype, {"ETag": tag, "Last-Modified": "Mon, 02 Jun 2025 08:00:00 GMT"})

        def send(self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hung up (timeout, size cap) is what some tests are about


@contextmanager
def serve_news() -> Iterator[NewsWeb]:
    """Start the server on a free port of 127.0.0.1; stop it when the block ends."""
    web = NewsWeb(base="")
    server = _Server(("127.0.0.1", 0), _handler(web))
    web.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, name="newsweb", daemon=True)
    thread.start()
    try:
        yield web
    finally:
        server.shutdown()
        server.server_close()
