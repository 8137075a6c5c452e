"""The review page in a real headless Chromium (Debian's chromium + chromedriver, driven by
selenium): list the open failures, open one, click accept, and find the fact in `facts`.
Skipped where Chromium is not installed (.ci/run installs it)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import NO_CHROMIUM, chromium, console_errors
from review_support import copy_db, failure_id, load_template, rows

from ingest.review import items
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


def _arrive(browser: Any, target: str, left: Any = None) -> None:
    """A click starts a navigation; wait for it to land. `left`: an element of the page the click
    was on, gone once the next page is there (a form posted to its own URL keeps the URL)."""
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    if left is not None:
        WebDriverWait(browser, 30).until(ec.staleness_of(left))
    WebDriverWait(browser, 30).until(ec.url_to_be(target))
    WebDriverWait(browser, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")


def test_a_reviewer_lists_opens_and_accepts_a_failure_and_goes_on_to_the_next_item(
    browser: Any, served: tuple[Path, str]
) -> None:
    from selenium.webdriver.common.by import By

    db, url = served
    qid = failure_id(db, "drones_intercepted")
    swap = items.item_of(db, failure_id(db, "prisoners_released"))
    assert swap is not None

    browser.get(url + "/")
    assert browser.find_element(By.ID, "count").text == "4 open failures in 2 items"
    links = {a.text: a for a in browser.find_elements(By.CSS_SELECTOR, "a.open-failure")}
    assert set(links) == {qid, swap.id}
    links[qid].click()

    _arrive(browser, f"{url}/failure/{qid}")
    evidence = browser.find_element(By.ID, "evidence")
    assert evidence.text == "Air defences destroyed 48 of them, according to the same report."
    assert evidence.find_element(By.CSS_SELECTOR, "mark.number").text == "48"
    assert browser.find_element(By.ID, "status").text == "open"
    # the launched count the check compared it with is beside it
    context = [r.text for r in browser.find_elements(By.CSS_SELECTOR, "#item-facts tr.context")]
    assert any("drones_launched 36" in r for r in context), context
    browser.find_element(By.NAME, "note").send_keys("the air force counts decoys apart")
    browser.find_element(By.ID, "accept").click()

    _arrive(browser, f"{url}/failure/{swap.id}")  # on to the next open item
    assert browser.find_element(By.ID, "flash").text.startswith(
        f"accepted {qid}: drones_intercepted 48 loaded"
    )
    assert len(browser.find_elements(By.CSS_SELECTOR, "#item-facts tr.failing")) == 3
    assert rows(db, "select value, origin from facts where metric = 'drones_intercepted'") == [
        (48, "accepted")
    ]
    assert rows(db, "select decided_by, note from decisions") == [
        ("reviewer-on-duty", "the air force counts decoys apart")
    ]
    assert console_errors(browser) == []


def test_a_refused_correction_keeps_what_was_typed_and_one_correction_settles_the_exchange(
    browser: Any, served: tuple[Path, str], tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    db, url = served
    # read before any click: the server runs in this process, and DuckDB refuses a write
    # connection while this one reads the same file (the page would answer 400)
    civilians, drones = failure_id(db, "civilians_released"), failure_id(db, "drones_intercepted")
    browser.get(f"{url}/failure/{civilians}")
    form = browser.find_element(By.ID, f"correct-{civilians}")
    assert form.find_element(By.NAME, "f_event_date").get_attribute("type") == "date"
    metric = Select(form.find_element(By.NAME, "f_metric"))
    assert metric.first_selected_option.text == "civilians_released"
    assert "soldiers_released" in [o.text for o in metric.options]
    value = form.find_element(By.NAME, "f_value")
    value.clear()
    value.send_keys("50")
    metric.select_by_visible_text("killed")  # not a metric of a prisoner exchange: refused
    form.find_element(By.CSS_SELECTOR, "button.correct-button").click()

    _arrive(browser, f"{url}/failure/{civilians}", left=form)
    assert "is not a metric of kind 'prisoner_exchange'" in browser.find_element(By.ID, "error").text
    form = browser.find_element(By.ID, f"correct-{civilians}")
    assert form.find_element(By.NAME, "f_value").get_attribute("value") == "50"  # kept as typed
    assert Select(form.find_element(By.NAME, "f_metric")).first_selected_option.text == "killed"
    browser.save_screenshot(str(tmp_path / "review-item.png"))
    # the refusal is the page's own 400 answer, and nothing else went wrong (reading clears the log)
    assert [e for e in console_errors(browser) if "status of 400" not in e] == []

    Select(form.find_element(By.NAME, "f_metric")).select_by_visible_text("civilians_released")
    form.find_element(By.CSS_SELECTOR, "button.correct-button").click()
    _arrive(browser, f"{url}/failure/{drones}", left=form)
    assert browser.find_element(By.ID, "flash").text.startswith(
        f"corrected {civilians}: civilians_released 50 loaded"
    )
    assert rows(
        db, "select metric, value, origin from facts where kind = 'prisoner_exchange' order by 1"
    ) == [
        ("civilians_released", 50, "corrected"),
        ("prisoners_released", 120, "accepted"),
        ("soldiers_released", 70, "accepted"),
    ]
    assert console_errors(browser) == []
