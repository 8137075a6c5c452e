"""Settings: one object with a documented default for each knob. Only the entry points (cli/,
flows/) look at the environment: they hand it to `Settings.from_env`, which reads nothing else."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from ingest.errors import SettingsError

# in the folder the command runs in; not under `warehouse/`, which is the name of the package of
# SQL files (a `warehouse/` folder of data in the working folder would hide that package)
DEFAULT_DB = Path("newsfacts.duckdb")

# Prefect defaults for a command-line tool on a machine with no network: no telemetry, and
# enough time for the temporary server to migrate its database on a cold start.
PREFECT_DEFAULTS: Mapping[str, str] = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    "PREFECT_LOGGING_LEVEL": "CRITICAL",
}


# How a run without PREFECT_API_URL reaches Prefect ($NEWSFACTS_PREFECT_SERVER, flows/prefect_server.py)
BACKGROUND_SERVER = "background"  # one local server, started once and shared by every command
TEMPORARY_SERVER = "temporary"  # a throw-away server per command, as Prefect does unasked (the tests)
PREFECT_SERVER_MODES = (BACKGROUND_SERVER, TEMPORARY_SERVER)


def _version() -> str:
    try:
        return version("newsfacts")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "dev"


USER_AGENT = f"newsfacts/{_version()} (news fact extraction; polite fetcher: 2 requests per host at a time)"


@dataclass(frozen=True)
class FetchSettings:
    """How newsfacts fetches over HTTP; each default is what `newsfacts run URL` uses, and a
    config file's [web] table may change each field."""

    timeout_s: float = 10.0  # connect and between-bytes timeout of one request
    deadline_s: float = 30.0  # all attempts at one URL, headers included, however slowly bytes trickle
    retries: int = 2  # further attempts after a 5xx, 429 or connection error
    backoff_s: float = 1.0  # wait before the first retry; doubles each time
    max_page_bytes: int = 5 * 2**20  # a page or feed larger than this is refused
    max_export_bytes: int = 200 * 2**20  # a JSONL export larger than this is refused
    per_host: int = 2  # concurrent requests to one host
    workers: int = 8  # concurrent requests in all
    max_entries: int = 100  # feed entries looked at per feed and run (newest first, as listed)
    user_agent: str = USER_AGENT

    @classmethod
    def from_dict(cls, values: dict[str, Any] | None) -> FetchSettings:
        return cls(**(values or {}))


@dataclass(frozen=True)
class Settings:
    """Every knob of a run and of the read commands, with its default."""

    db: Path = DEFAULT_DB  # the warehouse file (--db, $NEWSFACTS_DB)
    batch_size: int = 2000  # articles per extraction task (--batch-size, $NEWSFACTS_BATCH_SIZE)
    # how long `sql` and `failures` wait while a run loads ($NEWSFACTS_READ_WAIT): longer than a
    # large run's load transaction (50,000 articles: about 21 s, docs/performance.md)
    read_wait_s: float = 60.0
    run_wait_s: float = 600.0  # how long a run waits for the run holding the warehouse (--wait)
    workers: int = 2  # worker processes extracting batches (one per core here)
    # the DuckDB storage format a new warehouse file is written in ($NEWSFACTS_STORAGE_VERSION):
    # v1.4.0 opens in DuckDB 1.x tools (the duckdb-cli on PyPI, DBeaver, Harlequin); "latest" is
    # DuckDB 2's own, which they cannot read. An existing file keeps the format it was created in.
    storage_version: str = "v1.4.0"
    fetch: FetchSettings = field(default_factory=FetchSettings)  # HTTP, for URLs given to a run
    # set in the environment before Prefect is imported, unless the user set them (flows.environment)
    prefect: Mapping[str, str] = field(default_factory=lambda: dict(PREFECT_DEFAULTS))
    prefect_server: str = BACKGROUND_SERVER  # background or temporary ($NEWSFACTS_PREFECT_SERVER)

    @classmethod
    def from_env(
        cls, env: Mapping[str, str], db: str | Path | None = None, batch_size: int | None = None
    ) -> Settings:
        """The settings a command runs with: its options (`db`, `batch_size`), else `env`'s
        NEWSFACTS_* variables, else the defaults. A value that cannot be used is a SettingsError
        naming the variable."""
        if batch_size is not None:
            _at_least("--batch-size", batch_size, 1, "a whole number of articles")
        return cls(
            db=Path(db) if db else Path(env["NEWSFACTS_DB"]) if env.get("NEWSFACTS_DB") else DEFAULT_DB,
            batch_size=batch_size
            if batch_size is not None
            else _env_int(env, "NEWSFACTS_BATCH_SIZE", cls.batch_size, 1, "a whole number of articles"),
            read_wait_s=_env_float(env, "NEWSFACTS_READ_WAIT", cls.read_wait_s, 0.0, "a number of seconds"),
            storage_version=_env_storage_version(env, cls.storage_version),
            prefect_server=_env_choice(
                env, "NEWSFACTS_PREFECT_SERVER", cls.prefect_server, PREFECT_SERVER_MODES
            ),
        )


def _env_storage_version(env: Mapping[str, str], default: str) -> str:
    raw = env.get("NEWSFACTS_STORAGE_VERSION", "").strip()
    if not raw:
        return default
    if raw != "latest" and not re.fullmatch(r"v\d+\.\d+\.\d+", raw):
        raise SettingsError(
            f"NEWSFACTS_STORAGE_VERSION must be a DuckDB version such as v1.4.0, or latest, not '{raw}'"
        )
    return raw


def _env_choice(env: Mapping[str, str], name: str, default: str, choices: tuple[str, ...]) -> str:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw not in choices:
        raise SettingsError(f"{name} must be {' or '.join(choices)}, not '{raw}'")
    return raw


def _env_int(env: Mapping[str, str], name: str, default: int, least: int, what: str) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be {what}, {least} or more, not '{raw}'") from None
    return int(_at_least(name, value, least, what))


def _env_float(env: Mapping[str, str], name: str, default: float, least: float, what: str) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name} must be {what}, {least:g} or more, not '{raw}'") from None
    return _at_least(name, value, least, what)


def _at_least(name: str, value: float, least: float, what: str) -> float:
    if not math.isfinite(value) or value < least:
        raise SettingsError(f"{name} must be {what}, {least:g} or more, not {value:g}")
    return value


def cache_dir(env: Mapping[str, str]) -> Path | None:
    """Where newsfacts keeps what it can build again (the place gazetteer's index):
    `$NEWSFACTS_CACHE_DIR`, else `$XDG_CACHE_HOME/newsfacts`, else `~/.cache/newsfacts`; None
    when `NEWSFACTS_CACHE_DIR` is `off`."""
    chosen = env.get("NEWSFACTS_CACHE_DIR")
    if chosen:
        return None if chosen.strip().lower() == "off" else Path(chosen).expanduser()
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsfacts"
