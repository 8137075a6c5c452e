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
    assert "HttpOnly" in client.last["set-cookie"] and "SameSite=Strict" in client.last["set-cookie"]
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
    assert status == 303 and client.last["location"] == "/"
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
    assert status == 400 and "value must be a whole number, 0 or more, not &#x27;lots&#x27;" in shown
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
