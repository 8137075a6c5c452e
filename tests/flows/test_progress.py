"""The run's progress as the real flow reports it: article by article from inside a batch that a
worker process is extracting, with its stages in order."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import write

from flows.ingest_flow import ingest
from ingest.run import progress

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_api")]

PLACES = ["Odesa", "Kharkiv", "Dnipro", "Sumy", "Kherson"]


def articles(folder: Path, n: int) -> None:
    for i in range(n):
        write(
            folder,
            f"a{i:04d}.txt",
            f" date 2025-06-{i % 28 + 1:02d} Russia launched {40 + i} drones at the {PLACES[i % 5]} region "
            f"overnight, the Ukrainian air force said. Air defences shot down {i % 40} of them.\n",
        )


class Seen:
    """What a listener is shown, in order."""

    def __init__(self) -> None:
        self.shown: list[tuple[tuple[str, ...], int, int]] = []

    def show(self, stages: tuple[str, ...], done: int, total: int) -> None:
        self.shown.append((stages, done, total))


@pytest.fixture
def seen() -> Iterator[Seen]:
    listener = Seen()
    progress.listen(listener)
    try:
        yield listener
    finally:
        progress.listen(None)


def test_progress_advances_article_by_article_inside_the_worker_batches(
    tmp_path: Path, db: Path, seen: Seen
) -> None:
    articles(tmp_path / "in", 400)
    summary = ingest([str(tmp_path / "in")], str(db), batch_size=200)  # two batches, in worker processes

    assert summary.counts.articles_new == 400
    done = [d for _, d, _ in seen.shown]
    assert done == sorted(done)  # never backwards
    # a whole number of batches is 0, 200 or 400 articles: anything else came from inside a batch
    assert any(d % 200 for d in done), done
    assert seen.shown[-1] == (("load",), 400, 400)
    first_seen: list[str] = []
    for stages, _, _ in seen.shown:
        first_seen += [s for s in stages if s not in first_seen]
    assert first_seen == ["read", "extract", "validate", "load"]


def test_a_single_batch_run_in_the_flow_process_reports_its_articles_too(
    tmp_path: Path, db: Path, seen: Seen
) -> None:
    articles(tmp_path / "in", 120)
    ingest([str(tmp_path / "in")], str(db), batch_size=2000)

    done = [d for stages, d, _ in seen.shown if stages != ("load",)]
    assert len([d for d in done if 0 < d < 120]) >= 2, done
    assert all(b - a <= progress.EVERY for a, b in itertools.pairwise(done)), done  # 50 at most
    assert seen.shown[-1] == (("load",), 120, 120)
