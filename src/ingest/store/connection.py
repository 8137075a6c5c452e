"""The DuckDB warehouse: opening it, migrating it, and reading it while someone else writes.

DuckDB allows one writer or many readers per file. Writers hold the file only for short
transactions; readers retry with bounded backoff and then say plainly that it is busy.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

import duckdb

from ingest.errors import DiskFull, TransientError, WarehouseBusy, WarehouseError
from ingest.settings import Settings
from warehouse import migrations, sql

SCHEMA_VERSION = max(v for v, _, _ in migrations())
MEMORY_LIMIT = "512MB"
READ_WAIT_S = Settings.read_wait_s  # how long a reader waits for a run's write
STORAGE_VERSION = Settings.storage_version  # the format a new warehouse file is written in
# read_only guards the warehouse's tables only: COPY TO, EXPORT DATABASE, ATTACH (READ_ONLY false),
# INSTALL and read_csv('http://…') still reach files and the network. A read-only connection is
# confined to the warehouse, and the confinement cannot be SET away.
CONFINED: dict[str, str | bool | int | float | list[str]] = {
    "enable_external_access": False,
    "lock_configuration": True,
}
_LOCK_MARKERS = ("Could not set lock", "Conflicting lock", "database is locked")
# DuckDB 2.0 reads a `?` in a database path as the start of options (its log goes to
# "name.wal?rest") and a backslash as a folder separator, whatever the platform
_UNOPENABLE = {"?": "a question mark", "\\": "a backslash"}


def _is_lock_error(e: BaseException) -> bool:
    return any(m in str(e) for m in _LOCK_MARKERS)


def is_transient(e: BaseException) -> bool:
    """Whether trying again may help: a TransientError, or a DuckDB lock error that reached us
    untranslated (it means the same as WarehouseBusy)."""
    return isinstance(e, TransientError) or (isinstance(e, duckdb.IOException) and _is_lock_error(e))


def open_db(
    path: str | Path,
    read_only: bool = False,
    wait_s: float = 30.0,
    storage_version: str = STORAGE_VERSION,
    write_to: Sequence[str | Path] = (),
) -> duckdb.DuckDBPyConnection:
    """Open the warehouse, retrying while another process holds its lock (up to `wait_s`). A
    read-only connection reaches nothing but the warehouse (no files, databases, extensions or
    network), so user SQL on it can neither write nor fetch; `write_to` names the only files it
    may write besides (an export's). A new file is written in `storage_version` (v1.4.0: DuckDB
    1.x tools open it); an existing one keeps its own."""
    p = Path(path)
    for char, name in _UNOPENABLE.items():
        if char in str(p.absolute()):
            raise WarehouseError(
                f"the warehouse path {p} holds {name}, which DuckDB cannot open a database under: "
                "choose a path without one (input files may have any name)"
            )
    if read_only and not p.exists():
        raise WarehouseError(f"no warehouse at {p}: run `newsfacts run PATH` first, or pass --db FILE")
    if p.is_dir():
        raise WarehouseError(f"{p} is a folder, not a warehouse file")
    if p.is_file() and not _is_duckdb(p):  # before DuckDB sees it: it would open a SQLite file as one
        raise WarehouseError(f"{p} is not a DuckDB file, so not a newsfacts warehouse")
    if not read_only:
        p.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_s
    delay = 0.05
    while True:
        try:
            # a bounded buffer pool: a large load spills to disk instead of growing the process
            config: dict[str, str | bool | int | float | list[str]] = {
                "memory_limit": MEMORY_LIMIT,
                "preserve_insertion_order": "false",
                **(CONFINED if read_only and not write_to else {}),
            }
            if not read_only and not p.exists():
                config["storage_compatibility_version"] = storage_version
            con = duckdb.connect(str(p), read_only=read_only, config=config)
            if read_only and write_to:
                _confine(con, write_to)
            return con
        except duckdb.IOException as e:
            if _is_lock_error(e) and time.monotonic() < deadline:
                time.sleep(delay)
                delay = min(delay * 2, 1.0)
                continue
            if _is_lock_error(e):
                raise WarehouseBusy(str(p), str(e)) from e
            if "not a valid DuckDB database" in str(e):
                raise WarehouseError(f"{p} is not a DuckDB file, so not a newsfacts warehouse") from e
            raise WarehouseError(f"cannot open the warehouse {p}: {_first_line(e)}") from e
        except duckdb.Error as e:
            raise WarehouseError(f"{p} is not a newsfacts warehouse: {_first_line(e)}") from e


def _confine(con: duckdb.DuckDBPyConnection, write_to: Sequence[str | Path]) -> None:
    """CONFINED, except for the files `write_to` names: DuckDB takes the allowed paths only
    before external access is switched off, and the lock keeps the three from being undone."""
    con.execute(sql("export.allow"), {"paths": [str(Path(f).absolute()) for f in write_to]})
    con.execute(sql("export.confine"))
    con.execute(sql("export.lock"))


def _is_duckdb(p: Path) -> bool:
    """DuckDB's file header: a checksum, then the magic bytes "DUCK"."""
    try:
        with open(p, "rb") as fh:
            return fh.read(12)[8:] == b"DUCK"
    except OSError:
        return True  # unreadable: DuckDB will say why


def _first_line(e: Exception) -> str:
    return str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    has = con.execute(sql("schema_version.has_table")).fetchone()
    if not has or not has[0]:
        return 0
    row = con.execute(sql("schema_version.current")).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(con: duckdb.DuckDBPyConnection, path: str | Path = "") -> int:
    """Apply the migrations this warehouse lacks, each in its own transaction; refuse a
    warehouse written by a newer newsfacts."""
    current = schema_version(con)
    if current > SCHEMA_VERSION:
        raise WarehouseError(
            f"the warehouse {path} has schema version {current}, newer than this newsfacts "
            f"understands ({SCHEMA_VERSION}): upgrade newsfacts"
        )
    if current == SCHEMA_VERSION and _complete(con):
        return current
    if current == 0 and _foreign_tables(con):
        raise WarehouseError(
            f"{path} is a DuckDB database of something else (tables, but no newsfacts schema version): "
            "newsfacts will not write into it"
        )
    con.execute(sql("schema_version.create"))
    applied = {r[0] for r in con.execute(sql("schema_version.applied")).fetchall()}
    for version, name, migration in migrations():
        if version in applied:
            continue  # a migration that arrived after a later one still runs
        con.begin()
        try:
            con.execute(migration)
            con.execute(sql("schema_version.record"), {"version": version, "name": name})
            con.commit()
        except Exception:
            con.rollback()
            raise
    return SCHEMA_VERSION


def _foreign_tables(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute(sql("schema_version.foreign_tables")).fetchone()
    return int(row[0]) if row else 0


def _complete(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute(sql("schema_version.count")).fetchone()
    return row is not None and int(row[0]) == len(migrations())


@contextmanager
def writer(
    path: str | Path, wait_s: float = 60.0, create: bool = True, storage_version: str = STORAGE_VERSION
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection to a migrated warehouse, closed (and the lock released) on exit.
    Only a run creates a warehouse (in `storage_version`); other writers (review decisions) need
    one to exist."""
    if not create and not Path(path).exists():
        raise WarehouseError(f"no warehouse at {path}: run `newsfacts run PATH` first, or pass --db FILE")
    con = open_db(path, read_only=False, wait_s=wait_s, storage_version=storage_version)
    try:
        migrate(con, path)
        con.complete()  # DuckDB 2: finish pending results before register()
        yield con
    except (duckdb.Error, OSError) as e:
        if is_disk_full(e):
            raise DiskFull(str(path)) from e
        raise
    finally:
        with suppress(duckdb.Error):  # a connection the disk filling invalidated may fail to close
            con.close()


def is_disk_full(e: BaseException) -> bool:
    """Whether an error (DuckDB's or the OS's) says the disk is full."""
    return "No space left on device" in str(e) or getattr(e, "errno", None) == 28


def check_writable(path: str | Path, storage_version: str = STORAGE_VERSION) -> None:
    """Create the warehouse, or check that this newsfacts can write it, without waiting: a path that
    can never be a warehouse (a folder, not a DuckDB file, another program's database, a newer
    schema) fails at once, before a run starts; a warehouse busy right now passes (runs wait)."""
    with suppress(WarehouseBusy), writer(path, wait_s=0, storage_version=storage_version):
        pass


@contextmanager
def reader(
    path: str | Path, wait_s: float = READ_WAIT_S, write_to: Sequence[str | Path] = ()
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only, confined connection (that may write the files `write_to` names only);
    refuses a warehouse from a newer schema."""
    con = open_db(path, read_only=True, wait_s=wait_s, write_to=write_to)
    try:
        version = schema_version(con)
        if version > SCHEMA_VERSION:
            raise WarehouseError(
                f"the warehouse {path} has schema version {version}, newer than this newsfacts "
                f"understands ({SCHEMA_VERSION}): upgrade newsfacts"
            )
        if version == 0:
            raise WarehouseError(f"{path} is not a newsfacts warehouse (it has no schema_version table)")
        con.complete()
        yield con
    finally:
        con.close()
