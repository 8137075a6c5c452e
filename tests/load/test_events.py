"""Events from facts: clustering, the value rule, conflicts, unlinked facts, stable ids, event
checks and the analysis views, on articles and facts we make up (docs/events.md)."""

from __future__ import annotations

import datetime as dt
import json
import random

import duckdb
import pytest
from event_support import add, article, fact, rebuild, rows, warehouse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.load.events import rebuild_steps

MAY_23 = dt.date(2025, 5, 23)
MAY_24 = dt.date(2025, 5, 24)


def test_two_outlets_reporting_one_attack_make_one_event() -> None:
    con = warehouse()
    add(
        con,
        [article("a", MAY_23), article("b", MAY_24)],
        [
            fact("a", "drones_launched", 175, on=MAY_23, attributed_to="Ukrainian air force"),
            fact("a", "drones_intercepted", 150, on=MAY_23),
            fact("b", "drones_launched", 175, on=MAY_23, weapon="Shahed"),
        ],
    )
    counts = rebuild(con)

    assert counts.events == 1
    ((n_articles, n_facts, first, last),) = rows(
        con, "select n_articles, n_facts, first_reported_at, last_reported_at from events"
    )
    assert (n_articles, n_facts, first, last) == (2, 3, MAY_23, MAY_24)
    assert rows(con, "select metric, value, n_reports, conflict from event_values order by metric") == [
        ("drones_intercepted", 150, 1, False),
        ("drones_launched", 175, 2, False),
    ]
    assert rows(con, "select count(*), count(distinct event_id) from event_facts") == [(3, 1)]


def test_attacks_on_other_days_places_or_directions_are_other_events() -> None:
    con = warehouse()
    add(
        con,
        [article("a", MAY_24)],
        [
            fact("a", "drones_launched", 100, on=MAY_23),
            fact("a", "drones_launched", 100, on=MAY_24),
            fact("a", "drones_launched", 20, on=MAY_23, location="Odesa Oblast"),
            fact("a", "drones_intercepted", 100, actor="Ukraine", target="Russia", on=MAY_23),
        ],
    )
    assert rebuild(con).events == 4


def test_disagreeing_reports_keep_the_most_cited_number_and_list_the_conflict() -> None:
    con = warehouse()
    add(
        con,
        [article(x, MAY_23) for x in "abc"],
        [
            fact("a", "drones_launched", 175, on=MAY_23, attributed_to="Ukrainian air force"),
            fact("b", "drones_launched", 175, on=MAY_23, attributed_to="Ukrainian air force"),
            fact("c", "drones_launched", 180, on=MAY_23, attributed_to="Zelenskyy"),
        ],
    )
    rebuild(con)

    assert rows(con, "select value, n_reports, n_values, conflict from event_values") == [(175, 3, 2, True)]
    assert rows(con, "select n_conflicts, n_sources from events") == [(1, 2)]
    conflicts = rows(
        con, "select reported_value, kept, n_articles, attributed_to from conflicts order by reported_value"
    )
    assert conflicts == [(175, True, 2, "Ukrainian air force"), (180, False, 1, "Zelenskyy")]


def test_a_tie_between_reports_keeps_the_lowest_number() -> None:
    con = warehouse()
    add(
        con,
        [article("a", MAY_23), article("b", MAY_23)],
        [
            fact("a", "killed", 5, on=MAY_23, location="Kharkiv"),
            fact("b", "killed", 3, on=MAY_23, location="Kharkiv"),
        ],
    )
    rebuild(con)
    assert rows(con, "select value, conflict from event_values") == [(3, True)]


def test_the_two_directions_of_an_exchange_are_one_event() -> None:
    con = warehouse()
    add(
        con,
        [article("a", MAY_23)],
        [
            fact("a", "prisoners_released", 390, "Russia", "Ukraine", on=MAY_23),
            fact("a", "prisoners_released", 390, "Ukraine", "Russia", on=MAY_23),
            fact("a", "soldiers_released", 270, "Ukraine", "Russia", on=MAY_23),
        ],
    )
    rebuild(con)

    assert rows(con, "select kind, parties from events") == [("prisoner_exchange", "Russia ⇄ Ukraine")]
    assert rows(con, "select released_by, home_to, prisoners, soldiers from exchanges order by 1") == [
        ("Russia", "Ukraine", 390, None),
        ("Ukraine", "Russia", 390, 270),
    ]
    assert rows(con, "select bool_and(each_way) from event_values where metric = 'prisoners_released'") == [
        (True,)
    ]


def test_an_undated_article_joins_the_event_its_numbers_match() -> None:
    con = warehouse()
    add(
        con,
        [article("dated", MAY_23), article("undated")],
        [
            fact("dated", "prisoners_released", 390, "Russia", "Ukraine", on=MAY_23),
            fact("dated", "prisoners_released", 390, "Ukraine", "Russia", on=MAY_23),
            fact("undated", "prisoners_released", 390, "Russia", "Ukraine"),
            fact("undated", "prisoners_released", 390, "Ukraine", "Russia"),
        ],
    )
    rebuild(con)

    assert rows(con, "select n_articles from events") == [(2,)]
    assert rows(con, "select link, count(*) from event_facts group by link order by link") == [
        ("numbers_match", 2),
        ("same_key", 2),
    ]
    assert rows(con, "select count(*) from unlinked_facts") == [(0,)]


def test_a_month_dated_fact_joins_only_an_event_in_its_month() -> None:
    con = warehouse()
    may, july = dt.date(2025, 5, 1), dt.date(2025, 7, 10)
    add(
        con,
        [article("may", MAY_23), article("july", july), article("month", may, "month")],
        [
            fact("may", "drones_launched", 175, on=MAY_23),
            fact("july", "drones_launched", 60, on=july),
            fact("month", "drones_launched", 176, weapon="Shahed"),  # within 10 % of 175
            fact(
                "month",
                "drones_launched",
                60,
                location=None,
                actor="Russia",
                target="Ukraine",
                qualifier="approx",
            ),
        ],
    )
    rebuild(con)

    assert rows(con, "select e.event_date, e.n_articles from events e order by 1") == [(MAY_23, 2), (july, 1)]
    assert rows(con, "select metric, value, why from unlinked_facts") == [
        ("drones_launched", 60, "no event date, and no single event in its period reports matching numbers")
    ]


@pytest.mark.parametrize(
    ("stated", "links"),
    [(90, True), (89, False), (111, True), (112, False), (100, True)],
)
def test_a_number_agrees_within_ten_percent_of_the_larger_bound_included(stated: int, links: bool) -> None:
    con = warehouse()
    add(
        con,
        [article("dated", MAY_23), article("month", dt.date(2025, 5, 1), "month")],
        [
            fact("dated", "drones_launched", 100, on=MAY_23),
            fact("month", "drones_launched", stated),
        ],
    )
    rebuild(con)

    linked = rows(con, "select count(*) from event_facts where link = 'numbers_match'")
    assert linked == [(1 if links else 0,)]


@pytest.mark.parametrize(
    ("stated", "links"),
    # the event says 100 and 130: 90–111 and 117–144 agree with one of them, 112–116 with neither
    [(111, True), (112, False), (116, False), (117, True), (144, True), (145, False)],
)
def test_a_number_between_the_numbers_of_an_event_agrees_only_near_one_of_them(
    stated: int, links: bool
) -> None:
    con = warehouse()
    add(
        con,
        [article("first", MAY_23), article("second", MAY_23), article("month", dt.date(2025, 5, 1), "month")],
        [
            fact("first", "drones_launched", 100, on=MAY_23),
            fact("second", "drones_launched", 130, on=MAY_23),
            fact("month", "drones_launched", stated),
        ],
    )
    rebuild(con)

    linked = rows(con, "select count(*) from event_facts where link = 'numbers_match'")
    assert linked == [(1 if links else 0,)]


def test_the_numbers_that_agree_with_a_number_are_one_span() -> None:
    scope = dict(rebuild_steps())["scope"]
    macros = [m for m in scope.split(";\n") if "temp macro ev_agrees" in m]
    con = duckdb.connect()
    for m in macros:
        con.execute(m)
    top = 9_223_372_036_854_775_807
    numbers = [*range(0, 400), 999, 1000, 1001, 123_456_789, top // 2, top - 1, top]
    spans = con.execute(
        "select b, ev_agrees_from(b), ev_agrees_to(b) from unnest($numbers::bigint[]) t(b)",
        {"numbers": numbers},
    ).fetchall()
    for b, lo, hi in spans:
        assert abs(b - lo) <= max(b, lo) // 10 and abs(b - (lo - 1)) > max(b, lo - 1) // 10
        if hi < top:
            assert abs(hi - b) <= hi // 10 and abs(hi + 1 - b) > (hi + 1) // 10
        else:  # saturated: every bigint above b up to the largest agrees
            assert top - b <= top // 10


@pytest.mark.parametrize(
    ("weapon", "links"),
    # the event says 100 of Kalibr missiles and 150 of no weapon named
    [(None, True), ("Kalibr", True), ("Iskander", False)],
)
def test_a_number_agrees_only_with_the_numbers_of_a_compatible_weapon(
    weapon: str | None, links: bool
) -> None:
    con = warehouse()
    add(
        con,
        [article("first", MAY_23), article("second", MAY_23), article("month", dt.date(2025, 5, 1), "month")],
        [
            fact("first", "missiles_launched", 100, on=MAY_23, weapon="Kalibr"),
            fact("second", "missiles_launched", 150, on=MAY_23),
            fact("month", "missiles_launched", 104, weapon=weapon),
        ],
    )
    rebuild(con)

    linked = rows(con, "select count(*) from event_facts where link = 'numbers_match'")
    assert linked == [(1 if links else 0,)]


def test_only_the_facts_of_a_group_within_ten_percent_of_the_event_join_it() -> None:
    con = warehouse()
    add(
        con,
        [article("dated", MAY_23), article("month", dt.date(2025, 5, 1), "month")],
        [
            fact("dated", "drones_launched", 200, on=MAY_23),
            fact("dated", "drones_intercepted", 50, on=MAY_23),
            fact("dated", "missiles_launched", 20, on=MAY_23),
            fact("month", "drones_launched", 200),  # the anchor
            fact("month", "drones_intercepted", 45),  # 5 of 50: joins
            fact("month", "missiles_launched", 17),  # 3 of 20: does not
        ],
    )
    rebuild(con)

    joined = "select f.metric from event_facts l join facts f using (fact_id) where l.link = 'numbers_match'"
    assert sorted(rows(con, joined)) == [("drones_intercepted",), ("drones_launched",)]
    assert rows(con, "select metric, value from unlinked_facts") == [("missiles_launched", 17)]


def test_weak_or_ambiguous_matches_stay_unlinked() -> None:
    con = warehouse()
    add(
        con,
        [article("a", MAY_23), article("b", MAY_24), article("undated"), article("small")],
        [
            fact("a", "drones_launched", 80, on=MAY_23),
            fact("b", "drones_launched", 80, on=MAY_24),
            fact("undated", "drones_launched", 80),  # two events say 80: which one?
            fact("a", "killed", 2, on=MAY_23, location="Odesa"),
            fact("small", "killed", 2, location="Odesa"),  # one number under 10 is not enough
        ],
    )
    counts = rebuild(con)

    assert counts.facts_unlinked == 2
    assert sorted(rows(con, "select metric, value from unlinked_facts")) == [
        ("drones_launched", 80),
        ("killed", 2),
    ]


def test_an_undated_article_links_only_through_a_number_that_names_one_event() -> None:
    con = warehouse()
    days = [MAY_23 - dt.timedelta(days=n) for n in range(4)]
    stated = [(100, 43), (100, 40), (90, 43), (100, 61)]  # launched, intercepted: one attack a day
    add(
        con,
        [article(f"d{n}", day) for n, day in enumerate(days)] + [article("named"), article("combined")],
        [
            fact(f"d{n}", metric, value, on=day)
            for n, (day, numbers) in enumerate(zip(days, stated, strict=True))
            for metric, value in zip(("drones_launched", "drones_intercepted"), numbers, strict=True)
        ]
        + [
            # 61 intercepted names one attack, which also says 100 launched: both join it
            fact("named", "drones_launched", 100),
            fact("named", "drones_intercepted", 61),
            # 100 is said by three attacks and 43 by two: only together do they point at one,
            # and an exact number without a date is looked up alone
            fact("combined", "drones_launched", 100),
            fact("combined", "drones_intercepted", 43),
        ],
    )
    rebuild(con)

    assert rows(
        con,
        "select f.article_id, f.value, ef.link, e.event_date from event_facts ef join facts f using (fact_id) "
        "join events e using (event_id) where f.article_id like 'named%' order by f.value",
    ) == [
        ("named00000000000", 61, "numbers_match", days[3]),
        ("named00000000000", 100, "numbers_match", days[3]),
    ]
    assert rows(con, "select value from unlinked_facts order by value") == [(43,), (100,)]


def test_an_agreed_size_joins_the_one_exchange_its_article_reports() -> None:
    con = warehouse()
    add(
        con,
        [article("a", MAY_23), article("b", MAY_23)],
        [
            fact("a", "prisoners_released", 390, "Russia", "Ukraine", on=MAY_23),
            fact("a", "prisoners_agreed", 1000, None, None),
            fact("b", "prisoners_agreed", 1200, None, None),  # b reports no exchange
        ],
    )
    rebuild(con)

    assert rows(con, "select exchanges.agreed_each_way from exchanges") == [(1000,)]
    assert rows(con, "select value, why from unlinked_facts") == [
        (1200, "an agreed size, and its article reports no single exchange")
    ]


def test_cumulative_facts_are_never_events() -> None:
    con = warehouse()
    add(
        con,
        [article("a", MAY_23)],
        [fact("a", "freed_total", 4700, kind="cumulative", on=MAY_23, qualifier="at_least")],
    )
    counts = rebuild(con)
    assert counts.events == 0 and counts.facts_unlinked == 0
    assert rows(con, "select count(*) from unlinked_facts") == [(0,)]


def test_a_weapon_breakdown_is_added_up_not_a_conflict() -> None:
    con = warehouse()
    add(
        con,
        [article("parts", MAY_23), article("total", MAY_23)],
        [
            fact("parts", "missiles_launched", 9, on=MAY_23, weapon="Kh-101"),
            fact("parts", "missiles_launched", 4, on=MAY_23, weapon="Kalibr"),
            fact("total", "missiles_launched", 13, on=MAY_23),
        ],
    )
    rebuild(con)

    assert rows(con, "select value, n_reports, conflict from event_values") == [(13, 2, False)]
    assert rows(con, "select article_id, value, added_up from event_reports order by 1") == [
        ("parts00000000000", 13, True),
        ("total00000000000", 13, False),
    ]


def test_a_rebuild_with_nothing_new_keeps_every_id_and_row() -> None:
    con = warehouse()
    add(
        con,
        [article("a", MAY_23), article("b", MAY_23)],
        [fact("a", "drones_launched", 100, on=MAY_23), fact("b", "drones_launched", 90, on=MAY_23)],
    )
    rebuild(con, "run-1")
    before = (
        rows(con, "select * from events"),
        rows(con, "select * from event_values"),
        rows(con, "select * from event_facts order by all"),
    )
    rebuild(con, "run-2")
    after = (
        rows(con, "select * from events"),
        rows(con, "select * from event_values"),
        rows(con, "select * from event_facts order by all"),
    )
    assert after == before  # run_id included: an unchanged event is not touched


def test_a_new_report_updates_its_event_in_place() -> None:
    con = warehouse()
    add(con, [article("a", MAY_23)], [fact("a", "drones_launched", 100, on=MAY_23)])
    rebuild(con, "run-1")
    ((event_id,),) = rows(con, "select event_id from events")
    add(con, [article("b", MAY_24)], [fact("b", "drones_launched", 100, on=MAY_23)])
    rebuild(con, "run-2")

    assert rows(con, "select event_id, n_articles, created_run_id, run_id from events") == [
        (event_id, 2, "run-1", "run-2")
    ]


def test_an_event_no_fact_supports_any_more_goes() -> None:
    con = warehouse()
    add(con, [article("a", MAY_23)], [fact("a", "drones_launched", 100, on=MAY_23)])
    rebuild(con)
    con.execute("delete from facts")
    counts = rebuild(con, "run-2")
    assert counts.events == 0
    assert rows(con, "select (select count(*) from events), (select count(*) from event_facts)") == [(0, 0)]


def test_an_interception_above_launch_across_reports_goes_to_review() -> None:
    con = warehouse()
    add(
        con,
        [article("a", MAY_23), article("b", MAY_24)],
        [fact("a", "drones_launched", 40, on=MAY_23), fact("b", "drones_intercepted", 55, on=MAY_23)],
    )
    rebuild(con)

    ((event_id,),) = rows(con, "select event_id from events")
    ((check, fact_id, article_id, status, message, shown),) = rows(
        con, "select check_name, fact_id, article_id, status, message, fact from quarantine"
    )
    # the failure is shown in the article that states the failing number (b), not the event's first
    assert (check, fact_id, article_id, status) == (
        "event_drones_intercepted_within_launched",
        event_id,
        "b000000000000000",
        "open",
    )
    assert (
        message
        == "intercepted 55 exceeds launched 40 drones for the attack on 2025-05-23, in the numbers kept from its reports"
    )
    shown = json.loads(shown)
    assert shown["value"] == 55 and shown["n_reports"] == 1 and shown["evidence"] == "55 drones_intercepted"
    # and it names every number it compared with the article and sentence each was read from
    assert [
        (r["metric"], r["value"], r["article_id"], r["article"], r["evidence"]) for r in shown["reports"]
    ] == [
        ("drones_intercepted", 55, "b000000000000000", "report b", "55 drones_intercepted"),
        ("drones_launched", 40, "a000000000000000", "report a", "40 drones_launched"),
    ]
    assert rows(con, "select count(*) from daily_aerial_attacks") == [(0,)]  # held for review

    rebuild(con, "run-2")
    assert rows(con, "select count(*) from quarantine") == [(1,)]  # found again, not opened twice

    add(
        con,
        [article("c", MAY_24), article("d", MAY_24)],
        [
            fact("c", "drones_launched", 60, on=MAY_23),
            fact("d", "drones_launched", 60, on=MAY_23),
        ],
    )
    rebuild(con, "run-3")
    assert rows(con, "select count(*) from quarantine") == [(0,)]  # 60 launched: nothing to review
    assert rows(con, "select launched, intercepted, interception_rate from daily_aerial_attacks") == [
        (60, 55, 0.917)
    ]


def test_reports_of_n_for_n_need_the_same_number_both_ways() -> None:
    con = warehouse()
    add(
        con,
        [article(x, MAY_23) for x in "abc"],
        [
            fact("a", "prisoners_released", 390, "Russia", "Ukraine", on=MAY_23),
            fact("a", "prisoners_released", 390, "Ukraine", "Russia", on=MAY_23),
            fact("b", "prisoners_released", 400, "Russia", "Ukraine", on=MAY_23),
            fact("c", "prisoners_released", 400, "Russia", "Ukraine", on=MAY_23),
        ],
    )
    rebuild(con)
    assert rows(con, "select check_name, message from quarantine order by all") == [
        (
            "event_exchange_directions_match",
            "reports say prisoners_released each way, but the exchange on 2025-05-23 keeps 390 from Ukraine and 400 the other way",
        ),
        (
            "event_exchange_directions_match",
            "reports say prisoners_released each way, but the exchange on 2025-05-23 keeps 400 from Russia and 390 the other way",
        ),
    ]
    # both directions are shown, each with the article it was kept from
    for (shown,) in rows(con, "select fact from quarantine"):
        reports = [(r["actor"], r["value"], r["article_id"][0]) for r in json.loads(shown)["reports"]]
        assert reports == [("Russia", 400, "b"), ("Ukraine", 390, "a")]


def test_parts_of_an_exchange_must_add_up_to_its_total() -> None:
    con = warehouse()
    add(
        con,
        [article("a", MAY_23), article("b", MAY_23)],
        [
            fact("a", "prisoners_released", 400, "Russia", "Ukraine", on=MAY_23),
            fact("b", "soldiers_released", 270, "Russia", "Ukraine", on=MAY_23),
            fact("b", "civilians_released", 120, "Russia", "Ukraine", on=MAY_23),
        ],
    )
    rebuild(con)
    checks = {r[0] for r in rows(con, "select check_name from quarantine")}
    assert checks == {"event_exchange_parts_add_up"}
    # each failing row names the three numbers it added up, each in its own article
    for (shown,) in rows(con, "select fact from quarantine"):
        reports = {(r["metric"], r["value"], r["article_id"][0]) for r in json.loads(shown)["reports"]}
        assert reports == {
            ("civilians_released", 120, "b"),
            ("prisoners_released", 400, "a"),
            ("soldiers_released", 270, "b"),
        }


def test_a_warehouse_without_facts_rebuilds_to_nothing() -> None:
    con = warehouse()
    counts = rebuild(con)
    assert (counts.events, counts.facts_linked, counts.quarantined) == (0, 0, 0)
    temp = rows(con, "select count(*) from duckdb_tables() where temporary")
    assert temp == [(0,)]


def test_casualties_by_place_and_event_sources() -> None:
    con = warehouse()
    add(
        con,
        [article("a", MAY_23, title="Strike on Kharkiv"), article("b", MAY_24, title="Kharkiv toll")],
        [
            fact("a", "killed", 2, on=MAY_23, location="Kharkiv", attributed_to="governor"),
            fact("a", "injured", 9, on=MAY_23, location="Kharkiv", attributed_to="governor"),
            fact("b", "killed", 2, on=MAY_23, location="Kharkiv", attributed_to="mayor"),
        ],
    )
    rebuild(con)
    assert rows(
        con, "select event_date, location, killed, injured, n_articles, n_sources from casualties_by_place"
    ) == [(MAY_23, "Kharkiv", 2, 9, 2, 2)]
    assert rows(con, "select title, n_facts, attributed_to, links from event_sources order by title") == [
        ("Kharkiv toll", 1, "mayor", "same_key"),
        ("Strike on Kharkiv", 2, "governor", "same_key"),
    ]


def test_casualties_whose_date_is_unknown_stay_in_casualties_by_place_flagged() -> None:
    con = warehouse()
    add(
        con,
        [article("a", MAY_23), article("m", dt.date(2025, 5, 1), precision="month", title="May in Sumy")],
        [
            fact("a", "killed", 2, on=MAY_23, location="Kharkiv"),
            fact("m", "killed", 3, location="Sumy"),  # a month-dated article: no day, so no event
            fact("m", "injured", 7, location="Sumy"),
        ],
    )
    rebuild(con)
    assert rows(con, "select count(*) from unlinked_facts") == [(2,)]
    assert rows(
        con,
        "select event_date, location, killed, injured, n_articles, date_known, article_id from casualties_by_place",
    ) == [
        (MAY_23, "Kharkiv", 2, None, 1, True, None),
        (None, "Sumy", 3, 7, 1, False, "m000000000000000"),
    ]


_report = st.tuples(
    st.sampled_from("abcd"),
    st.sampled_from(["drones_launched", "drones_intercepted", "killed"]),
    st.integers(1, 60),
    st.sampled_from([MAY_23, MAY_24, None]),
    st.sampled_from([None, "Odesa"]),
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_report, min_size=1, max_size=12), st.randoms(use_true_random=False))
def test_events_do_not_depend_on_load_order_and_a_rebuild_is_idempotent(
    reports: list[tuple[str, str, int, dt.date | None, str | None]], rnd: random.Random
) -> None:
    facts = [fact(a, m, v, on=d, location=p) for a, m, v, d, p in reports]
    articles = [article(a, MAY_24) for a in "abcd"]
    shuffled = facts[:]
    rnd.shuffle(shuffled)
    tables = (
        "select * from events order by all",
        "select * from event_values order by all",
        "select * from event_facts order by all",
    )

    one = warehouse()
    add(one, articles, facts)
    rebuild(one)
    first = [rows(one, t) for t in tables]
    rebuild(one)
    assert [rows(one, t) for t in tables] == first

    two = warehouse()
    add(two, articles, shuffled)
    rebuild(two)
    assert [rows(two, t) for t in tables] == first
