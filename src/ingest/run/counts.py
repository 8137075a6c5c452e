"""The counts a run reports and records in `runs`."""

from __future__ import annotations

from dataclasses import dataclass, field


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
