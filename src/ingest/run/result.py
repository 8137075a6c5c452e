"""What a run returns to whoever started it (the CLI, a test, a Prefect deployment): a typed
result, not a dict read by string keys."""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.store.counts import PageCounts, RunCounts


@dataclass(frozen=True)
class RunResult:
    run_id: str
    # completed | skipped (another run held the warehouse) | idle (scheduled, found nothing new:
    # counted on its source, no row of `runs`)
    status: str
    source: str | None  # the config's name for what the run read, if scheduled
    counts: RunCounts = field(default_factory=RunCounts)
    pages: PageCounts = field(default_factory=PageCounts)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (file, where it was moved)
    seconds: dict[str, float] = field(default_factory=dict)  # wall time per stage: fetch, plan, process, load
    cpu_seconds: dict[str, float] = field(
        default_factory=dict
    )  # worker CPU per stage: read, extract, validate
    reason: str | None = None  # why a run was skipped

    @classmethod
    def skipped(cls, run_id: str, source: str | None, reason: str) -> RunResult:
        return cls(run_id, "skipped", source, reason=reason)

    def describe(self) -> str:
        """One line for the run's log."""
        c, p = self.counts, self.pages
        if self.status == "idle":
            return (
                f"{self.source}: nothing new ({c.articles_unchanged} articles unchanged); "
                "counted on the source, not as a run (newsfacts runs)"
            )
        line = (
            f"{self.source or 'run'}: {c.articles_read} read, {c.articles_new} new, "
            f"{c.articles_failed} failed; {c.facts_loaded} facts loaded, {c.facts_quarantined} quarantined"
        )
        if p.any():
            line += f"; pages {p.fetched} fetched, {p.not_modified} not modified, {p.known} known"
        return line
