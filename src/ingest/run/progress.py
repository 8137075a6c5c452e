"""Progress of a run, reported by the stages and shown by whoever listens (the CLI's bar)."""

from __future__ import annotations

from typing import Protocol


class Listener(Protocol):
    def start(self, stage: str, total: int) -> None: ...
    def advance(self, stage: str, n: int) -> None: ...


_listener: Listener | None = None


def listen(listener: Listener | None) -> None:
    """Send progress to `listener` (None: nobody listens, the default)."""
    global _listener
    _listener = listener


def start(stage: str, total: int) -> None:
    if _listener is not None:
        _listener.start(stage, total)


def advance(stage: str, n: int = 1) -> None:
    if _listener is not None:
        _listener.advance(stage, n)
