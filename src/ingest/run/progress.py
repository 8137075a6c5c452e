"""Progress of a run, reported by the stages and shown by whoever listens (the CLI's bar), and
messages for the person watching it."""

from __future__ import annotations

import sys
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


def tell(message: str) -> None:
    """A message for a person: on stderr for the CLI, in the run's log for the Prefect UI."""
    from prefect import get_run_logger  # Prefect is slow to import: only once a run has started

    print(message, file=sys.stderr, flush=True)
    get_run_logger().warning(message)
