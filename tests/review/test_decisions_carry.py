"""Review work outlives a text (issue 15, item 13): facts loaded by a decision join their events
and the daily views; decisions carry over to the same facts when an article's text changes; and
`newsfacts decisions export` / `import` rebuild the same warehouse from the same input, reopened
decisions too; a reopened decision takes its fact out of its event and is not carried over. Real
flow runs and real `newsfacts` processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from review_support import KHARKIV, SWAP, failure_id, rows
from support import write

from flows.ingest_flow import ingest

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_api")]
EXE = Path(sys.executable).parent / "newsfacts"
UNRELATED = "\nThe weather in the capital stayed dry and mild all week.\n"


def newsfacts(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSFACTS_DB": str(db), "COLUMNS": "200"}
    done = subprocess.run([str(EXE), *args], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return done


def snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Everything review work decides, without the run ids and times that differ between warehouses."""
    return {
        "facts": rows(db, "select fact_id, metric, value, origin, decision_id from facts order by all"),
        "quarantine": rows(
            db, "select quarantine_id, check_name, status, decision_id from quarantine order by all"
        ),
        "decisions": rows(
            db,
            "select decision_id, quarantine_id, fact_id, action, changes, note, decided_by, decided_at, outcome, "
            "loaded_fact_id, reopened_at, reopened_by, reopen_note from decisions order by all",
        ),
        "event_facts": rows(db, "select event_id, fact_id, link from event_facts order by all"),
        "daily": rows(db, "select * from daily_aerial_attacks order by all"),
    }


def decided_facts(db: Path) -> list[tuple[Any, ...]]:
    return rows(db, "select metric, value, origin from facts where origin <> 'extracted' order by metric")


def test_decisions_load_into_events_carry_over_text_changes_and_rebuild_a_fresh_warehouse(
    tmp_path: Path,
) -> None:
    folder, old = tmp_path / "in", tmp_path / "old.duckdb"
    kharkiv, swap = write(folder, "kharkiv.txt", KHARKIV), write(folder, "swap.txt", SWAP)
    ingest([str(folder)], str(old))
    newsfacts("review", failure_id(old, "drones_intercepted"), "--accept", "--by", "olena", db=old)
    newsfacts(
        "review", failure_id(old, "civilians_released"), "--correct", "value=50", "--by", "olena", db=old
    )
    newsfacts("review", failure_id(old, "soldiers_released"), "--reject", "--note", "not soldiers", db=old)

    # a fact loaded by a decision is in its event at once; its event's value, now 48 of 36, is
    # held for review in turn, and once accepted the daily view shows it
    (accepted,) = rows(old, "select fact_id from facts where origin = 'accepted'")[0]
    assert rows(old, "select count(*) from event_facts where fact_id = ?", [accepted]) == [(1,)]
    ((event_failure,),) = rows(
        old, "select quarantine_id from quarantine where check_name like 'event_%' and status = 'open'"
    )
    newsfacts("review", event_failure, "--accept", "--by", "olena", db=old)
    assert rows(
        old, "select launched, intercepted from daily_aerial_attacks where event_date = '2025-07-14'"
    ) == [(36, 48)]
    decided = decided_facts(old)
    assert decided == [("civilians_released", 50, "corrected"), ("drones_intercepted", 48, "accepted")]
    before = snapshot(old)

    # exported, then replayed on a fresh warehouse built from the same input: the same warehouse
    exported = tmp_path / "decisions.jsonl"
    assert (
        newsfacts("decisions", "export", str(exported), db=old).stdout.strip()
        == f"wrote {exported}: 4 decisions"
    )
    fresh = tmp_path / "fresh.duckdb"
    ingest([str(folder)], str(fresh))
    assert newsfacts("decisions", "import", str(exported), db=fresh).stdout.strip() == "imported 4 decisions"
    assert snapshot(fresh) == before
    again = newsfacts("decisions", "import", str(exported), db=fresh)
    assert again.stdout.strip() == "imported 0 decisions, 4 already there"
    assert snapshot(fresh) == before

    # one unrelated sentence added to both articles: new ids, the same decisions on the same facts
    kharkiv.write_text(KHARKIV + UNRELATED, encoding="utf-8")
    swap.write_text(SWAP + UNRELATED, encoding="utf-8")
    changed = ingest([str(folder)], str(old))
    assert changed.counts.articles_changed == 2
    assert decided_facts(old) == decided
    open_metrics = rows(
        old,
        "select distinct json_extract_string(fact, '$.metric') from quarantine where status = 'open' "
        "and json_extract_string(fact, '$.event_id') is null order by 1",
    )
    assert ("drones_intercepted",) not in open_metrics and ("soldiers_released",) not in open_metrics
    assert ("civilians_released",) not in open_metrics
    new_articles = [a for (a,) in rows(old, "select article_id from articles")]
    statuses = rows(
        old,
        "select json_extract_string(fact, '$.metric'), status from quarantine "
        "where list_contains(?, article_id) and status <> 'open' order by 1",
        [new_articles],
    )
    assert ("soldiers_released", "rejected") in statuses and ("drones_intercepted", "accepted") in statuses
    (accepted_now,) = rows(old, "select fact_id from facts where origin = 'accepted'")[0]
    assert accepted_now != accepted
    assert rows(old, "select count(*) from event_facts where fact_id = ?", [accepted_now]) == [(1,)]
    notes = [
        n
        for (n,) in rows(
            old, "select note from decisions where article_id = any(?) order by 1", [new_articles]
        )
    ]
    assert len(notes) == 3 and all("carried over from decision" in (n or "") for n in notes)


def history(db: Path) -> list[tuple[Any, ...]]:
    return rows(
        db,
        "select decision_id, action, decided_by, reopened_at, reopened_by, reopen_note from decisions "
        "order by decided_at, decision_id",
    )


def test_a_reopened_decision_leaves_the_events_travels_in_the_file_and_is_not_carried_over(
    tmp_path: Path,
) -> None:
    folder, old = tmp_path / "in", tmp_path / "old.duckdb"
    kharkiv = write(folder, "kharkiv.txt", KHARKIV)
    write(folder, "swap.txt", SWAP)
    ingest([str(folder)], str(old))
    drones = failure_id(old, "drones_intercepted")
    newsfacts("review", drones, "--accept", "--by", "olena", db=old)
    ((accepted,),) = rows(old, "select fact_id from facts where origin = 'accepted'")
    assert rows(old, "select count(*) from event_facts where fact_id = ?", [accepted]) == [(1,)]

    done = newsfacts("review", drones, "--reopen", "--by", "taras", "--note", "decoys after all", db=old)
    assert f"{drones} open again" in done.stdout and f"{accepted} is out of facts again" in done.stdout
    # out of facts and, in the same transaction, out of its event
    assert rows(old, "select count(*) from facts where fact_id = ?", [accepted]) == [(0,)]
    assert rows(old, "select count(*) from event_facts where fact_id = ?", [accepted]) == [(0,)]
    assert rows(old, "select count(*) from quarantine where check_name like 'event_%'") == [(0,)]
    newsfacts("review", drones, "--reject", "--by", "taras", db=old)
    decided = history(old)
    assert [(a, by, rb) for _, a, by, _, rb, _ in decided] == [
        ("accept", "olena", "taras"),
        ("reject", "taras", None),
    ]
    before = snapshot(old)

    # the file holds both decisions and the reopening; a fresh warehouse replays them
    exported = tmp_path / "decisions.jsonl"
    assert (
        newsfacts("decisions", "export", str(exported), db=old).stdout.strip()
        == f"wrote {exported}: 2 decisions"
    )
    fresh = tmp_path / "fresh.duckdb"
    ingest([str(folder)], str(fresh))
    assert newsfacts("decisions", "import", str(exported), db=fresh).stdout.strip() == "imported 2 decisions"
    assert snapshot(fresh) == before
    assert history(fresh) == decided

    # the article's text changes: the standing reject is made again on the new fact, the
    # reopened accept is not
    kharkiv.write_text(KHARKIV + UNRELATED, encoding="utf-8")
    assert ingest([str(folder)], str(old)).counts.articles_changed == 1
    carried = rows(
        old,
        "select action, note from decisions where article_id in (select article_id from articles)",
    )
    assert carried == [("reject", f"(carried over from decision {decided[1][0]})")]
    assert rows(old, "select count(*) from facts where origin = 'accepted'") == [(0,)]
