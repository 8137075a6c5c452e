"""The events rebuild touches only the parts whose facts changed, and gives what rebuilding every
part gives: after each of many loads, adds, removals and edits, a full rebuild in place (its
record of what each part was built from cleared) changes nothing — not an event, a value, a link,
an event failure, nor the run that last changed a row."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import duckdb
import pytest

from ingest.load import events
from tests._support.event_support import add, article, fact, rebuild, rows, warehouse

_TABLES = {
    "events": "select * from events order by event_id",
    "event_values": "select * from event_values order by all",
    "event_facts": "select * from event_facts order by fact_id",
    "event failures": "select quarantine_id, fact_id, article_id, run_id, check_name, message, fact, status "
    "from quarantine where check_name like 'event%' order by quarantine_id",
}
_METRICS = [
    "drones_launched",
    "drones_intercepted",
    "missiles_launched",
    "missiles_intercepted",
    "prisoners_released",
    "soldiers_released",
    "civilians_released",
    "prisoners_agreed",
    "killed",
    "injured",
]
_PARTIES = [("Russia", "Ukraine"), ("Ukraine", "Russia"), (None, "Ukraine")]
_PLACES = [None, "Kharkiv", "Odesa"]
_VALUES = [3, 5, 10, 11, 12, 40, 42, 44, 100, 103]
_DAY0 = dt.date(2025, 3, 1)


def _tables(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[Any, ...]]]:
    return {name: rows(con, query) for name, query in _TABLES.items()}


def _new_article(r: random.Random, n: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    aid = f"a{n:04d}"
    precision = r.choice(["day", "day", "month", "unknown"])
    published = _DAY0 + dt.timedelta(days=r.randrange(20)) if precision != "unknown" else None
    doc = article(aid, published, precision)
    facts = []
    for _ in range(r.randint(1, 6)):
        actor, target = r.choice(_PARTIES)
        on = published - dt.timedelta(days=r.randrange(2)) if published and r.random() < 0.6 else None
        facts.append(
            fact(
                aid,
                r.choice(_METRICS),
                r.choice(_VALUES),
                actor=actor,
                target=target,
                on=on,
                location=r.choice(_PLACES),
                weapon=r.choice([None, None, "Shahed"]),
                attributed_to=r.choice([None, "air force", "governor"]),
            )
        )
    return doc, facts


def _step(con: duckdb.DuckDBPyConnection, r: random.Random, n: int) -> int:
    """One load's worth of change: new articles, and at times a text replaced (its article and
    facts gone), an article's date corrected, or a number corrected in place."""
    for _ in range(r.randint(1, 4)):
        doc, facts = _new_article(r, n)
        add(con, [doc], facts)
        n += 1
    known = [a for (a,) in rows(con, "select article_id from articles order by article_id")]
    move = r.random()
    if move < 0.2 and known:
        gone = r.choice(known)
        con.execute("delete from facts where article_id = ?", [gone])
        con.execute("delete from articles where article_id = ?", [gone])
    elif move < 0.4 and known:
        con.execute(
            "update articles set published_at = ?, date_precision = 'day' where article_id = ?",
            [_DAY0 + dt.timedelta(days=r.randrange(20)), r.choice(known)],
        )
    elif move < 0.6:
        picked = rows(con, "select fact_id from facts order by fact_id")
        if picked:
            con.execute(
                "update facts set value = ? where fact_id = ?", [r.choice(_VALUES), r.choice(picked)[0]]
            )
    return n


@pytest.mark.parametrize("seed", range(4))
def test_a_rebuild_of_the_changed_parts_equals_a_rebuild_of_every_part(seed: int) -> None:
    r = random.Random(seed)
    con = warehouse()
    n, partial = 0, 0
    for load in range(15):
        n = _step(con, r, n)
        counts = rebuild(con, f"run-{load}")
        after = _tables(con)
        con.execute("delete from event_inputs")
        full = rebuild(con, f"check-{load}")
        assert _tables(con) == after, f"seed {seed}, load {load}"
        assert (counts.events, counts.facts_linked, counts.conflicts) == (
            full.events,
            full.facts_linked,
            full.conflicts,
        )
        partial += counts.facts_rebuilt < full.facts_rebuilt
    assert after["events"] and after["event_facts"]
    assert partial > 3  # most loads rebuilt a part of the warehouse, not all of it


@pytest.mark.parametrize("seed", range(3))
def test_a_rebuild_in_chunks_of_parts_equals_one_of_the_whole_scope(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large scope is rebuilt a few parts at a time (CHUNK_FACTS, so that memory follows the
    chunk): the same loads into two warehouses, one rebuilt in chunks of about 4 facts, give the
    same events, values, links, failures and counts after every load."""
    whole_r, chunked_r = random.Random(seed), random.Random(seed)
    whole, chunked = warehouse(), warehouse()
    n = m = 0
    chunked_loads = 0
    for load in range(12):
        n, m = _step(whole, whole_r, n), _step(chunked, chunked_r, m)
        monkeypatch.setattr(events, "CHUNK_FACTS", 10**9)
        a = rebuild(whole, f"run-{load}")
        monkeypatch.setattr(events, "CHUNK_FACTS", 4)
        b = rebuild(chunked, f"run-{load}")
        assert _tables(chunked) == _tables(whole), f"seed {seed}, load {load}"
        assert (b.events, b.facts_linked, b.conflicts, b.quarantined, b.facts_rebuilt, b.parts_rebuilt) == (
            a.events,
            a.facts_linked,
            a.conflicts,
            a.quarantined,
            a.facts_rebuilt,
            a.parts_rebuilt,
        )
        chunked_loads += a.facts_rebuilt > 8
    assert chunked_loads > 3  # most loads' scopes were rebuilt in more than one chunk


def test_a_load_rebuilds_only_the_parts_it_changed() -> None:
    con = warehouse()
    day = dt.date(2025, 3, 4)
    add(
        con,
        [article("k1", day), article("o1", day)],
        [
            fact("k1", "drones_launched", 40, on=day, location="Kharkiv"),
            fact("k1", "drones_intercepted", 35, on=day, location="Kharkiv"),
            fact("o1", "drones_launched", 12, on=day, location="Odesa"),
        ],
    )
    first = rebuild(con, "run-1")
    assert (first.facts_rebuilt, first.parts_rebuilt, first.events) == (3, 2, 2)
    add(con, [article("k2", day)], [fact("k2", "drones_launched", 41, on=day, location="Kharkiv")])
    second = rebuild(con, "run-2")
    assert (second.facts_rebuilt, second.parts_rebuilt, second.events) == (3, 1, 2)
    assert rows(con, "select location, run_id, n_articles from events order by location") == [
        ("Kharkiv", "run-2", 2),
        ("Odesa", "run-1", 1),
    ]
    again = rebuild(con, "run-3")  # nothing changed: nothing is rebuilt, nothing is lost
    assert (again.facts_rebuilt, again.parts_rebuilt, again.events) == (0, 0, 2)
    assert rows(con, "select count(*) from event_facts") == [(4,)]


def test_an_event_whose_facts_all_went_goes_with_its_values_links_and_failures() -> None:
    con = warehouse()
    day = dt.date(2025, 3, 4)
    add(
        con,
        [article("k1", day)],
        [
            fact("k1", "drones_launched", 10, on=day, location="Kharkiv"),
            fact("k1", "drones_intercepted", 30, on=day, location="Kharkiv"),
        ],
    )
    rebuild(con, "run-1")
    assert rows(con, "select count(*) from quarantine where check_name like 'event%'") == [(1,)]
    con.execute("delete from facts")
    con.execute("delete from articles")
    counts = rebuild(con, "run-2")
    assert counts.events == 0
    for table in ("events", "event_values", "event_facts", "event_inputs"):
        assert rows(con, f"select count(*) from {table}") == [(0,)], table
    assert rows(con, "select count(*) from quarantine where check_name like 'event%'") == [(0,)]


def test_a_warehouse_without_a_record_rebuilds_every_part_and_keeps_the_events_it_had() -> None:
    con = warehouse()
    day = dt.date(2025, 3, 4)
    add(con, [article("k1", day)], [fact("k1", "killed", 3, on=day, location="Kharkiv")])
    rebuild(con, "run-1")
    before = _tables(con)
    con.execute("delete from event_inputs")  # as a warehouse migrated from before the record
    counts = rebuild(con, "run-2")
    assert counts.facts_rebuilt == 1 and _tables(con) == before


def test_a_warehouse_without_a_record_drops_an_event_whose_facts_went_in_the_same_load() -> None:
    con = warehouse()
    day = dt.date(2025, 3, 4)
    add(
        con,
        [article("k1", day), article("o1", day)],
        [
            fact("k1", "killed", 3, on=day, location="Kharkiv"),
            fact("o1", "killed", 2, on=day, location="Odesa"),
        ],
    )
    rebuild(con, "run-1")
    con.execute("delete from event_inputs")  # as a warehouse migrated from before the record
    con.execute("delete from facts where article_id like 'o1%'")
    counts = rebuild(con, "run-2")
    assert counts.events == 1
    assert rows(con, "select location from events") == [("Kharkiv",)]
    assert rows(con, "select count(*) from event_values") == [(1,)]
