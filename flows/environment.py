"""Prefect reads its settings from the environment once, when first imported: the entry points
(the CLI, the scripts) put newsfacts' Prefect defaults there first."""

from __future__ import annotations

import os

from ingest.settings import Settings


def prepare_prefect(settings: Settings | None = None, verbose: bool = False) -> None:
    """Set Prefect's environment before it is imported; the user's own settings win, except that
    `verbose` (asked for on the command line) shows Prefect's logs."""
    for key, value in (settings or Settings()).prefect.items():
        os.environ.setdefault(key, value)
    if verbose:
        os.environ["PREFECT_LOGGING_LEVEL"] = "INFO"
