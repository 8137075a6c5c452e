"""Prefect reads its settings from the environment once, when first imported: the entry points
(the CLI, the scripts) put newsfacts' Prefect defaults there first."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

from ingest.settings import Settings


def prepare_prefect(settings: Settings | None = None, verbose: bool = False) -> None:
    """Set Prefect's environment before it is imported; the user's own settings win, except that
    `verbose` (asked for on the command line) shows Prefect's logs."""
    for key, value in (settings or Settings()).prefect.items():
        os.environ.setdefault(key, value)
    if verbose:
        os.environ["PREFECT_LOGGING_LEVEL"] = "INFO"


@contextlib.contextmanager
def without_flow_heartbeats() -> Iterator[None]:
    """Run a flow the user waits for without Prefect's flow-run heartbeats. At the end of every
    flow Prefect joins its heartbeat thread, which sleeps in one-second steps: 0.7 s of an
    unchanged re-run's 1.1 s, and of every `newsfacts run`. The heartbeats only feed a Prefect
    automation that detects crashed runs, which newsfacts does not set up (a run that dies is
    marked `died` by the next one); served runs keep them."""
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield
