"""The review page in a real headless Chromium (Debian's chromium + chromedriver, driven by
selenium): list the open failures, open one, click accept, and find the fact in `facts`.
Skipped where Chromium is not installed (.ci/run installs it)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import NO_CHROMIUM, chromium
from review_support import copy_db, failure_id, load_template, rows

from ingest.review.server import make_review_server

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_api"), NO_CHROMIUM]


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    with chromium(tmp_path / "chromium-profile") as driver:
        yield driver


@pytest.fixture
def served(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    _, template = load_template(tmp_path_factory.mktemp("review-browser"))
    db = copy_db(template, tmp_path / "wh.duckdb")
    server = make_review_server(db, by="reviewer-on-duty", host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield db, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_reviewer_lists_opens_and_accepts_a_failure_in_the_browser(
    browser: Any, served: tuple[Path, str]
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    def arrive(target: str) -> None:  # a click starts a navigation; wait for it to land
        WebDriverWait(browser, 30).until(ec.url_to_be(target))
        WebDriverWait(browser, 30).until(
            lambda d: d.execute_script("return document.readyState") == "complete"
        )

    db, url = served
    qid = failure_id(db, "drones_intercepted")

    browser.get(url + "/")
    assert browser.find_element(By.ID, "count").text == "4 open failures"
    links = {a.text: a for a in browser.find_elements(By.CSS_SELECTOR, "a.open-failure")}
    assert qid in links
    links[qid].click()

    arrive(f"{url}/failure/{qid}")
    evidence = browser.find_element(By.ID, "evidence")
    assert evidence.text == "Air defences destroyed 48 of them, according to the same report."
    assert evidence.find_element(By.CSS_SELECTOR, "mark.number").text == "48"
    assert browser.find_element(By.ID, "status").text == "open"
    browser.find_element(By.NAME, "note").send_keys("the air force counts decoys apart")
    browser.find_element(By.ID, "accept").click()

    arrive(f"{url}/")
    assert browser.find_element(By.ID, "flash").text.startswith(
        f"accepted {qid}: drones_intercepted 48 loaded"
    )
    assert browser.find_element(By.ID, "count").text == "3 open failures"
    assert qid not in {a.text for a in browser.find_elements(By.CSS_SELECTOR, "a.open-failure")}
    assert rows(db, "select value, origin from facts where metric = 'drones_intercepted'") == [
        (48, "accepted")
    ]
    assert rows(db, "select decided_by, note from decisions") == [
        ("reviewer-on-duty", "the air force counts decoys apart")
    ]
