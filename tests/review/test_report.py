"""The validation report: the pieces a reader needs, in one file that needs nothing else."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from review_support import copy_db, failure_id, load_template, rows

from ingest.review import decisions as review
from ingest.review.report import ReportData, chart_svg, render, write_report

SELF_CONTAINED_FORBIDDEN = ("<script", "<link", " src=", "@import", "url(", "https://")


@pytest.mark.flow
@pytest.mark.usefixtures("prefect_api")
def test_the_report_shows_runs_checks_open_failures_and_the_chart(tmp_path: Path) -> None:
    _, template = load_template(tmp_path / "t")
    db = copy_db(template, tmp_path / "wh.duckdb")
    review.reject(db, failure_id(db, "civilians_released"), by="olena", note="from another swap")

    data = write_report(db, tmp_path / "out" / "report.html")
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")

    (run_id,) = rows(db, "select run_id from runs")[0]
    assert f'<code title="{run_id}">{run_id[:8]}</code>' in page
    # per run: articles read and new, facts loaded and quarantined, failures per check
    row = re.search(rf'<tr><td><code title="{run_id}">.*?</tr>', page)
    assert row is not None
    cells = re.findall(r'<td class="n">(\d+)</td>', row.group(0))
    assert cells == ["2", "2", "0", "2", "4"]
    assert "exchange_parts_add_up</span>: 3" in row.group(0)
    assert "drones_intercepted_within_launched</span>: 1" in row.group(0)
    # each open failure: title, evidence with its number marked, check and message
    assert len(data.open) == 3
    drones = re.search(
        r'<div class="failure" id="f-' + failure_id(db, "drones_intercepted") + '">.*?</div></div>', page
    )
    assert drones is not None
    assert "drones_intercepted_within_launched" in drones.group(0)
    assert "intercepted 48 exceeds launched 36 drones for the attack reported on 2025-07-14" in drones.group(
        0
    )
    assert 'Air defences destroyed <mark class="number">48</mark> of them' in drones.group(0)
    assert "Prisoner swap on the northern border" in page
    assert 'Ukraine has brought home <mark class="number">120</mark> Ukrainians' in page
    # the rejected failure is not open any more, and the decision is in the log
    assert failure_id(db, "civilians_released", status="rejected") not in re.findall(r'id="f-(\w+)"', page)
    assert "from another swap" in page
    # the chart: loaded and rejected facts for the day of the run
    assert "<svg" in page and 'class="loaded"' in page and 'class="rejected"' in page
    today = rows(db, "select cast(started_at as date) from runs")[0][0].isoformat()
    assert f"<title>{today}: 2 loaded</title>" in page and f"<title>{today}: 4 rejected</title>" in page
    for forbidden in SELF_CONTAINED_FORBIDDEN:
        assert forbidden not in page, forbidden


def test_the_chart_draws_a_bar_per_day_and_series_to_scale() -> None:
    days = [(dt.date(2025, 7, 14), 10, 2), (dt.date(2025, 7, 15), 5, 0)]
    svg = chart_svg(days, width=400, height=200)
    heights = {
        title: float(h)
        for h, title in re.findall(r'height="([\d.]+)" fill="#[0-9a-f]+"><title>([^<]+)</title>', svg)
    }
    assert heights["2025-07-14: 10 loaded"] == pytest.approx(2 * heights["2025-07-15: 5 loaded"])
    assert heights["2025-07-14: 2 rejected"] == pytest.approx(heights["2025-07-14: 10 loaded"] / 5)
    assert heights["2025-07-15: 0 rejected"] == 0
    assert ">2025-07-14<" in svg and ">2025-07-15<" in svg
    assert chart_svg([]) == "<p>No facts yet.</p>"


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
    )
    page = render(data)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img" not in page and 'Killed <mark class="number">3</mark> &lt;img src=x&gt;.' in page
