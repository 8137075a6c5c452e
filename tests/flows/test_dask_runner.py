"""Extraction on a Dask cluster gives the same warehouse as a local run."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from support import write

from flows.ingest_flow import ingest
from flows.runners import dask_runner
from ingest.run import progress

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_api")]

ARTICLES = {
    f"a{i}.txt": f" date 2025-06-0{i} Russia launched {40 + i} drones at Ukraine overnight, the air force said. "
    f"Air defences shot down {30 + i} of them.\n\nTwo people were injured in Kharkiv, governor Ivan Petrenko said.\n"
    for i in range(1, 7)
}


def table(db: Path, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(con.execute(sql).fetchall(), key=str)
    finally:
        con.close()


def test_a_dask_run_loads_the_same_warehouse_as_a_local_run(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    for name, text in ARTICLES.items():
        write(tmp_path / "in", name, text)
    local, remote = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    ingest([str(tmp_path / "in")], str(local), batch_size=2)
    shown: list[tuple[tuple[str, ...], int, int]] = []

    class Seen:
        def show(self, stages: tuple[str, ...], done: int, total: int) -> None:
            shown.append((stages, done, total))

    progress.listen(Seen())
    try:
        with distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as c:
            summary = ingest.with_options(task_runner=dask_runner(c.scheduler_address))(
                [str(tmp_path / "in")], str(remote), batch_size=2
            )
    finally:
        progress.listen(None)
    assert summary.counts.articles_new == len(ARTICLES)
    # the Dask workers reported their stages through the staging folder, as worker processes do
    assert {"extract", "validate"} <= {s for stages, _, _ in shown for s in stages}, shown
    assert shown[-1] == (("load",), len(ARTICLES), len(ARTICLES))
    facts = "select fact_id, metric, value, actor, target, location, event_date from facts"
    assert table(remote, facts) == table(local, facts)
    assert len(table(local, facts)) == 3 * len(ARTICLES)
    assert table(remote, "select article_id, text from articles") == table(
        local, "select article_id, text from articles"
    )
