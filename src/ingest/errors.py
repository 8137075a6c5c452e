"""Every error newsfacts raises on purpose: one root, a transient (retry may help) and a terminal
(fix the input) branch. Each error's message is a sentence for the user; each carries the facts
it knows (`run_id`, `article_id`, `source`, `stage`) and survives pickling, so it crosses from a
worker process to the flow intact."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any


class NewsfactsError(Exception):
    """Root of every error newsfacts raises on purpose; its message is meant for the user."""

    run_id: str | None = None
    article_id: str | None = None
    source: str | None = None  # a scheduled source's name, or the file or URL an article came from
    stage: str | None = None  # read, fetch, extract, validate, load, review, serve

    def __init__(
        self,
        message: str,
        *,
        run_id: str | None = None,
        article_id: str | None = None,
        source: str | None = None,
        stage: str | None = None,
    ) -> None:
        super().__init__(message)
        for name, value in (
            ("run_id", run_id),
            ("article_id", article_id),
            ("source", source),
            ("stage", stage),
        ):
            if value is not None:
                setattr(self, name, value)

    def __reduce__(self) -> tuple[Any, ...]:
        # Exception's own pickling calls `cls(*self.args)`, which breaks every subclass whose
        # __init__ takes other arguments than its message: rebuild without calling __init__.
        return (_rebuild, (type(self), self.args, self.__dict__))


def _rebuild(cls: type[NewsfactsError], args: tuple[Any, ...], state: dict[str, Any]) -> NewsfactsError:
    error = cls.__new__(cls, *args)
    error.args = args
    error.__dict__.update(state)
    return error


class TransientError(NewsfactsError):
    """I/O that may succeed on retry: a locked warehouse, a network hiccup."""


class TerminalError(NewsfactsError):
    """Bad input or configuration: retrying will not help."""


# --- the warehouse ------------------------------------------------------------------------------


class WarehouseBusy(TransientError):
    """Another process holds the warehouse file's lock for longer than this one would wait."""

    def __init__(self, path: str, detail: str, **context: str | None) -> None:
        self.pid, self.program = lock_holder(detail)
        by = f"process {self.pid} has it open, most likely another newsfacts run writing to it"
        super().__init__(
            f"the warehouse {path} is busy ({by if self.pid else 'another newsfacts run is writing to it'}); "
            "try again shortly",
            **context,
        )
        self.path = path
        self.detail = detail  # DuckDB's own message


def lock_holder(detail: str) -> tuple[int | None, str | None]:
    """The PID and program name DuckDB's lock error names ("… held in /usr/bin/duckdb (PID 42)")."""
    found = re.search(r"held in (.*?) \(PID (\d+)\)", detail)
    return (int(found[2]), found[1].rsplit("/", 1)[-1]) if found else (None, None)


class WarehouseHeld(TransientError):
    """A program other than a newsfacts run kept the warehouse file open for longer than a run
    would wait (a DuckDB shell, a notebook): a run cannot write while it does."""

    def __init__(
        self, path: str, pid: int | None, program: str | None, waited_s: float, **context: str | None
    ) -> None:
        who = f"process {pid}" + (f" ({program})" if program else "") if pid else "another program"
        super().__init__(
            f"the warehouse {path} is held open by {who}, still after {waited_s:g} s: close it there "
            "(a DuckDB shell, a notebook) and run again",
            **context,
        )
        self.path = path
        self.pid = pid
        self.program = program
        self.waited_s = waited_s


class RunBusy(TransientError):
    """Another run held the warehouse's run lock for longer than this run would wait."""

    def __init__(self, db: str, holder: str, waited_s: float, **context: str | None) -> None:
        super().__init__(
            f"the warehouse {db} is busy: {holder} still holds it after waiting {waited_s:g} s", **context
        )
        self.db = db
        self.holder = holder  # the holding run, as it described itself
        self.waited_s = waited_s


class WarehouseError(TerminalError):
    """The warehouse file cannot be used: wrong schema version, not a DuckDB file, bad path."""


class DiskFull(WarehouseError):
    """The disk filled while the warehouse was written: nothing of that write was kept."""

    def __init__(self, path: str, **context: str | None) -> None:
        super().__init__(
            f"no space left on device for the warehouse {path}: nothing of this write was kept "
            "(the warehouse is as it was); free some space and try again",
            **context,
        )
        self.path = path


class QueryError(TerminalError):
    """A user's SQL failed; the message is DuckDB's, on one line."""


# --- the pipeline -------------------------------------------------------------------------------


class ExportError(QueryError):
    """An export that cannot be done as asked: its target file, its format or its source."""


class SchemaBatchError(TerminalError):
    """A whole batch of facts has the wrong shape: a bug in the extractor, not bad input."""

    def __init__(self, message: str, stage: str = "validate", **context: str | None) -> None:
        super().__init__(message, stage=stage, **context)


# --- configuration and serving ------------------------------------------------------------------


class SettingsError(TerminalError):
    """An environment variable holds a value newsfacts cannot use; the message names it."""


class ConfigError(TerminalError):
    """The config file cannot be used; the message names the file, the source and the key."""


class ServerError(TransientError):
    """The Prefect server did not start or does not answer."""


# --- review -------------------------------------------------------------------------------------


class ReviewError(TerminalError):
    """A decision that cannot be made as asked; the message says what to do instead."""


class UnknownFailure(ReviewError):
    """No quarantined failure has this id."""

    def __init__(self, ident: str, detail: str = "", **context: str | None) -> None:
        super().__init__(
            f"no failure with id '{ident}'{detail}: list them with `newsfacts failures --status all`",
            **context,
        )
        self.ident = ident


class AlreadyDecided(ReviewError):
    """The failure was decided before; reopen the decision to decide again."""

    def __init__(
        self, quarantine_id: str, status: str, by: str | None, at: dt.datetime | None, **context: str | None
    ) -> None:
        who = f" by {by}" if by else ""
        when = f" at {at:%Y-%m-%d %H:%M} UTC" if at else ""
        super().__init__(
            f"failure {quarantine_id} was already {status}{who}{when}; to decide again, reopen it first: "
            f"newsfacts review {quarantine_id} --reopen",
            **context,
        )
        self.quarantine_id = quarantine_id
        self.status = status


class BadDecision(ReviewError):
    """Bad input to a decision: an unknown field, a value of the wrong type, a note too long."""
