"""The runs table, read back: recent runs with their source, counts, outcome, the flow's own
duration and the wall time the user waited for it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ingest.errors import WarehouseError
from ingest.store.connection import reader, schema_version
from warehouse import sql

RUNS_SINCE_VERSION = 5  # warehouse/005_web.sql: the recent_runs view
TICKS_SINCE_VERSION = 12  # warehouse/012_scheduled_sources.sql: idle ticks counted on their source


def recent_runs(db: str | Path, limit: int = 20, source: str | None = None) -> list[dict[str, Any]]:
    """The newest `limit` runs (of one source, if given), newest first."""
    with reader(db) as con:
        if schema_version(con) < RUNS_SINCE_VERSION:
            raise WarehouseError(
                f"the warehouse {db} predates run history (schema version {schema_version(con)}): "
                "any `newsfacts run` upgrades it"
            )
        cur = con.execute(sql("recent_runs"), {"source": source or None, "limit": limit})
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    for r in rows:
        for key in ("started_at", "ended_at", "requested_at"):
            if key in r:  # requested_at: since warehouse/migrations/007_requested_at.sql
                r[key] = r[key].isoformat(sep=" ", timespec="seconds") if r[key] else None
        for key in ("duration_s", "wall_s"):
            r[key] = float(r[key]) if r.get(key) is not None else None
    return rows


def source_ticks(db: str | Path, source: str | None = None) -> list[dict[str, Any]]:
    """Per scheduled source (or just `source`): its runs, its ticks that found nothing new (which
    are not runs), and when it last ran either way; nothing for a warehouse older than that."""
    with reader(db) as con:
        if schema_version(con) < TICKS_SINCE_VERSION:
            return []
        cur = con.execute(sql("sources.ticks"), {"source": source or None})
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    for r in rows:
        for key in ("last_run_at", "last_idle_at", "last_tick_at"):
            r[key] = r[key].isoformat(sep=" ", timespec="seconds") if r[key] else None
    return rows
