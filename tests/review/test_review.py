"""Review decisions on a warehouse loaded by the real flow: accept, reject and correct; decisions
that survive re-runs and re-extraction; clear errors for unknown ids and bad values."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from review_support import KHARKIV, OF_FACTS, copy_db, failure_id, forget_article, load_template, rows, state

from flows.ingest_flow import ingest
from ingest.review import decisions as review
from ingest.review import forms, items
from ingest.review.decisions import AlreadyDecided, BadDecision, UnknownFailure
from ingest.review.reopen import reopen

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_api")]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, prefect_api: None) -> tuple[Path, Path]:
    return load_template(tmp_path_factory.mktemp("review"))


@pytest.fixture
def wh(template: tuple[Path, Path], tmp_path: Path) -> Path:
    return copy_db(template[1], tmp_path / "wh.duckdb")


def fact_rows(db: Path, metric: str) -> list[tuple[object, ...]]:
    return rows(
        db, "select value, origin, decision_id, run_id from facts where metric = ? order by value", [metric]
    )


# --- the three decisions --------------------------------------------------------------------


def test_accept_loads_the_fact_with_who_when_and_why(wh: Path) -> None:
    qid = failure_id(wh, "drones_intercepted")
    d = review.accept(wh, qid, by="olena", note="the report counts decoys separately")

    assert d.outcome == "loaded" and d.closed == (qid,)
    ((value, origin, decision_id, run_id),) = fact_rows(wh, "drones_intercepted")
    assert (value, origin, decision_id) == (48, "accepted", d.decision_id)
    assert run_id == rows(wh, "select run_id from quarantine where quarantine_id = ?", [qid])[0][0]
    ((status, closed_by),) = rows(
        wh, "select status, decision_id from quarantine where quarantine_id = ?", [qid]
    )
    assert (status, closed_by) == ("accepted", d.decision_id)
    ((action, by, note, at, loaded),) = rows(
        wh, "select action, decided_by, note, decided_at, loaded_fact_id from decisions"
    )
    assert (action, by, note, loaded) == ("accept", "olena", "the report counts decoys separately", d.fact_id)
    assert at is not None


def test_reject_keeps_the_fact_out(wh: Path) -> None:
    qid = failure_id(wh, "drones_intercepted")
    d = review.reject(wh, qid, by="olena")

    assert d.outcome == "kept_out" and d.loaded_fact_id is None
    assert fact_rows(wh, "drones_intercepted") == []
    assert rows(wh, "select status from quarantine where quarantine_id = ?", [qid]) == [("rejected",)]
    assert rows(wh, "select action, note from decisions") == [("reject", None)]


def test_a_valid_correction_loads_the_corrected_fact(wh: Path) -> None:
    qid = failure_id(wh, "drones_intercepted")
    d = review.correct(wh, qid, forms.parse_changes(["value=30"]), by="olena", note="48 was the week's total")

    assert d.outcome == "loaded" and d.loaded_fact_id != d.fact_id
    ((value, origin, decision_id, _),) = fact_rows(wh, "drones_intercepted")
    assert (value, origin, decision_id) == (30, "corrected", d.decision_id)
    assert rows(wh, "select status from quarantine where quarantine_id = ?", [qid]) == [("corrected",)]
    assert rows(
        wh, "select count(*) from quarantine where status = 'open' and fact_id = ?", [d.loaded_fact_id]
    ) == [(0,)]
    ((changes,),) = rows(wh, "select changes from decisions")
    assert json.loads(changes) == {"value": 30}


def test_a_correction_that_still_fails_stays_in_the_queue_with_the_new_reason(wh: Path) -> None:
    qid = failure_id(wh, "drones_intercepted")
    d = review.correct(wh, qid, forms.parse_changes(["value=40"]), by="olena")

    assert d.outcome == "still_failing" and d.loaded_fact_id is None
    ((new_qid, check, message),) = d.still_failing
    assert check == "drones_intercepted_within_launched"
    assert message == "intercepted 40 exceeds launched 36 drones for the attack reported on 2025-07-14"
    assert fact_rows(wh, "drones_intercepted") == []
    assert rows(wh, "select status from quarantine where quarantine_id = ?", [qid]) == [("corrected",)]
    ((status, msg, fact),) = rows(
        wh, "select status, message, fact from quarantine where quarantine_id = ?", [new_qid]
    )
    assert (status, msg) == ("open", message)
    assert json.loads(fact)["value"] == 40 and json.loads(fact)["origin"] == "corrected"
    # the new failure is reviewed like any other
    assert review.accept(wh, new_qid, by="olena").outcome == "loaded"
    assert [(v, o) for v, o, _, _ in fact_rows(wh, "drones_intercepted")] == [(40, "corrected")]


def test_a_correction_is_checked_with_the_article_s_other_waiting_facts(wh: Path) -> None:
    # 70 soldiers + 60 civilians ≠ 120: with 55 civilians the exchange still does not add up ...
    first = review.correct(wh, failure_id(wh, "civilians_released"), {"value": 55}, by="olena")
    assert first.outcome == "still_failing"
    assert first.still_failing[0][2] == (
        "soldiers 70 + civilians 55 do not add up to the 120 prisoners released on 2025-08-01"
    )
    # ... with 50 it does, and the corrected fact loads
    second = review.correct(wh, first.still_failing[0][0], {"value": 50}, by="olena")
    assert second.outcome == "loaded"
    assert [(v, o) for v, o, _, _ in fact_rows(wh, "civilians_released")] == [(50, "corrected")]


def test_a_decision_closes_every_open_failure_of_the_same_fact(wh: Path) -> None:
    qid = failure_id(wh, "soldiers_released")
    fact_id = rows(wh, "select fact_id from quarantine where quarantine_id = ?", [qid])[0][0]
    with_second_check = rows(wh, "select * from quarantine where quarantine_id = ?", [qid])[0]
    from ingest.store.connection import writer

    with writer(wh) as con:  # the same fact failing a second check, as a run would record it
        con.execute(
            "insert into quarantine select 'ffffffffffffffff', fact_id, article_id, run_id, 'other_check', "
            "'another reason', fact, 'open', created_at, null from quarantine where quarantine_id = ?",
            [with_second_check[0]],
        )
    d = review.reject(wh, qid, by="olena")
    assert sorted(d.closed) == sorted([qid, "ffffffffffffffff"])
    assert rows(wh, "select distinct status from quarantine where fact_id = ?", [fact_id]) == [("rejected",)]


def test_an_id_can_be_shortened_to_a_unique_start(wh: Path) -> None:
    qid = failure_id(wh, "drones_intercepted")
    assert review.reject(wh, qid[:6].upper(), by="olena").quarantine_id == qid


# --- decisions survive re-runs ----------------------------------------------------------------

DECISIONS = {
    "accept": lambda db, qid: review.accept(db, qid, by="olena"),
    "reject": lambda db, qid: review.reject(db, qid, by="olena"),
    "correct": lambda db, qid: review.correct(db, qid, {"value": 30}, by="olena"),
    "correct-still-failing": lambda db, qid: review.correct(db, qid, {"value": 40}, by="olena"),
}
EXPECTED = {  # drones_intercepted facts after the decision, and the open failures left
    "accept": ([(48, "accepted")], 0),
    "reject": ([], 0),
    "correct": ([(30, "corrected")], 0),
    "correct-still-failing": ([], 1),
}


@pytest.mark.parametrize("decision", list(DECISIONS))
def test_a_decision_survives_a_rerun_and_a_re_extraction(
    decision: str, template: tuple[Path, Path], wh: Path
) -> None:
    folder = template[0]
    DECISIONS[decision](wh, failure_id(wh, "drones_intercepted"))
    before = state(wh)

    def check() -> None:
        assert state(wh) == before
        facts, n_open = EXPECTED[decision]
        assert [(v, o) for v, o, _, _ in fact_rows(wh, "drones_intercepted")] == facts
        open_drones = rows(
            wh,
            "select count(*) from quarantine where status = 'open' and check_name = 'drones_intercepted_within_launched'",
        )
        assert open_drones == [(n_open,)]

    again = ingest([str(folder)], str(wh))  # the same files: nothing is read again
    assert again.counts.articles_new == 0
    check()
    forget_article(wh, "Air defences destroyed 48")  # now the flow extracts the article afresh
    fresh = ingest([str(folder)], str(wh))
    assert fresh.counts.articles_new == 1 and fresh.counts.facts_quarantined == 1
    check()
    assert rows(wh, "select count(*) from articles where contains(text, '36 drones at Ukraine')") == [(1,)]


def test_the_loader_never_brings_back_a_fact_a_reviewer_kept_out(
    template: tuple[Path, Path], wh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should a later run pass the rejected fact (new checks, a new extractor), it still stays out."""
    from ingest.run import batch as pipeline
    from schemas.facts import FACT_COLUMNS

    rejected = review.reject(wh, failure_id(wh, "drones_intercepted"), by="olena")
    corrected = review.correct(wh, failure_id(wh, "civilians_released"), {"value": 50}, by="olena")

    def lenient(candidates: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
        from schemas.frames import QUARANTINE_SCHEMA

        return candidates.select(FACT_COLUMNS), pl.DataFrame(schema=QUARANTINE_SCHEMA)

    monkeypatch.setattr(pipeline, "validate_facts", lenient)
    forget_article(wh, "Air defences destroyed 48")
    forget_article(wh, "70 servicemen")
    summary = ingest([str(template[0])], str(wh))
    assert summary.counts.articles_new == 2 and summary.counts.facts_quarantined == 0  # every fact passed

    ids = {r[0] for r in rows(wh, "select fact_id from facts")}
    assert rejected.fact_id not in ids and corrected.fact_id not in ids
    assert corrected.loaded_fact_id in ids
    # the soldiers and the total were still waiting for review: this run loaded them
    assert {m for (m,) in rows(wh, "select metric from facts where kind = 'prisoner_exchange'")} == {
        "prisoners_released",
        "soldiers_released",
        "civilians_released",
    }


# --- errors -------------------------------------------------------------------------------------


def test_an_unknown_id_is_one_clear_error(wh: Path) -> None:
    with pytest.raises(UnknownFailure, match=r"no failure with id '0000000000000000': list them with"):
        review.accept(wh, "0000000000000000", by="olena")
    with pytest.raises(UnknownFailure, match="hexadecimal"):
        review.accept(wh, "not-an-id; drop table facts", by="olena")


def test_a_decided_failure_cannot_be_decided_again(wh: Path) -> None:
    qid = failure_id(wh, "drones_intercepted")
    review.reject(wh, qid, by="olena")
    with pytest.raises(
        AlreadyDecided,
        match=rf"failure {qid} was already rejected by olena at .* UTC; to decide again, reopen it first: newsfacts review {qid} --reopen",
    ):
        review.accept(wh, qid, by="taras")
    assert fact_rows(wh, "drones_intercepted") == []


def test_reopening_an_accept_takes_the_fact_out_and_keeps_the_decision_as_history(wh: Path) -> None:
    qid = failure_id(wh, "drones_intercepted")
    first = review.accept(wh, qid, by="olena")
    assert fact_rows(wh, "drones_intercepted") != []

    undone = reopen(wh, qid, by="taras", note="the air force revised it")

    assert undone.reopened == (qid,) and undone.removed_fact_id == first.fact_id
    assert fact_rows(wh, "drones_intercepted") == []
    assert rows(wh, "select status, decision_id from quarantine where quarantine_id = ?", [qid]) == [
        ("open", None)
    ]
    ((action, by, note, at),) = rows(
        wh, "select action, reopened_by, reopen_note, reopened_at from decisions"
    )
    assert (action, by, note) == ("accept", "taras", "the air force revised it") and at is not None
    second = review.reject(wh, qid, by="taras")  # decided anew: a second row, the first kept
    assert rows(wh, "select count(*) from review_log") == [(2,)]
    assert second.outcome == "kept_out"
    with pytest.raises(BadDecision, match="is open: there is no decision to reopen"):
        reopen(wh, failure_id(wh, "soldiers_released"), by="taras")


def test_reopening_a_correction_that_still_failed_drops_its_new_failures(wh: Path) -> None:
    qid = failure_id(wh, "drones_intercepted")
    d = review.correct(wh, qid, forms.parse_changes(["value=40"]), by="olena")
    assert d.outcome == "still_failing"
    reopen(wh, qid, by="olena")
    assert rows(
        wh,
        f"select quarantine_id, status {OF_FACTS} and json_extract_string(fact, '$.metric') = 'drones_intercepted'",
    ) == [(qid, "open")]


@pytest.mark.parametrize(
    ("pairs", "message"),
    [
        (["value=abc"], "value must be a whole number, 0 or more, not 'abc'"),
        (["value=-3"], "value must be a whole number"),
        (["value="], "value cannot be empty"),
        (["event_date=yesterday"], "event_date must be a date as YYYY-MM-DD, not 'yesterday'"),
        (["event_date=2025-02-30"], "event_date must be a date as YYYY-MM-DD"),
        (["qualifier=roughly"], "qualifier must be one of exact, approx, at_least, at_most, range"),
        (["kind=shelling"], "kind must be one of"),
        (["vaule=42"], "unknown field 'vaule': correctable fields are value, value_max"),
        (["evidence=made up"], "'evidence' cannot be corrected"),
        (["value 42"], "expected field=value, got 'value 42'"),
        (["value=1", "value=2"], "'value' is given twice"),
        (["actor=" + "x" * 300], "actor must be printable text of at most 200 characters"),
    ],
)
def test_bad_correction_values_are_refused_before_anything_changes(pairs: list[str], message: str) -> None:
    with pytest.raises(BadDecision, match=message.replace("(", r"\(").replace(")", r"\)")):
        forms.parse_changes(pairs)


def test_parse_changes_types_the_values() -> None:
    import datetime as dt

    assert forms.parse_changes(
        ["value=1,200", "value_max=null", "event_date=2025-07-13", "actor=Russia"]
    ) == {
        "value": 1200,
        "value_max": None,
        "event_date": dt.date(2025, 7, 13),
        "actor": "Russia",
    }


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("value=٥٤", {"value": 54}),  # Arabic-Indic
        ("value=５４", {"value": 54}),  # full-width
        ("value_max=۱,۲۰۰", {"value_max": 1200}),  # Extended Arabic-Indic, with a comma
        ("event_date=٢٠٢٥-٠٧-١٤", {"event_date": __import__("datetime").date(2025, 7, 14)}),
        ("location=Ky\u200biv", {"location": "Kyiv"}),  # a zero-width space, as on reading
    ],
)
def test_a_correction_in_other_digits_is_normalised_as_articles_are(
    typed: str, expected: dict[str, object]
) -> None:
    assert forms.parse_changes([typed]) == expected


@pytest.mark.parametrize(
    ("action", "kwargs", "message"),
    [
        ("correct", {"changes": {"value": 48}}, "the correction changes nothing"),
        (
            "correct",
            {"changes": {"metric": "killed"}},
            "metric 'killed' is not a metric of kind 'aerial_attack'",
        ),
        ("correct", {}, "a correction needs at least one field=value"),
        ("accept", {"changes": {"value": 3}}, "changes go with --correct, not --accept"),
        ("accept", {"note": "x" * 2001}, "the note is 2001 characters long; at most 2000"),
        ("accept", {"by": "  "}, "the reviewer's name must be 1 to 100 printable characters"),
        ("approve", {}, "unknown action 'approve'"),
    ],
)
def test_bad_decisions_are_refused_and_change_nothing(
    wh: Path, action: str, kwargs: dict[str, object], message: str
) -> None:
    before = state(wh)
    args = {"by": "olena", **kwargs}
    with pytest.raises(BadDecision, match=message):
        review.decide(wh, failure_id(wh, "drones_intercepted"), action, **args)  # type: ignore[arg-type]
    assert state(wh) == before


def test_the_article_text_of_a_failure_is_there_for_the_review_page(wh: Path) -> None:
    detail = items.failure_detail(wh, failure_id(wh, "drones_intercepted"))
    assert (
        detail["text"].startswith("Russia launched 36 drones")
        or "Russia launched 36 drones" in detail["text"]
    )
    assert detail["fact"]["evidence"] in detail["text"]
    assert detail["decision"] is None and detail["status"] == "open"
    assert KHARKIV.splitlines()[1] in detail["text"]


# --- event values (ingest.validate.events puts them in the same queue) ----------------------------


def _event_failure(db: Path) -> str:
    from ingest.store.connection import writer

    value = {
        "event_id": "e" * 16,
        "kind": "aerial_attack",
        "metric": "drones_intercepted",
        "value": 48,
        "evidence": "Air defences destroyed 48 of them, according to the same report.",
    }
    with writer(db) as con:
        con.execute(
            "insert into quarantine (quarantine_id, fact_id, article_id, run_id, check_name, message, fact, status) "
            "select 'eeee000000000001', ?, article_id, run_id, 'event_interception_ok', 'the event says so', ?, 'open' "
            "from quarantine limit 1",
            ["e" * 16, json.dumps(value)],
        )
    return "eeee000000000001"


def test_an_event_value_can_be_accepted_or_rejected_but_not_corrected(wh: Path) -> None:
    qid = _event_failure(wh)
    facts_before = rows(wh, "select count(*) from facts")
    with pytest.raises(BadDecision, match="an event's value cannot be corrected here"):
        review.correct(wh, qid, {"value": 30}, by="olena")
    d = review.accept(wh, qid, by="olena")
    assert (d.outcome, d.closed, d.loaded_fact_id) == ("cleared", (qid,), None)
    assert d.summary().startswith(f"accepted {qid}: the event's drones_intercepted 48 is shown again")
    assert rows(wh, "select count(*) from facts") == facts_before
    assert rows(wh, "select status from quarantine where quarantine_id = ?", [qid]) == [("accepted",)]
