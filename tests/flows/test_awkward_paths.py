"""The real flow with the warehouse and its input under folders whose names SQL or a glob would
misread: an apostrophe and a semicolon, brackets, a question mark, a backslash.

DuckDB itself cannot open a database under a `?` (it takes it for the start of options) or a
backslash (a separator to it): such a warehouse path is refused in one sentence, before anything
is written; input may live anywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from newsweb import NewsWeb
from support import rows, write

from flows.ingest_flow import ingest
from ingest.errors import WarehouseError
from ingest.store.connection import check_writable, reader

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_api")]

HOSTILE = "o'brien; drop"
ATTACK = """\
 date 2025-06-02 Russia launched 40 drones at the Odesa region overnight, the Ukrainian air force said.
Air defences shot down 35 of them, according to the same statement.
"""
EXCHANGE = """\
Published: 10:00, June 5, 2025 | Updated: 10:20, June 5, 2025
Kyiv and Moscow swap prisoners

Russia and Ukraine exchanged 84 prisoners each on Thursday, the Ukrainian ombudsman said.
"""
FAST = {"timeout_s": 1.0, "deadline_s": 5.0, "retries": 1, "backoff_s": 0.05, "max_page_bytes": 2**20}


# (input folder, batch size): one article a batch once, so that worker processes stage into
# the awkward folder too; one batch, read in the flow's process, for the others (quicker)
AWKWARD = [("[x]", 1), ("what?", 100), ("back\\slash", 100)]


def _tables(db: Path) -> dict[str, int]:
    out = {}
    for table in ("articles", "facts", "quarantine", "read_failures", "article_sources", "files", "events"):
        ((n,),) = rows(db, f"select count(*) from {table}")
        out[table] = n
    return out


@pytest.mark.parametrize(("name", "batch_size"), AWKWARD, ids=[name for name, _ in AWKWARD])
def test_input_under_awkward_folder_names_loads_into_a_warehouse_under_one_and_reruns_unchanged(
    tmp_path: Path, name: str, batch_size: int
) -> None:
    db = tmp_path / HOSTILE / "[wh]" / "wh.duckdb"
    box = tmp_path / HOSTILE / name / "in"
    write(box, "attack.txt", ATTACK)
    write(box, "swap.txt", EXCHANGE)
    (box / "empty.txt").write_bytes(b"")  # unreadable: goes to rejected/, its reason beside it

    first = ingest([str(box)], str(db), batch_size=batch_size, move_rejected=True)
    before = _tables(db)
    second = ingest([str(box)], str(db), batch_size=batch_size, move_rejected=True)

    assert first.status == "completed" and first.counts.articles_new == 2
    assert first.counts.facts_loaded >= 3
    assert ("drones_launched", 40) in rows(db, "select metric, value from facts")
    assert rows(db, "select count(*) from facts where article_id in (select article_id from articles)") == [
        (first.counts.facts_loaded,)
    ]
    assert first.rejected == [(str(box / "empty.txt"), str(box / "rejected" / "empty.txt"))]
    assert (box / "rejected" / "empty.txt.reason.txt").exists()
    assert rows(db, "select source from article_sources order by 1") == [
        (str(box / "attack.txt"),),
        (str(box / "swap.txt"),),
    ]

    assert second.counts.articles_new == 0 and second.counts.articles_unchanged == 2
    assert second.counts.facts_loaded == 0
    assert _tables(db) == before
    assert rows(db, "select status from runs order by started_at") == [("completed",), ("completed",)]
    assert not Path(f"{db}.staging").exists()


def test_pages_fetched_into_a_warehouse_under_an_awkward_folder_are_cached_and_known(
    news_web: NewsWeb, tmp_path: Path
) -> None:
    db = tmp_path / HOSTILE / "[web]" / "wh.duckdb"
    feed = news_web.url("/feed.xml")
    first = ingest([feed], str(db), web=FAST)
    second = ingest([feed], str(db), web=FAST)

    assert first.counts.articles_new >= 2
    assert second.counts.articles_new == 0 and second.counts.facts_loaded == 0
    assert second.pages.known >= 2  # the feed's entries are found in the warehouse's sources
    cached = rows(db, "select cache_file from web_cache")
    assert cached and all(Path(f).is_file() and f.startswith(str(tmp_path / HOSTILE)) for (f,) in cached)


@pytest.mark.parametrize("name", ["what?", "back\\slash"])
def test_a_warehouse_path_duckdb_cannot_open_is_refused_before_anything_is_written(
    tmp_path: Path, name: str
) -> None:
    db = tmp_path / HOSTILE / name / "wh.duckdb"
    write(tmp_path / "in", "swap.txt", EXCHANGE)

    with pytest.raises(WarehouseError, match="DuckDB cannot open a database under"):
        check_writable(db)
    with pytest.raises(WarehouseError, match="DuckDB cannot open a database under"):
        ingest([str(tmp_path / "in")], str(db))
    assert not db.exists() and not Path(f"{db}.wal").exists()
    with pytest.raises(WarehouseError, match="DuckDB cannot open"), reader(db):
        pass
