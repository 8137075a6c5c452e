"""The validation report: the data (aerial attacks, exchanges, casualties) and every run's checks
as the warehouse's own SQL gives them, decisions in words, in one file that needs nothing else
and that a real browser draws without an error."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from html import unescape
from pathlib import Path

import pytest
from browser_support import NO_CHROMIUM, chromium, console_errors
from review_support import KHARKIV, SWAP, copy_db, failure_id, rows
from support import write

from ingest.review import decisions as review
from ingest.review.charts import Series, column_chart, nice_step, row_chart
from ingest.review.report import ReportData, render, write_report

SELF_CONTAINED_FORBIDDEN = ("<script", "<link", " src=", "@import", "url(", "https://")
CASES = Path(__file__).resolve().parent.parent / "cases" / "articles"
# our own case articles with attacks (drones and missiles), casualties in places and an exchange
WITH_DATA = (
    "c001_shahed_energy_barrage.txt",
    "c002_new_year_missile_wave.txt",
    "c006_kharkiv_garden_centre.txt",
    "c013_swap_90_defenders.txt",
    "c014_swap_150_for_150.txt",
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, prefect_api: None) -> Path:
    from flows.ingest_flow import ingest

    root = tmp_path_factory.mktemp("report")
    folder = root / "in"
    write(folder, "kharkiv.txt", KHARKIV)
    write(folder, "swap.txt", SWAP)
    for name in WITH_DATA:
        shutil.copyfile(CASES / name, folder / name)
    db = root / "template.duckdb"
    ingest([str(folder)], str(db))
    return db


@pytest.fixture
def report(template: Path, tmp_path: Path) -> tuple[Path, str]:
    """A copy of the warehouse with one correction (civilians 60 → 50) and one rejection, and its report."""
    db = copy_db(template, tmp_path / "wh.duckdb")
    review.correct(
        db, failure_id(db, "civilians_released"), {"value": 50}, by="olena", note="the office's later figure"
    )
    review.reject(db, failure_id(db, "drones_intercepted"), by="olena", note="decoys counted too")
    out = tmp_path / "out" / "report.html"
    write_report(db, out)
    return db, out.read_text(encoding="utf-8")


def bars(page: str, chart: str) -> dict[tuple[str, str], int | None]:
    """(series, category) -> value of every bar of one chart in the page."""
    svg = re.search(rf'<svg [^>]*id="{chart}".*?</svg>', page, re.S)
    assert svg is not None, f"no chart {chart}"
    found = re.findall(
        r'<rect class="bar" data-series="([^"]*)" data-category="([^"]*)" data-value="(\d*)"', svg.group(0)
    )
    return {(unescape(s), unescape(c)): int(v) if v else None for s, c, v in found}


@pytest.mark.flow
def test_the_charts_show_what_the_analysis_views_hold(report: tuple[Path, str]) -> None:
    db, page = report
    aerial = rows(
        db,
        "select event_date, weapon_class, sum(launched), sum(intercepted) from daily_aerial_attacks group by all",
    )
    assert {w for _, w, _, _ in aerial} == {"drones", "missiles"}
    for weapon in ("drones", "missiles"):
        want = {}
        for day, w, launched, intercepted in aerial:
            if w == weapon:
                want[(f"{weapon} launched", day.isoformat())] = launched
                want[(f"{weapon} intercepted", day.isoformat())] = intercepted
        assert bars(page, f"aerial-{weapon}-chart") == want

    exchanges = rows(
        db,
        "select event_date, released_by, sum(coalesce(prisoners, coalesce(soldiers, 0) + coalesce(civilians, 0))) "
        "from exchanges group by all",
    )
    assert exchanges
    shown = bars(page, "exchanges-chart")
    assert {k: v for k, v in shown.items() if v is not None} == {
        (f"released by {side}", day.isoformat()): n for day, side, n in exchanges
    }
    assert {side for side, _ in shown} == {"released by Russia", "released by Ukraine"}

    casualties = rows(
        db,
        "select coalesce(location, 'no place stated'), sum(killed), sum(injured) from casualties_by_place group by 1",
    )
    want = {}
    for place, killed, injured in casualties:
        want[("killed", place)], want[("injured", place)] = killed, injured
    assert bars(page, "casualties-chart") == want
    assert want[("injured", "Kharkiv")] >= 3


@pytest.mark.flow
def test_each_run_has_a_table_of_its_checks_with_checked_passed_failed_and_share(
    report: tuple[Path, str],
) -> None:
    db, page = report
    ((run_id, loaded, quarantined),) = rows(db, "select run_id, facts_loaded, facts_quarantined from runs")
    table = re.search(rf'<h3 class="run-checks" id="checks-{run_id}">.*?</table>', page, re.S)
    assert table is not None
    cells = {
        check: (level, int(n), int(ok), int(bad), share)
        for level, check, n, ok, bad, share in re.findall(
            r'<tr class="\w+"><td>(\w+)</td><td><span class="check">([\w:]+)</span></td>'
            r'<td class="n">(\d+)</td><td class="n">(\d+)</td><td class="n">(\d+)</td><td class="n">([^<]+)</td>',
            table.group(0),
        )
    }
    checked = loaded + quarantined  # every fact the run extracted went through every fact check
    assert cells["drones_intercepted_within_launched"] == (
        "fact",
        checked,
        checked - 1,
        1,
        f"{(checked - 1) / checked * 100:.1f} %",
    )
    assert cells["exchange_parts_add_up"][2:4] == (checked - 3, 3)
    assert cells["value_not_negative"] == ("fact", checked, checked, 0, "100.0 %")
    (values,) = rows(db, "select count(*) from event_values")[0]
    assert cells["event_exchange_parts_add_up"][:2] == ("event", values)
    # the same numbers as the warehouse's check_results view
    assert {
        c: (lvl, n, ok, bad)
        for _, lvl, c, n, ok, bad in rows(
            db, "select run_id, level, check_name, rows_checked, rows_passed, rows_failed from check_results"
        )
    } == {c: v[:4] for c, v in cells.items()}


@pytest.mark.flow
def test_decisions_read_as_words_and_the_page_needs_nothing_else(report: tuple[Path, str]) -> None:
    _, page = report
    words = re.findall(r'<td class="words">([^<]+)</td>', page)
    assert "corrected value 60 → 50: loaded into facts" in words
    assert "rejected: kept out of facts" in words
    assert "the office&#39;s later figure" in page and '{"value"' not in page
    for forbidden in SELF_CONTAINED_FORBIDDEN:
        assert forbidden not in page, forbidden


@pytest.mark.flow
@NO_CHROMIUM
def test_the_report_draws_in_a_real_browser_with_its_charts_visible(
    report: tuple[Path, str], tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By

    _, page = report
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    with chromium(tmp_path / "profile", height=1400) as browser:
        browser.get(path.as_uri())
        assert browser.title == "newsfacts validation report"
        for chart in ("aerial-drones-chart", "aerial-missiles-chart", "exchanges-chart", "casualties-chart"):
            svg = browser.find_element(By.ID, chart)
            assert svg.is_displayed() and svg.size["width"] > 400 and svg.size["height"] >= 80, chart
            drawn = [b for b in svg.find_elements(By.CSS_SELECTOR, "rect.bar") if b.size["height"] > 0]
            assert drawn, f"{chart} has no visible bar"
        assert browser.find_elements(By.CSS_SELECTOR, "table.checks tr.failed")
        assert console_errors(browser) == []
        shot = tmp_path / "report.png"
        assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000


def test_column_bars_are_to_scale_and_a_missing_value_draws_nothing() -> None:
    chart = column_chart(
        "c",
        "t",
        ["2025-07-14", "2025-07-15"],
        [Series("launched", "#000", [10, 5]), Series("intercepted", "#111", [2, None])],
        width=400,
        height=200,
    )
    assert chart is not None
    h = {(b.series, b.category): b.height for b in chart.bars}
    assert h[("launched", "2025-07-14")] == pytest.approx(2 * h[("launched", "2025-07-15")])
    assert h[("intercepted", "2025-07-14")] == pytest.approx(h[("launched", "2025-07-14")] / 5)
    assert h[("intercepted", "2025-07-15")] == 0
    assert [b.title for b in chart.bars][-1] == "2025-07-15: not reported intercepted"
    assert [lbl.text for lbl in chart.labels] == ["2025-07-14", "2025-07-15"]
    assert column_chart("c", "t", [], []) is None


def test_row_bars_grow_from_the_axis_to_scale() -> None:
    chart = row_chart(
        "p",
        "t",
        ["Kharkiv", "Odesa"],
        [Series("killed", "#000", [4, 1]), Series("injured", "#111", [8, None])],
    )
    assert chart is not None
    w = {(b.series, b.category): b.width for b in chart.bars}
    assert (
        w[("injured", "Kharkiv")]
        == pytest.approx(2 * w[("killed", "Kharkiv")])
        == pytest.approx(8 * w[("killed", "Odesa")])
    )
    assert {b.x for b in chart.bars} == {chart.plot[0]}
    assert [(lbl.text, lbl.anchor) for lbl in chart.labels] == [("Kharkiv", "end"), ("Odesa", "end")]
    assert [nice_step(n) for n in (5, 9, 40, 120, 900)] == [1, 2, 5, 20, 200]


def test_text_from_articles_is_escaped() -> None:
    data = ReportData(
        db="wh.duckdb",
        generated_at=dt.datetime(2026, 1, 1),
        runs=[],
        n_articles=1,
        facts_by_origin={"extracted": 1},
        failures_by_status={"open": 1},
        per_day=[],
        open=[
            {
                "id": "00000000000000aa",
                "check": "value_not_negative",
                "message": "<b>odd</b>",
                "title": "<script>alert(1)</script>",
                "source": "x.txt",
                "article_id": "a" * 16,
                "fact": {
                    "metric": "killed",
                    "value": 3,
                    "evidence": "Killed 3 <img src=x>.",
                    "value_max": None,
                },
            }
        ],
        decisions=[],
        casualties=[("<b>Town</b>", 1, None)],
    )
    page = render(data)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img" not in page and 'Killed <mark class="number">3</mark> &lt;img src=x&gt;.' in page
    assert "<b>Town</b>" not in page and "&lt;b&gt;Town&lt;/b&gt;" in page
