"""The real flow on URLs and inbox folders: pages fetched once, dead ones recorded, files moved,
and a busy warehouse waited for or skipped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from newsweb import NewsWeb
from support import rows, write

from flows.ingest_flow import ingest
from ingest.run import lock as runlock
from ingest.run.lock import RunBusy
from ingest.store.counts import PageCounts

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_api")]

FAST = {"timeout_s": 1.0, "deadline_s": 5.0, "retries": 1, "backoff_s": 0.05, "max_page_bytes": 2**20}
EXCHANGE = """\
Published: 10:00, June 5, 2025 | Updated: 10:20, June 5, 2025
Kyiv and Moscow swap prisoners

Russia and Ukraine exchanged 84 prisoners each on Thursday, the Ukrainian ombudsman said.
"""


def test_a_feed_run_loads_its_pages_by_url_records_dead_ones_and_fetches_nothing_twice(
    news_web: NewsWeb, db: Path
) -> None:
    feed = news_web.url("/feed.xml")
    first = ingest([feed, news_web.url("/news/kharkiv-strike.html")], str(db), web=FAST)
    page_hits = news_web.hits["/news/odesa-drones.html"]
    second = ingest([feed, news_web.url("/news/kharkiv-strike.html")], str(db), web=FAST)

    odesa = news_web.url("/news/odesa-drones.html")
    assert first.counts.articles_new == 3 and first.pages.fetched == 4
    assert rows(db, f"select title from articles where source = '{odesa}'") == [("Drones over Odesa",)]
    assert ("drones_launched", 40) in rows(
        db, f"select metric, value from fact_sources where source = '{odesa}'"
    )
    failed = dict(
        rows(
            db,
            "select source, reason from read_failures where run_id = (select min_by(run_id, started_at) from runs)",
        )
    )
    assert set(failed) == {news_web.url(p) for p in ("/broken", "/slow", "/huge", "/missing")}
    assert failed[news_web.url("/missing")] == "HTTP 404 Not Found"

    assert news_web.hits["/news/odesa-drones.html"] == page_hits  # already in the warehouse
    assert second.counts.articles_new == 0 and second.counts.facts_loaded == 0
    assert second.pages == PageCounts(
        fetched=1, not_modified=1, known=2
    )  # the feed; the ETag page; 2 entries
    assert rows(
        db, "select status, pages_fetched, pages_not_modified, pages_known from runs order by started_at"
    ) == [
        ("completed", 4, 0, 0),
        ("completed", 1, 1, 2),
    ]


def test_an_inbox_run_moves_read_files_to_processed_and_unreadable_ones_to_rejected(
    tmp_path: Path, db: Path
) -> None:
    box = tmp_path / "inbox"
    write(box, "swap.txt", EXCHANGE)
    (box / "empty.txt").write_bytes(b"")
    summary = ingest([str(box)], str(db), move_processed=True, move_rejected=True)

    assert sorted(p.name for p in box.iterdir()) == ["processed", "rejected"]
    assert (box / "processed" / "swap.txt").exists()
    assert (box / "rejected" / "empty.txt.reason.txt").read_text().strip().endswith("empty file")
    assert summary.rejected == [(str(box / "processed" / "empty.txt"), str(box / "rejected" / "empty.txt"))]
    assert rows(db, "select source from articles") == [(str(box / "processed" / "swap.txt"),)]

    # the same name again, with another story: a new article, the first one stays
    write(box, "swap.txt", EXCHANGE.replace("84 prisoners", "95 prisoners"))
    again = ingest([str(box)], str(db), move_processed=True, move_rejected=True)
    assert again.counts.articles_new == 1 and again.counts.articles_changed == 0
    assert rows(db, "select distinct value from facts where metric = 'prisoners_released' order by 1") == [
        (84,),
        (95,),
    ]
    assert (box / "processed" / "swap-2.txt").exists()


def test_a_claim_journal_left_by_a_run_that_committed_keeps_its_files_where_they_were_read(
    tmp_path: Path, db: Path
) -> None:
    """A run killed after its load committed, before it dropped its claim journal: the next run
    must not put the loaded files back in the inbox (they would be read again as new articles)."""
    box = tmp_path / "inbox"
    write(box, "swap.txt", EXCHANGE)
    first = ingest([str(box)], str(db), move_processed=True)
    journal = box / "processed" / f".claims-{first.run_id}.jsonl"  # as the killed run left it
    journal.write_text(
        json.dumps({"from": str(box / "swap.txt"), "to": str(box / "processed" / "swap.txt")}) + "\n",
        encoding="utf-8",
    )

    again = ingest([str(box)], str(db), move_processed=True)

    assert again.counts.articles_read == 0
    assert sorted(p.name for p in box.iterdir()) == ["processed"]
    assert not journal.exists() and (box / "processed" / "swap.txt").exists()
    assert rows(db, "select source from articles") == [(str(box / "processed" / "swap.txt"),)]


def test_a_scheduled_run_on_a_busy_warehouse_is_skipped_and_recorded(tmp_path: Path, db: Path) -> None:
    write(tmp_path / "in", "swap.txt", EXCHANGE)
    with runlock.acquire(db, "other-run", "wire"):
        summary = ingest([str(tmp_path / "in")], str(db), source="inbox", wait_s=0.2, skip_if_busy=True)
        with pytest.raises(RunBusy, match="run other-run \\(source wire\\)"):
            ingest([str(tmp_path / "in")], str(db), wait_s=0.2)

    assert summary.status == "skipped"
    assert summary.reason is not None and "run other-run (source wire)" in summary.reason
    ((status, source, error),) = rows(db, "select status, source, error from runs where source = 'inbox'")
    assert status == "skipped" and source == "inbox" and "still holds it after waiting 0.2 s" in error
    assert rows(db, "select count(*) from articles") == [(0,)]
