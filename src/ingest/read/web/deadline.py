"""A deadline on every socket operation of a request, headers included.

httpx's timeouts bound each read, not a whole request: a server sending its status line and
headers one byte every few seconds holds a request for as long as it likes. The client's
connections go through `DeadlineBackend`, which gives each connect, read and write at most the
time left before the deadline of the request its thread is making (`until`), so no attempt
outlives it whatever the server trickles.
"""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import httpcore
import httpx
from httpcore import NetworkBackend, NetworkStream, SyncBackend
from httpcore._backends.base import SOCKET_OPTION


class DeadlineBackend(NetworkBackend):
    """httpcore's socket backend, bounded by the deadline its thread set with `until`."""

    def __init__(self) -> None:
        self._inner = SyncBackend()
        self._local = threading.local()

    @contextmanager
    def until(self, deadline: float) -> Iterator[None]:
        """Bound this thread's socket operations by `deadline` (time.monotonic) in the block."""
        self._local.deadline = deadline
        try:
            yield
        finally:
            self._local.deadline = None

    def bound(self, timeout: float | None) -> float | None:
        """The timeout of one socket operation: the caller's, cut to the time left."""
        deadline = getattr(self._local, "deadline", None)
        if deadline is None:
            return timeout
        left = deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ReadTimeout("the request's deadline has passed")
        return left if timeout is None else min(timeout, left)

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SOCKET_OPTION] | None = None,
    ) -> NetworkStream:
        stream = self._inner.connect_tcp(host, port, self.bound(timeout), local_address, socket_options)
        return _BoundedStream(stream, self)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[SOCKET_OPTION] | None = None
    ) -> NetworkStream:
        return _BoundedStream(self._inner.connect_unix_socket(path, self.bound(timeout), socket_options), self)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _BoundedStream(NetworkStream):
    def __init__(self, inner: NetworkStream, backend: DeadlineBackend) -> None:
        self._inner = inner
        self._backend = backend

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._backend.bound(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._backend.bound(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> NetworkStream:
        tls = self._inner.start_tls(ssl_context, server_hostname, self._backend.bound(timeout))
        return _BoundedStream(tls, self._backend)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


def bounded_transport(limits: httpx.Limits, backend: DeadlineBackend) -> httpx.HTTPTransport:
    """httpx's own transport, over a connection pool whose sockets `backend` bounds."""
    transport = httpx.HTTPTransport(limits=limits)
    # HTTPTransport takes no network backend; its pool is the one attribute that holds it
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(),
        max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry,
        network_backend=backend,
    )
    return transport
