"""The review page as a real HTTP server on 127.0.0.1: pages, decisions, and what it refuses."""

from __future__ import annotations

import http.client
import re
import subprocess
import sys
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from review_support import copy_db, failure_id, load_template, rows

from ingest.review import items
from ingest.review.server import make_review_server

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_api")]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, prefect_api: None) -> tuple[Path, Path]:
    return load_template(tmp_path_factory.mktemp("review-server"))


@dataclass
class Client:
    """A browser-like client: keeps the session cookie, does not follow redirects."""

    port: int
    cookie: str = ""
    host: str = ""
    last: dict[str, str] = field(default_factory=dict)

    def request(
        self,
        method: str,
        path: str,
        form: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, str]:
        con = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        h = {"Host": self.host or f"127.0.0.1:{self.port}", **(headers or {})}
        if self.cookie:
            h["Cookie"] = self.cookie
        body = urllib.parse.urlencode(form) if form is not None else None
        if body is not None:
            h["Content-Type"] = "application/x-www-form-urlencoded"
        con.request(method, path, body=body, headers=h)
        resp = con.getresponse()
        text = resp.read().decode("utf-8")
        self.last = {k.lower(): v for k, v in resp.getheaders()}
        if "set-cookie" in self.last:
            self.cookie = self.last["set-cookie"].split(";", 1)[0]
        con.close()
        return resp.status, text

    def token(self, page: str) -> str:
        m = re.search(r'name="csrf" value="([^"]+)"', page)
        assert m, "the page has no form token"
        return m.group(1)


@pytest.fixture
def served(template: tuple[Path, Path], tmp_path: Path) -> Iterator[tuple[Path, Client]]:
    db = copy_db(template[1], tmp_path / "wh.duckdb")
    server = make_review_server(db, by="reviewer-on-duty", host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield db, Client(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()


def test_the_index_lists_open_failures_with_the_number_highlighted(served: tuple[Path, Client]) -> None:
    db, client = served
    status, page = client.request("GET", "/")
    assert status == 200
    assert f'href="/failure/{failure_id(db, "drones_intercepted")}"' in page
    assert "4 open failures" in page
    assert '<mark class="number">48</mark>' in page
    assert "HttpOnly" in client.last["set-cookie"] and "samesite=strict" in client.last["set-cookie"].lower()
    assert "default-src 'none'" in client.last["content-security-policy"]
    assert "<script" not in page and "http://" not in page and "https://" not in page


def test_a_failure_page_shows_the_article_with_the_evidence_marked(served: tuple[Path, Client]) -> None:
    db, client = served
    status, page = client.request("GET", f"/failure/{failure_id(db, 'drones_intercepted')}")
    assert status == 200
    assert "Russia launched 36 drones at Ukraine overnight" in page
    assert (
        '<mark class="evidence" id="evidence">Air defences destroyed <mark class="number">48</mark> of them'
        in page
    )
    assert "intercepted 48 exceeds launched 36 drones" in page
    assert 'name="csrf"' in page and 'value="accept"' in page and 'name="f_value" value="48"' in page


def test_accepting_through_the_page_loads_the_fact(served: tuple[Path, Client]) -> None:
    db, client = served
    qid = failure_id(db, "drones_intercepted")
    _, page = client.request("GET", f"/failure/{qid}")
    status, _ = client.request(
        "POST",
        f"/failure/{qid}",
        {"csrf": client.token(page), "action": "accept", "note": "checked", "by": "olena"},
    )
    # on to the next open item: the swap, whose three failures are one item
    swap_item = items.item_of(db, failure_id(db, "prisoners_released"))
    assert swap_item is not None and len(swap_item.failures) == 3
    assert status == 303 and client.last["location"] == f"/failure/{swap_item.id}"
    assert rows(db, "select value, origin from facts where metric = 'drones_intercepted'") == [
        (48, "accepted")
    ]
    assert rows(db, "select decided_by, note from decisions") == [("olena", "checked")]
    _, index = client.request("GET", "/")
    assert f"accepted {qid}" in index and "3 open failures" in index


def test_a_correction_that_still_fails_leads_to_the_new_failure(served: tuple[Path, Client]) -> None:
    db, client = served
    qid = failure_id(db, "drones_intercepted")
    _, page = client.request("GET", f"/failure/{qid}")
    form = {f"f_{k}": v for k, v in re.findall(r'name="f_(\w+)" value="([^"]*)"', page)}
    status, _ = client.request(
        "POST",
        f"/failure/{qid}",
        {**form, "f_value": "40", "csrf": client.token(page), "action": "correct", "by": "o"},
    )
    new_qid = failure_id(db, "drones_intercepted")
    assert status == 303 and client.last["location"] == f"/failure/{new_qid}" and new_qid != qid
    _, shown = client.request("GET", client.last["location"])
    assert "intercepted 40 exceeds launched 36 drones" in shown and "still fails" in shown


def test_one_bad_exchange_is_one_item_with_its_facts_side_by_side(served: tuple[Path, Client]) -> None:
    db, client = served
    swap = [failure_id(db, m) for m in ("prisoners_released", "soldiers_released", "civilians_released")]
    _, index = client.request("GET", "/")
    assert "4 open failures in 2 items" in index
    swap_item = items.item_of(db, swap[0])
    assert swap_item is not None and sorted(swap_item.ids) == sorted(swap)
    assert sorted(re.findall(r'class="open-failure" href="/failure/(\w+)"', index)) == sorted(
        [failure_id(db, "drones_intercepted"), swap_item.id]
    )
    # counts per check, and the filter
    assert re.search(
        r"<code>exchange_parts_add_up</code></a></td><td class=\"n\">1</td><td class=\"n\">3</td>", index
    )
    _, only = client.request("GET", "/?check=exchange_parts_add_up")
    assert "3 open failures in 1 item of" in only and failure_id(db, "drones_intercepted") not in only
    # the item: the three facts and their sentence side by side, whichever failure is asked for
    _, page = client.request("GET", f"/failure/{swap[2]}")
    facts = re.search(r'<table class="side-by-side".*?</table>', page, re.S)
    assert facts is not None
    assert sorted(re.findall(r'<tr class="failing" id="row-(\w+)">', facts.group(0))) == sorted(swap)
    for n in ("120", "70", "60"):
        assert f'<mark class="number">{n}</mark>' in facts.group(0)
    # the vocabulary as choices, the date as a date
    form = re.search(rf'<form [^>]*id="correct-{swap[2]}".*?</form>', page, re.S)
    assert form is not None
    assert re.search(
        r'<select name="f_metric">.*<option value="civilians_released" selected>', form.group(0), re.S
    )
    assert re.search(r'<select name="f_actor">.*<option value="Russia"', form.group(0), re.S)
    assert 'name="f_event_date" value="2025-08-01" type="date"' in form.group(0)
    assert 'value="accept" id="accept">Accept all 3' in page


def test_one_correction_settles_the_whole_exchange(served: tuple[Path, Client]) -> None:
    db, client = served
    civilians = failure_id(db, "civilians_released")
    _, page = client.request("GET", f"/failure/{civilians}")
    status, _ = client.request(
        "POST",
        f"/failure/{civilians}",
        {
            "f_value": "50",
            "csrf": client.token(page),
            "action": "correct",
            "by": "olena",
            "note": "later figure",
        },
    )
    # the other two now add up (70 + 50 = 120): accepted with it, and on to the next item
    assert status == 303 and client.last["location"] == f"/failure/{failure_id(db, 'drones_intercepted')}"
    assert rows(
        db, "select metric, value, origin from facts where kind = 'prisoner_exchange' order by metric"
    ) == [
        ("civilians_released", 50, "corrected"),
        ("prisoners_released", 120, "accepted"),
        ("soldiers_released", 70, "accepted"),
    ]
    assert rows(db, "select count(*) from quarantine where status = 'open'") == [(1,)]
    settled = f"passes its checks since the correction of {civilians}"
    assert rows(db, "select note from decisions order by note") == [("later figure",), (settled,), (settled,)]


def test_a_decision_is_reopened_from_its_page(served: tuple[Path, Client]) -> None:
    db, client = served
    qid = failure_id(db, "drones_intercepted")
    _, page = client.request("GET", f"/failure/{qid}")
    client.request("POST", f"/failure/{qid}", {"csrf": client.token(page), "action": "reject", "by": "olena"})
    _, decided = client.request("GET", f"/failure/{qid}")
    assert 'id="decision">rejected: kept out of facts' in decided and 'value="reopen"' in decided
    status, _ = client.request(
        "POST",
        f"/failure/{qid}",
        {"csrf": client.token(decided), "action": "reopen", "by": "taras", "note": "recheck"},
    )
    assert status == 303 and client.last["location"] == f"/failure/{qid}"
    _, reopened = client.request("GET", f"/failure/{qid}")
    assert '<b id="status">open</b>' in reopened and "reopened decision" in reopened
    assert rows(db, "select action, reopened_by, reopen_note from decisions") == [
        ("reject", "taras", "recheck")
    ]


def test_a_post_without_the_session_token_is_refused(served: tuple[Path, Client]) -> None:
    db, client = served
    qid = failure_id(db, "drones_intercepted")
    client.request("GET", f"/failure/{qid}")  # a session, but no token sent with the form
    status, page = client.request("POST", f"/failure/{qid}", {"action": "accept"})
    assert status == 403 and "token is missing or stale" in page
    other = Client(client.port)  # a token from another session does not do either
    _, other_page = other.request("GET", f"/failure/{qid}")
    status, _ = client.request(
        "POST", f"/failure/{qid}", {"action": "accept", "csrf": other.token(other_page)}
    )
    assert status == 403
    assert rows(db, "select count(*) from decisions") == [(0,)]
    assert rows(db, "select status from quarantine where quarantine_id = ?", [qid]) == [("open",)]


def test_a_form_posted_from_another_site_is_refused(served: tuple[Path, Client]) -> None:
    db, client = served
    qid = failure_id(db, "drones_intercepted")
    _, page = client.request("GET", f"/failure/{qid}")
    status, _ = client.request(
        "POST",
        f"/failure/{qid}",
        {"csrf": client.token(page), "action": "reject"},
        headers={"Origin": "http://attacker.example"},
    )
    assert status == 403
    assert rows(db, "select count(*) from decisions") == [(0,)]


def test_requests_for_another_host_name_are_refused(served: tuple[Path, Client]) -> None:
    _, client = served
    client.host = "rebound.example:80"  # DNS rebinding: a foreign name pointing at 127.0.0.1
    status, _ = client.request("GET", "/")
    assert status == 421


def test_bad_values_come_back_as_a_message_on_the_page(served: tuple[Path, Client]) -> None:
    db, client = served
    qid = failure_id(db, "drones_intercepted")
    _, page = client.request("GET", f"/failure/{qid}")
    status, shown = client.request(
        "POST",
        f"/failure/{qid}",
        {"csrf": client.token(page), "action": "correct", "f_value": "lots", "by": "o"},
    )
    assert status == 400 and "value must be a whole number, 0 or more, not &#39;lots&#39;" in shown
    assert 'name="f_value" value="lots"' in shown  # what was typed is kept
    status, shown = client.request(
        "POST", f"/failure/{qid}", {"csrf": client.token(page), "action": "approve"}
    )
    assert status == 400 and "unknown action" in shown
    assert rows(db, "select count(*) from decisions") == [(0,)]


def test_unknown_pages_and_failures_are_404(served: tuple[Path, Client]) -> None:
    _, client = served
    assert client.request("GET", "/failure/0000000000000000")[0] == 404
    assert client.request("GET", "/failure/../../etc/passwd")[0] == 404
    assert client.request("GET", "/nothing")[0] == 404
    assert client.request("DELETE", "/")[0] == 405


def test_the_server_does_not_hold_the_warehouse_between_requests(served: tuple[Path, Client]) -> None:
    db, client = served
    assert client.request("GET", "/")[0] == 200
    assert client.request("GET", f"/failure/{failure_id(db, 'drones_intercepted')}")[0] == 200
    # another process (a run) can open the warehouse read-write while the server is up
    writer = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import duckdb; c = duckdb.connect({str(db)!r}); c.execute('checkpoint'); c.close()",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert writer.returncode == 0, writer.stderr


def test_a_server_on_another_address_still_answers_only_its_own_host(
    template: tuple[Path, Path], tmp_path: Path
) -> None:
    """`--host 127.0.0.2` (any address but the loopback names): Host must name that address."""
    db = copy_db(template[1], tmp_path / "wh.duckdb")
    server = make_review_server(db, by="reviewer-on-duty", host="127.0.0.2", port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]

    def status(host: str) -> int:
        con = http.client.HTTPConnection("127.0.0.2", port, timeout=30)
        con.request("GET", "/", headers={"Host": host})
        code = con.getresponse().status
        con.close()
        return code

    try:
        assert status("rebound.example:80") == 421
        assert status(f"127.0.0.1:{port}") == 421
        assert status(f"127.0.0.2:{port}") == 200
    finally:
        server.shutdown()
        server.server_close()
