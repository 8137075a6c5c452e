"""A polite HTTP client for feeds and article pages.

Every request has a timeout, and all attempts at one URL together a deadline that covers the
connection, the headers and the body however slowly they trickle (read/web/deadline.py); it names newsfacts in its User-Agent, asks
"changed since?" when it has an ETag or Last-Modified from last time, stops reading a body past
a size cap, and retries with backoff on 5xx, 429 and connection errors. At most `per_host`
requests go to one host at a time. Failures come back as values with a reason a person can act
on, never as exceptions: a dead page must not stop the others.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

from ingest.read.web.deadline import DeadlineBackend, bounded_transport
from ingest.settings import FetchSettings


@dataclass(frozen=True)
class Fetched:
    """A 200 (body set) or a 304 (`not_modified`, no body)."""

    url: str  # the URL asked for
    final_url: str  # after redirects
    status: int
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True)
class FetchFailure:
    url: str
    reason: str


@dataclass
class WebClient:
    """One client per run, shared by the fetching threads (httpx.Client is thread-safe)."""

    settings: FetchSettings = field(default_factory=FetchSettings)

    def __post_init__(self) -> None:
        s = self.settings
        self._sockets = DeadlineBackend()
        limits = httpx.Limits(max_connections=s.workers, max_keepalive_connections=s.workers)
        self._client = httpx.Client(
            headers={"User-Agent": s.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(s.timeout_s),
            follow_redirects=True,
            transport=bounded_transport(limits, self._sockets),
        )
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._hosts_guard = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> WebClient:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def get(
        self,
        url: str,
        etag: str | None = None,
        last_modified: str | None = None,
        max_bytes: int | None = None,
    ) -> Fetched | FetchFailure:
        """GET `url`, conditionally when validators are given; retried on transient failures while
        the deadline (`deadline_s` from the first attempt, retries included) leaves time."""
        s = self.settings
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        cap = max_bytes or s.max_page_bytes
        delay = s.backoff_s
        result: Fetched | FetchFailure | None = None
        deadline: float | None = None
        attempts = 0
        for attempt in range(s.retries + 1):
            if attempt:
                assert deadline is not None
                if time.monotonic() + delay >= deadline:  # no time left for another attempt
                    break
                time.sleep(delay)
                delay *= 2
            with self._host(url):
                deadline = deadline or time.monotonic() + s.deadline_s
                result, transient = self._once(url, headers, cap, deadline)
            attempts += 1
            if not transient:
                break
        assert result is not None
        if isinstance(result, FetchFailure) and attempts > 1:
            return FetchFailure(url, f"{result.reason} (after {attempts} attempts)")
        return result

    def _host(self, url: str) -> threading.BoundedSemaphore:
        host = urlsplit(url).netloc.lower()
        with self._hosts_guard:
            if host not in self._hosts:
                self._hosts[host] = threading.BoundedSemaphore(self.settings.per_host)
            return self._hosts[host]

    def _once(
        self, url: str, headers: dict[str, str], cap: int, deadline: float
    ) -> tuple[Fetched | FetchFailure, bool]:
        """One attempt, cut at `deadline` (time.monotonic): (result, whether another may help)."""
        late = FetchFailure(url, f"took longer than {self.settings.deadline_s:g} s to download")
        try:
            with self._sockets.until(deadline), self._client.stream("GET", url, headers=headers) as r:
                if r.status_code == 304:
                    return Fetched(url, str(r.url), 304, etag=_etag(r), last_modified=_modified(r)), False
                if r.status_code >= 500 or r.status_code == 429:
                    return FetchFailure(url, f"HTTP {r.status_code} {r.reason_phrase}".strip()), True
                if r.status_code >= 400:
                    return FetchFailure(url, f"HTTP {r.status_code} {r.reason_phrase}".strip()), False
                length = r.headers.get("content-length", "")
                if length.isdigit() and int(length) > cap:
                    return FetchFailure(url, f"{_size(int(length))}, over the {_size(cap)} cap"), False
                body = bytearray()
                for chunk in r.iter_bytes():
                    body += chunk
                    if len(body) > cap:
                        return FetchFailure(
                            url, f"more than {_size(cap)}, over the cap: stopped reading"
                        ), False
                    if time.monotonic() > deadline:  # most likely a body that never ends: not retried
                        return late, False
                return Fetched(
                    url,
                    str(r.url),
                    r.status_code,
                    bytes(body),
                    r.headers.get("content-type", ""),
                    _etag(r),
                    _modified(r),
                ), False
        except httpx.TimeoutException:
            if time.monotonic() >= deadline - 0.01:  # cut by the deadline: headers or body trickling
                return late, False
            return FetchFailure(url, f"no answer within {self.settings.timeout_s:g} s (timeout)"), True
        except httpx.TransportError as e:
            return FetchFailure(url, f"connection failed: {_first_line(e)}"), True
        except httpx.InvalidURL as e:
            return FetchFailure(url, f"not a valid URL: {e}"), False
        except httpx.TooManyRedirects:
            return FetchFailure(
                url, f"too many redirects (more than {self._client.max_redirects}), most likely a loop"
            ), False
        except httpx.HTTPError as e:  # a body that cannot be decoded, and whatever else httpx may raise
            return FetchFailure(url, f"the request failed: {_first_line(e)}"), False


def _etag(r: httpx.Response) -> str | None:
    return r.headers.get("etag") or None


def _modified(r: httpx.Response) -> str | None:
    return r.headers.get("last-modified") or None


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n / 1024:.0f} KB"


def _first_line(e: Exception) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__
