"""The validation report: one self-contained HTML file (inline CSS and SVG, no scripts, nothing
fetched) that shows what the warehouse holds — aerial attacks, exchanges and casualties by date
and place — and how each run's checks went, what validation held back and what reviewers decided.
`report_data` reads the warehouse; `render` is pure (templates/report.html.j2)."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ingest.review import pages
from ingest.review.charts import BarChart, Series, column_chart, row_chart
from ingest.review.highlight import evidence_html
from ingest.review.wording import decision_words
from ingest.store.connection import reader, schema_version
from ingest.store.queries import open_failures
from warehouse import sql

CHECKS_SINCE_VERSION = 8  # warehouse/migrations/008_run_checks.sql
PLACES_SHOWN = 25

LOADED, REJECTED = "#2e7d32", "#c0392b"
LAUNCHED, INTERCEPTED = "#5c6bc0", "#43a047"
KILLED, INJURED = "#b71c1c", "#ef8f00"
SIDES = ("#1565c0", "#c62828", "#6a1b9a", "#00838f")  # released by: one colour per side


@dataclass
class RunRow:
    run_id: str
    started_at: dt.datetime | None
    status: str
    articles_read: int
    articles_new: int
    articles_failed: int
    facts_loaded: int
    facts_quarantined: int
    by_check: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class CheckRow:
    """One check of one run, as Data Docs show an expectation's result."""

    level: str  # fact | event
    check: str
    checked: int
    passed: int
    failed: int
    share_passed: float | None


@dataclass
class ReportData:
    db: str
    generated_at: dt.datetime
    runs: list[RunRow]
    n_articles: int
    facts_by_origin: dict[str, int]
    failures_by_status: dict[str, int]
    per_day: list[tuple[dt.date, int, int]]  # (day, facts loaded, facts rejected by validation)
    open: list[dict[str, Any]]
    decisions: list[dict[str, Any]]
    checks: dict[str, list[CheckRow]] = field(default_factory=dict)  # run id -> its checks
    # weapon class -> (event date, launched, intercepted)
    aerial: dict[str, list[tuple[dt.date, int | None, int | None]]] = field(default_factory=dict)
    exchanges: list[tuple[dt.date, str, int]] = field(default_factory=list)  # (date, released by, people)
    casualties: list[tuple[str, int | None, int | None]] = field(
        default_factory=list
    )  # place, killed, injured


def report_data(db: str | Path) -> ReportData:
    """Everything the report shows, read in one read-only session (plus the open failures)."""
    with reader(db) as con:
        runs = [RunRow(*r) for r in con.execute(sql("report.runs")).fetchall()]
        by_run = {r.run_id: r for r in runs}
        for run_id, check, n in con.execute(sql("report.held_by_check")).fetchall():
            if run_id in by_run:
                by_run[run_id].by_check[check] = n
        checks: dict[str, list[CheckRow]] = defaultdict(list)
        if schema_version(con) >= CHECKS_SINCE_VERSION:
            for run_id, *row in con.execute(sql("report.check_results")).fetchall():
                checks[run_id].append(CheckRow(*row))
        aerial: dict[str, list[tuple[dt.date, int | None, int | None]]] = defaultdict(list)
        for day, weapon_class, launched, intercepted in con.execute(sql("report.aerial_by_day")).fetchall():
            aerial[weapon_class].append((day, launched, intercepted))
        exchanges = con.execute(sql("report.exchanges_by_day")).fetchall()
        casualties = con.execute(sql("report.casualties_by_place"), {"limit": PLACES_SHOWN}).fetchall()
        n_articles = _scalar(con.execute(sql("report.articles")).fetchone())
        origins = dict(con.execute(sql("report.facts_by_origin")).fetchall())
        statuses = dict(con.execute(sql("report.failures_by_status")).fetchall())
        loaded = dict(con.execute(sql("report.loaded_per_day")).fetchall())
        held = dict(con.execute(sql("report.held_per_day")).fetchall())
        log = con.execute(sql("report.review_log")).fetchall()
    days = sorted(set(loaded) | set(held))
    keys = (
        "decided_at",
        "decided_by",
        "action",
        "outcome",
        "quarantine_id",
        "check",
        "changes",
        "note",
        "title",
        "fact",
    )
    decisions = [dict(zip(keys, r, strict=True)) for r in log]
    for d in decisions:
        d["words"] = decision_words(d["action"], d["outcome"], d["changes"], d["fact"])
    return ReportData(
        db=str(db),
        generated_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        runs=runs,
        n_articles=n_articles,
        facts_by_origin=origins,
        failures_by_status=statuses,
        per_day=[(d, loaded.get(d, 0), held.get(d, 0)) for d in days],
        open=open_failures(db, "open"),
        decisions=decisions,
        checks=dict(checks),
        aerial=dict(aerial),
        exchanges=[(d, side, int(n)) for d, side, n in exchanges],
        casualties=[(place, killed, injured) for place, killed, injured in casualties],
    )


def write_report(db: str | Path, out: str | Path) -> ReportData:
    """Render the report for `db` into the file `out` (its folder is created)."""
    data = report_data(db)
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(data), encoding="utf-8")
    return data


def _scalar(row: tuple[Any, ...] | None) -> int:
    return int(row[0]) if row and row[0] is not None else 0


# --- rendering --------------------------------------------------------------------------------


def render(data: ReportData) -> str:
    """The report as one HTML document."""
    reviewed = {s: n for s, n in sorted(data.failures_by_status.items()) if s != "open"}
    return pages.render(
        "report.html.j2",
        data=data,
        runs=list(reversed(data.runs)),  # newest first
        total_facts=sum(data.facts_by_origin.values()),
        origin_note=", ".join(
            f"{v} {k} in review" for k, v in data.facts_by_origin.items() if k != "extracted"
        ),
        reviewed=reviewed,
        per_day=per_day_chart(data.per_day),
        aerial=[c for c in (aerial_chart(k, v) for k, v in sorted(data.aerial.items())) if c],
        exchanges=exchanges_chart(data.exchanges),
        casualties=casualties_chart(data.casualties),
        failures=[_failure(f) for f in data.open],
    )


def per_day_chart(per_day: list[tuple[dt.date, int, int]]) -> BarChart | None:
    """Facts loaded and rejected by validation per day, grouped bars."""
    return column_chart(
        "per-day-chart",
        "facts loaded and rejected per day",
        [d.isoformat() for d, _, _ in per_day],
        [
            Series("loaded", LOADED, [n for _, n, _ in per_day]),
            Series("rejected", REJECTED, [n for _, _, n in per_day]),
        ],
    )


def aerial_chart(weapon_class: str, days: list[tuple[dt.date, int | None, int | None]]) -> BarChart | None:
    """Launched and intercepted per event date for one weapon class (drones or missiles)."""
    return column_chart(
        f"aerial-{weapon_class}-chart",
        f"{weapon_class} launched and intercepted by event date",
        [d.isoformat() for d, _, _ in days],
        [
            Series(f"{weapon_class} launched", LAUNCHED, [n for _, n, _ in days]),
            Series(f"{weapon_class} intercepted", INTERCEPTED, [n for _, _, n in days]),
        ],
    )


def exchanges_chart(exchanges: list[tuple[dt.date, str, int]]) -> BarChart | None:
    """People released per exchange date, a series per releasing side."""
    days = sorted({d for d, _, _ in exchanges})
    sides = sorted({s for _, s, _ in exchanges})
    released = {(d, s): n for d, s, n in exchanges}
    return column_chart(
        "exchanges-chart",
        "people released in exchanges by date",
        [d.isoformat() for d in days],
        [
            Series(f"released by {side}", SIDES[k % len(SIDES)], [released.get((d, side)) for d in days])
            for k, side in enumerate(sides)
        ],
    )


def casualties_chart(places: list[tuple[str, int | None, int | None]]) -> BarChart | None:
    """Killed and injured per place, a row per place."""
    return row_chart(
        "casualties-chart",
        "killed and injured by place",
        [p for p, _, _ in places],
        [
            Series("killed", KILLED, [k for _, k, _ in places]),
            Series("injured", INJURED, [i for _, _, i in places]),
        ],
    )


def _failure(f: dict[str, Any]) -> dict[str, Any]:
    """An open failure with its fact in one line and its sentence, number marked."""
    fact = f["fact"]
    where = ", ".join(str(x) for x in (fact.get("event_date"), fact.get("location")) if x)
    summary = f"{fact['metric']} {fact['value']} {fact.get('actor') or '?'} → {fact.get('target') or '?'}"
    if where:
        summary += f" ({where})"
    if fact.get("origin") == "corrected":
        summary += " · corrected by a reviewer, still failing"
    evidence = Markup(evidence_html(fact.get("evidence") or "", fact["value"], fact.get("value_max")))
    return {**f, "summary": summary, "evidence": evidence, "fact_json": json.dumps(fact, default=str)}
