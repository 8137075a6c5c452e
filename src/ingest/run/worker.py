"""The work of one task, and the order the flow hands batches out in.

A worker process reads, extracts and validates a batch and stages its frames itself, so that
only a summary travels back and the flow's memory stays flat however large the run.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Protocol, TypeVar

from ingest.read.plan import Batch
from ingest.run.batch import BatchSummary, extract_and_validate
from ingest.run.progress import BatchProgress, batch_file
from ingest.run.staging import write_frames

T = TypeVar("T", covariant=True)


class Pending(Protocol[T]):
    """A submitted task's future (Prefect's or Dask's): only its result is needed."""

    def result(self) -> T: ...


def process_and_stage(batch: Batch, root: Path, run_id: str, progress: Path | None = None) -> BatchSummary:
    """Read, extract and validate one batch, and stage its frames in `root`, where the run will
    load them (the warehouse's sources at the start of the run are in `root/known.parquet`);
    its progress is reported in the folder `progress`, if given (ingest.run.progress)."""
    report = BatchProgress(batch_file(progress, batch.index) if progress is not None else None)
    return write_frames(
        root, extract_and_validate(batch, root / "known.parquet", run_id, report), batch.index
    )


def in_order(
    batches: Sequence[Batch],
    here: Callable[[Batch], BatchSummary],
    submit: Callable[[Batch], Pending[BatchSummary]],
    in_flight: int,
) -> Iterator[BatchSummary]:
    """Batch summaries in batch order. One batch runs `here`, in this process; more are
    `submit`ted to the workers, with at most `in_flight` pending so that memory stays flat."""
    if len(batches) == 1:
        yield here(batches[0])
        return
    pending: deque[Pending[BatchSummary]] = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
