"""Events through the real Prefect flow: articles we wrote into temp folders, and the seeds
(skipped where ../shared is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import rows, write

from flows.ingest_flow import ingest

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_api")]

OUTLET_A = """\
 date 2025-06-10 Russia launched 120 drones at Ukraine overnight, the Ukrainian air force said. Air defences shot down 98 of them, according to the statement.
"""
OUTLET_B = """\
Published: 09:15, June 10, 2025 | Updated: 09:40, June 10, 2025
Most Russian drones downed overnight

Russia launched 120 Shahed drones at Ukraine overnight, the Ukrainian air force said on Tuesday.
"""
OUTLET_C = """\
 date 2025-06-11 Russia fired 125 drones at Ukraine overnight into Tuesday, Ukraine's air force said on Wednesday.
"""


def snapshot(db: Path) -> list[list[tuple[object, ...]]]:
    return [
        rows(db, f"select * from {t} order by all")
        for t in ("events", "event_values", "event_facts", "quarantine")
    ]


def test_two_outlets_reporting_one_attack_make_one_event_and_a_rerun_keeps_it(
    tmp_path: Path, db: Path
) -> None:
    write(tmp_path / "in", "a.txt", OUTLET_A)
    write(tmp_path / "in", "b.txt", OUTLET_B)
    ingest([str(tmp_path / "in")], str(db))

    ((event_id, kind, day, n_articles),) = rows(
        db, "select event_id, kind, event_date, n_articles from events"
    )
    assert (kind, str(day), n_articles) == ("aerial_attack", "2025-06-10", 2)
    assert rows(db, "select metric, value, n_reports, conflict from event_values order by metric") == [
        ("drones_intercepted", 98, 1, False),
        ("drones_launched", 120, 2, False),
    ]
    assert rows(db, "select launched, intercepted, interception_rate from daily_aerial_attacks") == [
        (120, 98, 0.817)
    ]

    before = snapshot(db)
    second = ingest([str(tmp_path / "in")], str(db))
    assert second.counts.articles_new == 0
    assert snapshot(db) == before  # same event id, no duplicate rows, nothing touched
    assert rows(db, "select event_id from events") == [(event_id,)]


def test_a_third_outlet_that_disagrees_updates_the_event_in_place_and_shows_the_conflict(
    tmp_path: Path, db: Path
) -> None:
    write(tmp_path / "in", "a.txt", OUTLET_A)
    write(tmp_path / "in", "b.txt", OUTLET_B)
    ingest([str(tmp_path / "in")], str(db))
    ((event_id, created),) = rows(db, "select event_id, created_run_id from events")

    write(tmp_path / "in", "c.txt", OUTLET_C)
    third = ingest([str(tmp_path / "in")], str(db))

    assert third.counts.articles_new == 1
    assert rows(db, "select event_id, n_articles, n_conflicts, created_run_id, run_id from events") == [
        (event_id, 3, 1, created, third.run_id)
    ]
    # most cited: 120 (two outlets) over 125 (one)
    assert rows(
        db, "select value, n_reports, n_values, conflict from event_values where metric = 'drones_launched'"
    ) == [(120, 3, 2, True)]
    assert rows(db, "select reported_value, kept, n_articles from conflicts order by reported_value") == [
        (120, True, 2),
        (125, False, 1),
    ]


def test_seeds_make_one_exchange_of_five_articles_and_one_drone_attack_of_two(shared: Path, db: Path) -> None:
    ingest([str(shared / "seeds")], str(db))

    exchanges = rows(
        db,
        "select event_id, event_date, released_by, home_to, prisoners, soldiers, civilians, n_articles "
        "from exchanges order by released_by",
    )
    assert len({r[0] for r in exchanges}) == 1
    assert [r[1:] for r in exchanges] == [
        (exchanges[0][1], "Russia", "Ukraine", 390, 270, 120, 5),
        (exchanges[0][1], "Ukraine", "Russia", 390, 270, 120, 5),
    ]
    assert str(exchanges[0][1]) == "2025-05-23"
    # all five seed articles support it, two of them without a day (month-only and undated)
    precisions = rows(
        db,
        "select a.date_precision, count(distinct a.article_id) from event_sources s join articles a using (article_id) "
        f"where s.event_id = '{exchanges[0][0]}' group by all order by all",
    )
    assert precisions == [("day", 3), ("month", 1), ("unknown", 1)]

    attack = rows(
        db,
        "select e.event_date, e.n_articles from events e join event_values v using (event_id) "
        "where v.metric = 'drones_launched' and v.value = 175",
    )
    assert [(str(d), n) for d, n in attack] == [("2025-05-23", 2)]
