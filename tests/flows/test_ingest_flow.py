"""The real Prefect flow, end to end, into a DuckDB file in a temp folder."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from support import rows, write

from flows.ingest_flow import ingest

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_api")]

ATTACK = """\
 date 2025-06-02 Russia launched 40 drones at the Odesa region overnight, the Ukrainian air force said.
Air defences shot down 55 of them, according to the same statement.

Two people were injured in Odesa, regional governor Ivan Petrenko said.
"""
EXCHANGE = """\
Published: 10:00, June 5, 2025 | Updated: 10:20, June 5, 2025
Kyiv and Moscow swap prisoners

Russia and Ukraine exchanged 84 prisoners each on Thursday, the Ukrainian ombudsman said.
"""


def counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            t: con.execute(f"select count(*) from {t}").fetchone()[0]  # type: ignore[index]
            for t in ("articles", "facts", "quarantine", "read_failures", "article_sources")
        }
    finally:
        con.close()


def test_quarantine_holds_the_impossible_interception_and_loads_the_rest(tmp_path: Path, db: Path) -> None:
    write(tmp_path / "in", "attack.txt", ATTACK)
    summary = ingest([str(tmp_path / "in")], str(db))

    assert summary.counts.facts_quarantined == 1
    assert summary.counts.quarantined_by_check == {"drones_intercepted_within_launched": 1}
    ((check, message, fact, status),) = rows(db, "select check_name, message, fact, status from quarantine")
    assert check == "drones_intercepted_within_launched"
    assert message == "intercepted 55 exceeds launched 40 drones for the attack reported on 2025-06-02"
    assert json.loads(fact)["value"] == 55
    assert status == "open"
    loaded = rows(db, "select metric, value, location from facts order by metric")
    assert ("injured", 2, "Odesa") in loaded
    assert ("drones_launched", 40, "Odesa Oblast") in loaded
    assert not any(m == "drones_intercepted" for m, _, _ in loaded)


def test_a_rerun_on_the_same_input_changes_nothing(tmp_path: Path, db: Path) -> None:
    write(tmp_path / "in", "attack.txt", ATTACK)
    write(tmp_path / "in", "exchange.txt", EXCHANGE)
    first = ingest([str(tmp_path / "in")], str(db))
    before = counts(db)
    second = ingest([str(tmp_path / "in")], str(db))

    assert first.counts.articles_new == 2
    assert second.counts.articles_new == 0 and second.counts.articles_unchanged == 2
    assert second.counts.facts_loaded == 0
    assert counts(db) == before
    statuses = rows(db, "select status, articles_unchanged from runs order by started_at")
    assert statuses == [("completed", 0), ("completed", 2)]


def test_an_article_whose_text_changed_replaces_its_old_facts(tmp_path: Path, db: Path) -> None:
    path = write(tmp_path / "in", "exchange.txt", EXCHANGE)
    ingest([str(path)], str(db))
    path.write_text(EXCHANGE.replace("84 prisoners", "95 prisoners"), encoding="utf-8")
    summary = ingest([str(path)], str(db))

    assert summary.counts.articles_changed == 1
    assert rows(db, "select distinct value from facts") == [(95,)]
    assert counts(db)["articles"] == 1


def test_the_same_story_in_two_files_is_one_article(tmp_path: Path, db: Path) -> None:
    write(tmp_path / "in", "a.txt", EXCHANGE)
    write(tmp_path / "in", "b.txt", EXCHANGE.replace("\n\n", "\n\n\n"))
    summary = ingest([str(tmp_path / "in")], str(db))

    assert summary.counts.articles_read == 2 and summary.counts.articles_new == 1
    assert counts(db)["articles"] == 1 and counts(db)["article_sources"] == 2


def test_unreadable_files_are_recorded_and_the_rest_still_loads(tmp_path: Path, db: Path) -> None:
    folder = tmp_path / "in"
    write(folder, "good.txt", EXCHANGE)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02garbage")
    good_line = json.dumps(
        {
            "url": "https://example.org/x",
            "title": "Swap",
            "published": "2025-06-05",
            "text": "Russia and Ukraine exchanged 12 prisoners each on Thursday.",
        }
    )
    (folder / "feed.jsonl").write_text(good_line + "\n{broken\n", encoding="utf-8")
    summary = ingest([str(folder)], str(db))

    assert summary.counts.articles_failed == 3
    reasons = dict(rows(db, "select source, reason from read_failures"))
    assert reasons[str(folder / "empty.txt")] == "empty file"
    assert "binary" in reasons[str(folder / "binary.txt")]
    assert "broken JSON on line 2" in reasons[str(folder / "feed.jsonl") + "#L2"]
    assert counts(db)["articles"] == 2
    assert rows(db, "select status from runs") == [("completed",)]
