"""The counts a run reports and records in the warehouse's `runs` table: added up by the run
layer, written by the load stage (ingest.load.run). Its counters are the runs
model's RUN_COUNT_COLUMNS, name for name: a counter added to one and not the other fails at import."""

from __future__ import annotations

import typing
from dataclasses import dataclass, field, fields

from schemas.runs import RUN_COUNT_COLUMNS


@dataclass
class RunCounts:
    articles_read: int = 0
    articles_new: int = 0
    articles_unchanged: int = 0
    articles_changed: int = 0
    articles_failed: int = 0
    facts_loaded: int = 0
    facts_quarantined: int = 0
    quarantined_by_check: dict[str, int] = field(default_factory=dict)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    # every fact check (and any column check that failed): (facts checked, facts failing it)
    fact_checks: dict[str, tuple[int, int]] = field(default_factory=dict)
    # event values the events rebuild holds for review, per check (empty when it did not run)
    events_held_by_check: dict[str, int] = field(default_factory=dict)


def _counters() -> tuple[str, ...]:
    hints = typing.get_type_hints(RunCounts)
    return tuple(f.name for f in fields(RunCounts) if hints[f.name] is int)


if _counters() != RUN_COUNT_COLUMNS:  # pragma: no cover - a schema change not made here
    raise TypeError(f"RunCounts counts {_counters()}, but the runs model's counters are {RUN_COUNT_COLUMNS}")


@dataclass(frozen=True)
class PageCounts:
    """What a run's fetching did, as its `runs` row records it."""

    fetched: int = 0  # bodies downloaded (200)
    not_modified: int = 0  # 304: the kept copy stands
    known: int = 0  # feed entries the warehouse holds already: not requested

    def any(self) -> bool:
        return bool(self.fetched or self.not_modified or self.known)
