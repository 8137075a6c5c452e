"""A run's counts, added up batch by batch as the workers send back their summaries, into the
RunCounts that the load stage records."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from ingest.read.files import ReadFailure
from ingest.read.plan import RunPlan
from ingest.run import progress
from ingest.run.batch import BatchSummary, failed_reads
from ingest.run.staging import Staging
from ingest.store.counts import RunCounts
from schemas.facts import CHECKS


@dataclass
class Tally:
    """Counts of a run, added up batch by batch."""

    read: int = 0
    unchanged: int = 0
    quarantined: int = 0
    checked: int = 0  # facts validated
    by_check: dict[str, int] = field(default_factory=dict)
    failures: list[tuple[str, str]] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, r: BatchSummary) -> None:
        self.read += r.n_read
        for stage, s in r.seconds.items():
            self.seconds[stage] = self.seconds.get(stage, 0.0) + s
        self.unchanged += r.n_unchanged
        self.quarantined += r.quarantined
        self.checked += r.checked
        for check, n in r.by_check.items():
            self.by_check[check] = self.by_check.get(check, 0) + n
        self.failures.extend(r.failures)

    def fact_checks(self) -> dict[str, tuple[int, int]]:
        """(facts checked, facts failing) per fact check; nothing when the run checked no fact."""
        if not self.checked:
            return {}
        return {name: (self.checked, self.by_check.get(name, 0)) for name in {**CHECKS, **self.by_check}}

    def counts(
        self, missing: Sequence[ReadFailure], unchanged_files: Sequence[str], known: Path, replaced: int
    ) -> RunCounts:
        """The run's counts; articles in files that were not read again count as unchanged."""
        in_unchanged = 0
        if unchanged_files and known.exists():
            in_unchanged = (
                pl.scan_parquet(known, glob=False)
                .filter(pl.col("file").is_in(list(unchanged_files)))
                .select(pl.len())
                .collect()
                .item()
            )
        failures = [(f.source, f.reason) for f in missing] + self.failures
        return RunCounts(
            articles_read=self.read + len(missing) + in_unchanged,
            articles_unchanged=self.unchanged + in_unchanged,
            articles_changed=replaced,
            articles_failed=len(failures),
            facts_quarantined=self.quarantined,
            quarantined_by_check=dict(sorted(self.by_check.items(), key=lambda kv: -kv[1])),
            fact_checks=self.fact_checks(),
            failures=failures,
        )


def tally_batches(
    summaries: Iterable[BatchSummary], staging: Staging, watch: progress.Watch | None = None
) -> Tally:
    """Add up the batches' summaries as they arrive (in batch order), remembering what each one
    staged, and tell `watch` each batch's real count."""
    tally = Tally()
    for index, summary in enumerate(summaries):
        tally.add(staging.note(summary))
        if watch is not None:
            watch.finished(index, summary.n_read)
    return tally


def nothing_new(work: RunPlan, failed_fetches: Sequence[ReadFailure]) -> bool:
    """Whether a run found nothing to read: no file or page new or changed since it was read, and
    nothing that failed to be found or fetched (a scheduled tick to count, not a run to record)."""
    return not work.batches and not work.missing and not failed_fetches


def unchanged_counts(work: RunPlan, staging: Staging) -> RunCounts:
    """The counts of a run that found nothing to read: the articles of its unchanged files."""
    return Tally().counts([], work.unchanged_files, staging.known, 0)


def run_counts(
    tally: Tally, work: RunPlan, staging: Staging, failed_fetches: Sequence[ReadFailure]
) -> RunCounts:
    """Stage the URLs that could not be fetched with the batches, and return the run's counts for
    the load."""
    tally.add(staging.write(failed_reads(failed_fetches), len(work.batches)))
    return tally.counts(work.missing, work.unchanged_files, staging.known, len(staging.replaced))
