"""One batch of a run: read, checked against what the warehouse already holds, extracted and
validated in one call (`extract_and_validate`), so that it can run in a worker process
(ingest.run.worker); its frames are staged as Parquet and loaded in one transaction at the end.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from ingest.extract.batch import extract_batch
from ingest.read.files import RawArticle, ReadFailure, read_part
from ingest.read.frames import articles_frame, failures_frame
from ingest.read.plan import Batch
from ingest.run.progress import BatchProgress
from ingest.validate.facts import validate_facts
from schemas.frames import FACT_SCHEMA, QUARANTINE_SCHEMA, SOURCE_SCHEMA


@dataclass
class BatchResult:
    """What one batch produced: frames to stage, and counts for the run's summary."""

    articles: pl.DataFrame  # new articles only (ArticleModel columns)
    sources: pl.DataFrame  # every source read: source, file, article_id
    facts: pl.DataFrame
    quarantine: pl.DataFrame
    failures: pl.DataFrame
    replaced: list[str] = field(default_factory=list)  # article ids whose source now holds another text
    unread: list[str] = field(default_factory=list)  # files that could not be read for a passing reason
    n_read: int = 0
    n_unchanged: int = 0
    seconds: dict[str, float] = field(default_factory=dict)  # CPU time per stage: read, extract, validate


@dataclass
class BatchSummary:
    """A batch result without its frames (they are staged on disk): what a worker sends back."""

    replaced: list[str]
    n_read: int
    n_unchanged: int
    seconds: dict[str, float]
    quarantined: int  # facts held back
    by_check: dict[str, int]  # facts failing each check
    failures: list[tuple[str, str]]
    unread: list[str] = field(default_factory=list)  # files not to record as read (BatchResult.unread)
    checked: int = 0  # facts validated: every fact check looked at each of them


def summarize(r: BatchResult) -> BatchSummary:
    by_check: dict[str, int] = {}
    quarantined = 0
    if r.quarantine.height:
        quarantined = r.quarantine.get_column("fact_id").n_unique()
        by_check = dict(r.quarantine.group_by("check_name").len().iter_rows())
    return BatchSummary(
        r.replaced,
        r.n_read,
        r.n_unchanged,
        r.seconds,
        quarantined,
        by_check,
        list(r.failures.iter_rows()),
        r.unread,
        checked=r.facts.height + quarantined,
    )


def read_batch(batch: Batch, unread: set[str] | None = None) -> tuple[list[RawArticle], list[ReadFailure]]:
    """The articles and failures of a batch's parts; the files that failed for a passing reason
    (ReadFailure.passing) are added to `unread`."""
    articles: list[RawArticle] = []
    failures: list[ReadFailure] = []
    for part in batch.parts:
        for item in read_part(part.path, part.start, part.end, part.first_line):
            if isinstance(item, ReadFailure):
                failures.append(item)
                if item.passing and unread is not None:
                    unread.add(part.path)
            else:
                articles.append(item)
    return articles, failures


def extract_and_validate(
    batch: Batch, known: Path | None, run_id: str, report: BatchProgress | None = None
) -> BatchResult:
    """Read a batch, skip what the warehouse holds already (`known`: a Parquet snapshot of its
    sources), extract and validate the rest; `report` hears of each stage and article."""
    report = report or BatchProgress(None)
    report.enter("read", 0)
    clock = time.process_time()
    unread: set[str] = set()
    raws, failures = read_batch(batch, unread)
    sources = pl.DataFrame(
        [(a.source, a.source.split("#", 1)[0], a.article_id) for a in raws],
        schema=SOURCE_SCHEMA,
        orient="row",
    )
    seen = _known(known, sources)
    known_ids = set(seen.get_column("article_id").to_list())
    previous = dict(seen.select("source", "article_id").iter_rows())
    new: list[RawArticle] = []
    ids: set[str] = set()
    replaced: set[str] = set()
    unchanged = 0
    for a in raws:
        old = previous.get(a.source)
        if old is not None and old != a.article_id:
            replaced.add(old)
        if a.article_id in known_ids:
            unchanged += 1
        elif a.article_id not in ids:
            ids.add(a.article_id)
            new.append(a)
    articles = articles_frame(new)
    read_s, clock = time.process_time() - clock, time.process_time()
    n_read = len(raws) + len(failures)
    report.enter("extract", n_read - len(new), n_read)  # those not new need no extraction
    candidates = extract_batch(articles, run_id, report.article)
    extract_s, clock = time.process_time() - clock, time.process_time()
    report.enter("validate")
    facts, quarantine = validate_facts(candidates)
    validate_s = time.process_time() - clock
    return BatchResult(
        articles.drop("title_end"),
        sources,
        facts,
        quarantine,
        failures_frame(failures),
        sorted(replaced),
        sorted(unread),
        n_read=n_read,
        n_unchanged=unchanged,
        seconds={"read": read_s, "extract": extract_s, "validate": validate_s},
    )


def _known(snapshot: Path | None, sources: pl.DataFrame) -> pl.DataFrame:
    """Rows of the warehouse's sources that share a source or an article id with this batch."""
    if snapshot is None or not snapshot.exists() or sources.is_empty():
        return pl.DataFrame(schema=SOURCE_SCHEMA)
    return (
        pl.scan_parquet(snapshot, glob=False)
        .filter(
            pl.col("source").is_in(sources.get_column("source").implode())
            | pl.col("article_id").is_in(sources.get_column("article_id").implode())
        )
        .collect()
    )


def empty_result() -> BatchResult:
    return BatchResult(
        articles_frame([]).drop("title_end"),
        pl.DataFrame(schema=SOURCE_SCHEMA),
        pl.DataFrame(schema=FACT_SCHEMA),
        pl.DataFrame(schema=QUARANTINE_SCHEMA),
        failures_frame([]),
    )


def failed_reads(failures: Sequence[ReadFailure]) -> BatchResult:
    """Reads that failed before any batch (URLs that could not be fetched) as a batch result,
    staged and loaded with the run's other rows."""
    result = empty_result()
    result.failures = failures_frame(failures)
    result.n_read = len(failures)
    return result
