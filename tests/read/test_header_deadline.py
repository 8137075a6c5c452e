"""The page deadline covers the response headers too: a server on 127.0.0.1 that trickles its
status line and headers one byte at a time is cut at the deadline, and the retries of a URL stay
within it (issue 15, item 10)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from ingest.read.web.client import FetchFailure, WebClient
from ingest.settings import FetchSettings

TRICKLE = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"x" * 400 + b"\r\n\r\n<p>late</p>"


@dataclass
class Trickler:
    """A raw socket server: each connection gets `TRICKLE` one byte every `gap_s` (or, with
    `silent`, nothing at all), for at most `for_s` seconds."""

    gap_s: float
    silent: bool = False
    for_s: float = 20.0
    connections: int = 0
    stop: threading.Event = field(default_factory=threading.Event)
    port: int = 0

    def serve(self, listener: socket.socket) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self.trickle, args=(conn,), daemon=True).start()

    def trickle(self, conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):
            conn.recv(65536)  # the request
            until = time.monotonic() + self.for_s
            for byte in TRICKLE:
                if self.stop.is_set() or time.monotonic() > until:
                    return
                if not self.silent:
                    conn.sendall(bytes([byte]))
                time.sleep(self.gap_s)


@contextlib.contextmanager
def trickler(gap_s: float, silent: bool = False) -> Iterator[Trickler]:
    server = Trickler(gap_s, silent)
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    server.port = listener.getsockname()[1]

    def accept_loop() -> None:
        while not server.stop.is_set():
            with contextlib.suppress(TimeoutError):
                server.serve(listener)

    thread = threading.Thread(target=accept_loop, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stop.set()
        listener.close()
        thread.join(timeout=5)


def test_headers_trickled_a_byte_at_a_time_are_cut_at_the_deadline_and_not_retried() -> None:
    settings = FetchSettings(timeout_s=1.0, deadline_s=2.0, retries=2, backoff_s=0.05)
    with trickler(gap_s=0.2) as server, WebClient(settings) as client:
        started = time.monotonic()
        result = client.get(f"http://127.0.0.1:{server.port}/page")
        took = time.monotonic() - started

    assert result == FetchFailure(f"http://127.0.0.1:{server.port}/page", "took longer than 2 s to download")
    assert server.connections == 1  # another attempt would only last as long
    assert took < 2.0 + 1.0  # the deadline, plus one socket read at most; without it: the whole trickle


def test_the_retries_of_a_url_that_never_answers_stay_within_the_deadline() -> None:
    retries = 5
    settings = FetchSettings(timeout_s=1.0, deadline_s=2.5, retries=retries, backoff_s=0.05)
    with trickler(gap_s=0.5, silent=True) as server, WebClient(settings) as client:
        started = time.monotonic()
        result = client.get(f"http://127.0.0.1:{server.port}/page")
        took = time.monotonic() - started

    assert isinstance(result, FetchFailure)
    assert result.reason.startswith(("no answer within 1 s (timeout) (after", "took longer than 2.5 s"))
    assert 2 <= server.connections < retries + 1  # retried, but not six times over
    assert took < 2.5 + 1.0
