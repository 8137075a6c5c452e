"""`newsfacts review`, `failures --check`, `report` and `review-server` as a user types them:
real processes on a warehouse loaded by the real flow."""

from __future__ import annotations

import getpass
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from review_support import copy_db, failure_id, load_template, rows

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_api")]
EXE = Path(sys.executable).parent / "newsfacts"


def newsfacts(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSFACTS_DB": str(db), "COLUMNS": "200"}
    return subprocess.run([str(EXE), *args], capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, prefect_api: None) -> Path:
    return load_template(tmp_path_factory.mktemp("review-cli"))[1]


@pytest.fixture
def wh(template: Path, tmp_path: Path) -> Path:
    return copy_db(template, tmp_path / "wh.duckdb")


def one_error_line(done: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    return done.stderr


def test_review_accept_records_the_os_user_and_the_note(wh: Path) -> None:
    qid = failure_id(wh, "drones_intercepted")
    done = newsfacts("review", qid, "--accept", "--note", "decoys counted apart", db=wh)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"accepted {qid}: drones_intercepted 48 loaded into facts as ")
    assert rows(wh, "select decided_by, note from decisions") == [(getpass.getuser(), "decoys counted apart")]
    assert rows(wh, "select origin from facts where metric = 'drones_intercepted'") == [("accepted",)]


def test_review_reject_with_by(wh: Path) -> None:
    qid = failure_id(wh, "drones_intercepted")
    done = newsfacts("review", qid[:6], "--reject", "--by", "olena", db=wh)
    assert done.returncode == 0, done.stderr
    assert f"rejected {qid}: drones_intercepted 48 is kept out of facts" in done.stdout
    listed = json.loads(newsfacts("failures", "--status", "rejected", "--format", "json", db=wh).stdout)
    assert [(f["id"], f["decision"]["decided_by"], f["decision"]["action"]) for f in listed] == [
        (qid, "olena", "reject")
    ]


def test_review_correct_valid_and_still_failing(wh: Path) -> None:
    qid = failure_id(wh, "drones_intercepted")
    done = newsfacts("review", qid, "--correct", "value=40", "--note", "misread", db=wh)
    assert done.returncode == 0, done.stderr
    assert "still fails drones_intercepted_within_launched: intercepted 40 exceeds launched 36" in done.stdout
    new_qid = failure_id(wh, "drones_intercepted")
    assert f"back in the queue as {new_qid}" in done.stdout

    done = newsfacts("review", new_qid, "--correct", "value=30", db=wh)
    assert done.returncode == 0, done.stderr
    assert f"corrected {new_qid}: drones_intercepted 30 loaded into facts" in done.stdout
    assert rows(wh, "select value, origin from facts where metric = 'drones_intercepted'") == [
        (30, "corrected")
    ]


def test_failures_filters_by_check_and_shows_decisions(wh: Path) -> None:
    done = newsfacts("failures", "--check", "exchange_parts_add_up", "--format", "json", db=wh)
    listed = json.loads(done.stdout)
    assert len(listed) == 3 and {f["check"] for f in listed} == {"exchange_parts_add_up"}
    assert all(f["decision"] is None and f["status"] == "open" for f in listed)
    newsfacts("review", listed[0]["id"], "--reject", "--note", "the breakdown is from another swap", db=wh)
    done = newsfacts("failures", "--status", "all", "--check", "exchange_parts_add_up", db=wh)
    assert "decided: reject by" in done.stdout and "note: the breakdown is from another swap" in done.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["review", "0123456789abcdef", "--accept"], 1, "error: no failure with id '0123456789abcdef'"),
        (
            ["review", "{qid}", "--correct", "value=many"],
            1,
            "error: value must be a whole number, 0 or more, not 'many'",
        ),
        (
            ["review", "{qid}", "--correct", "colour=red"],
            1,
            "error: unknown field 'colour': correctable fields are",
        ),
        (
            ["review", "{qid}", "--correct", "event_date=14/07/2025"],
            1,
            "event_date must be a date as YYYY-MM-DD",
        ),
        (["review", "{qid}", "--correct"], 1, "a correction needs at least one field=value"),
        (["review", "{qid}"], 2, "exactly one of --accept, --reject, --correct FIELD=VALUE... or --reopen"),
        (
            ["review", "{qid}", "--accept", "--reject"],
            2,
            "exactly one of --accept, --reject, --correct FIELD=VALUE... or --reopen",
        ),
        (["review", "{qid}", "--accept", "value=3"], 2, "changes go with --correct, not --accept"),
        (["failures", "--check", "no_such_check"], 2, "error: unknown check 'no_such_check'"),
    ],
)
def test_unknown_ids_and_bad_values_are_one_clear_line(
    wh: Path, args: list[str], code: int, message: str
) -> None:
    qid = failure_id(wh, "drones_intercepted")
    done = newsfacts(*[a.replace("{qid}", qid) for a in args], db=wh)
    assert done.returncode == code
    assert message in one_error_line(done)
    assert rows(wh, "select count(*) from decisions") == [(0,)]


def test_a_second_decision_on_the_same_failure_is_refused(wh: Path) -> None:
    qid = failure_id(wh, "drones_intercepted")
    assert newsfacts("review", qid, "--reject", "--by", "olena", db=wh).returncode == 0
    done = newsfacts("review", qid, "--accept", db=wh)
    assert done.returncode == 1
    assert f"failure {qid} was already rejected by olena" in one_error_line(done)


def test_reopen_puts_a_decided_failure_back_and_a_new_decision_follows(wh: Path) -> None:
    qid = failure_id(wh, "drones_intercepted")
    assert newsfacts("review", qid, "--accept", "--by", "olena", db=wh).returncode == 0
    done = newsfacts("review", qid, "--reopen", "--by", "taras", "--note", "decoys after all", db=wh)
    assert done.returncode == 0, done.stderr
    assert f"{qid} open again" in done.stdout and "out of facts again" in done.stdout
    assert newsfacts("review", qid, "--reject", "--by", "taras", db=wh).returncode == 0
    assert rows(wh, "select action, reopened_by, reopen_note from decisions order by decided_at") == [
        ("accept", "taras", "decoys after all"),
        ("reject", None, None),
    ]
    again = newsfacts("review", qid[:6], "--reopen", "--accept", db=wh)
    assert again.returncode == 2 and "exactly one of" in again.stderr


def test_report_writes_one_html_file(wh: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports" / "validation.html"
    done = newsfacts("report", "--out", str(out), db=wh)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"wrote {out}: 1 run, 4 open failures"
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")


def test_review_server_serves_on_loopback(wh: Path) -> None:
    env = {**os.environ, "NEWSFACTS_DB": str(wh)}
    proc = subprocess.Popen(
        [str(EXE), "review-server", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("review page: http://127.0.0.1:")
        url = line.split()[2]
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as resp:
                    page = resp.read().decode()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        assert "4 open failures" in page
    finally:
        proc.terminate()
        proc.wait(timeout=20)
