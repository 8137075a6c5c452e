"""One root error, a transient (retry may help) and a terminal (fix the input) branch."""

from __future__ import annotations


class NewsfactsError(Exception):
    """Root of every error newsfacts raises on purpose; its message is meant for the user."""


class TransientError(NewsfactsError):
    """I/O that may succeed on retry: a locked warehouse, a network hiccup."""


class TerminalError(NewsfactsError):
    """Bad input or configuration: retrying will not help."""


class WarehouseBusy(TransientError):
    def __init__(self, path: str, detail: str) -> None:
        super().__init__(
            f"the warehouse {path} is busy (another newsfacts run is writing to it); try again shortly"
        )
        self.path = path
        self.detail = detail


class WarehouseError(TerminalError):
    """The warehouse file cannot be used: wrong schema version, not a DuckDB file, bad path."""


class QueryError(TerminalError):
    """A user's SQL failed; the message is DuckDB's, on one line."""


class SchemaBatchError(TerminalError):
    """A whole batch of facts has the wrong shape: a bug in the extractor, not bad input."""

    def __init__(self, message: str, stage: str = "validate") -> None:
        super().__init__(message)
        self.stage = stage
