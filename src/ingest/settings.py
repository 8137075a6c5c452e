"""Settings: one object with a documented default for each field. The environment is read only
at the entry points (the CLI), through `Settings.from_env`."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DB = Path("warehouse") / "newsfacts.duckdb"

# Prefect defaults for a command-line tool on a machine with no network: no telemetry, and
# enough time for the temporary server to migrate its database on a cold start.
PREFECT_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    "PREFECT_LOGGING_LEVEL": "CRITICAL",
}


@dataclass(frozen=True)
class Settings:
    db: Path = DEFAULT_DB  # the warehouse file ($NEWSFACTS_DB)
    batch_size: int = 2000  # articles per extraction task ($NEWSFACTS_BATCH_SIZE)
    read_wait_s: float = 60.0  # how long `sql` and `failures` wait while a run loads ($NEWSFACTS_READ_WAIT)

    @classmethod
    def from_env(cls, db: str | Path | None = None, batch_size: int | None = None) -> Settings:
        env_db = os.environ.get("NEWSFACTS_DB")
        env_batch = os.environ.get("NEWSFACTS_BATCH_SIZE")
        env_wait = os.environ.get("NEWSFACTS_READ_WAIT")
        return cls(
            db=Path(db) if db else Path(env_db) if env_db else DEFAULT_DB,
            batch_size=batch_size or (int(env_batch) if env_batch else cls.batch_size),
            read_wait_s=float(env_wait) if env_wait else cls.read_wait_s,
        )


def prepare_prefect(verbose: bool = False) -> None:
    """Set Prefect's environment before it is imported; the user's own settings win."""
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)
    if verbose:
        os.environ["PREFECT_LOGGING_LEVEL"] = "INFO"
