"""The validation report: one self-contained HTML file (inline CSS and SVG, no scripts, nothing
fetched) that a person opens in a browser to see what each run loaded and what validation held
back, and why. `report_data` reads the warehouse; `render` is pure."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.review.highlight import evidence_html
from ingest.store.connection import reader
from ingest.store.queries import open_failures
from warehouse import sql


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


def report_data(db: str | Path) -> ReportData:
    """Everything the report shows, read in one read-only session (plus the open failures)."""
    with reader(db) as con:
        runs = [RunRow(*r) for r in con.execute(sql("report.runs")).fetchall()]
        by_run = {r.run_id: r for r in runs}
        for run_id, check, n in con.execute(sql("report.held_by_check")).fetchall():
            if run_id in by_run:
                by_run[run_id].by_check[check] = n
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
    )
    return ReportData(
        db=str(db),
        generated_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        runs=runs,
        n_articles=n_articles,
        facts_by_origin=origins,
        failures_by_status=statuses,
        per_day=[(d, loaded.get(d, 0), held.get(d, 0)) for d in days],
        open=open_failures(db, "open"),
        decisions=[dict(zip(keys, r, strict=True)) for r in log],
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

_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2329;max-width:1100px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem} h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #dde1e5;padding-bottom:.2rem}
.meta{color:#5b6670;font-size:.9rem} .cards{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}
.card{border:1px solid #dde1e5;border-radius:6px;padding:.6rem .9rem;min-width:9rem}
.card b{display:block;font-size:1.5rem}
table{border-collapse:collapse;width:100%;font-size:.9rem} th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #eceff1;vertical-align:top}
th{background:#f5f7f8} td.n{text-align:right;font-variant-numeric:tabular-nums}
.failure{border:1px solid #e3c9c4;border-left:4px solid #c0392b;border-radius:4px;padding:.6rem .9rem;margin:.8rem 0}
.failure .check{font-family:ui-monospace,monospace;color:#8e2b1f} .failure .id{font-family:ui-monospace,monospace;color:#5b6670}
blockquote{margin:.4rem 0;padding:.3rem .7rem;background:#fafafa;border-left:3px solid #ccd3d8}
mark.number{background:#ffd54f;font-weight:600;padding:0 .1em}
code{font-family:ui-monospace,monospace;font-size:.85rem;background:#f1f3f4;padding:0 .25em}
.legend span{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 1rem;vertical-align:middle}
"""
LOADED_COLOUR = "#2e7d32"
REJECTED_COLOUR = "#c0392b"


def render(data: ReportData) -> str:
    """The report as one HTML document."""
    e = html.escape
    total_facts = sum(data.facts_by_origin.values())
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>newsfacts validation report</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>newsfacts validation report</h1>",
        f'<p class="meta">warehouse <code>{e(data.db)}</code> · generated {data.generated_at:%Y-%m-%d %H:%M} UTC</p>',
        '<div class="cards">',
        _card("runs", len(data.runs)),
        _card("articles", data.n_articles),
        _card("facts loaded", total_facts, _origin_note(data.facts_by_origin)),
        _card("open failures", data.failures_by_status.get("open", 0)),
        _card(
            "reviewed",
            sum(n for s, n in data.failures_by_status.items() if s != "open"),
            ", ".join(f"{n} {s}" for s, n in sorted(data.failures_by_status.items()) if s != "open"),
        ),
        "</div>",
        '<h2 id="per-day">Facts loaded and rejected per day</h2>',
        chart_svg(data.per_day),
        '<h2 id="runs">Runs</h2>',
        _runs_table(data.runs),
        f'<h2 id="open">Open failures ({len(data.open)})</h2>',
        *(_failure(f) for f in data.open),
        "" if data.open else "<p>Nothing is waiting for review.</p>",
    ]
    if data.decisions:
        parts += ['<h2 id="decisions">Recent review decisions</h2>', _decisions_table(data.decisions)]
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _card(label: str, n: int, note: str = "") -> str:
    small = f'<div class="meta">{html.escape(note)}</div>' if note else ""
    return f'<div class="card"><b>{n}</b>{html.escape(label)}{small}</div>'


def _origin_note(by_origin: dict[str, int]) -> str:
    reviewed = {k: v for k, v in by_origin.items() if k != "extracted"}
    return ", ".join(f"{v} {k} in review" for k, v in reviewed.items())


def _runs_table(runs: list[RunRow]) -> str:
    if not runs:
        return "<p>No runs yet.</p>"
    head = (
        "<tr><th>run</th><th>started (UTC)</th><th>status</th><th>articles read</th><th>new</th>"
        "<th>unreadable</th><th>facts loaded</th><th>facts quarantined</th><th>failures per check</th></tr>"
    )
    rows = []
    for r in reversed(runs):  # newest first
        checks = "<br>".join(
            f'<span class="check">{html.escape(c)}</span>: {n}' for c, n in r.by_check.items()
        )
        started = f"{r.started_at:%Y-%m-%d %H:%M}" if r.started_at else ""
        rows.append(
            f'<tr><td><code title="{html.escape(r.run_id)}">{html.escape(r.run_id[:8])}</code></td>'
            f"<td>{started}</td><td>{html.escape(r.status)}</td>"
            f'<td class="n">{r.articles_read}</td><td class="n">{r.articles_new}</td>'
            f'<td class="n">{r.articles_failed}</td><td class="n">{r.facts_loaded}</td>'
            f'<td class="n">{r.facts_quarantined}</td><td>{checks or "—"}</td></tr>'
        )
    return f"<table>{head}{''.join(rows)}</table>"


def _failure(f: dict[str, Any]) -> str:
    e = html.escape
    fact = f["fact"]
    where = ", ".join(str(x) for x in (fact.get("event_date"), fact.get("location")) if x)
    summary = f"{fact['metric']} {fact['value']} {fact.get('actor') or '?'} → {fact.get('target') or '?'}"
    if where:
        summary += f" ({where})"
    if fact.get("origin") == "corrected":
        summary += " · corrected by a reviewer, still failing"
    return (
        f'<div class="failure" id="f-{e(f["id"])}">'
        f'<div><span class="check">{e(f["check"])}</span> · <span class="id">{e(f["id"])}</span></div>'
        f"<div><b>{e(f['message'])}</b></div>"
        f"<div>{e(f.get('title') or f.get('source') or f['article_id'])}</div>"
        f"<blockquote>{evidence_html(fact['evidence'], fact['value'], fact.get('value_max'))}</blockquote>"
        f'<div class="meta">fact: {e(summary)}'
        f" · review: <code>newsfacts review {e(f['id'])} --accept|--reject|--correct field=value</code></div>"
        "</div>"
    )


def _decisions_table(decisions: list[dict[str, Any]]) -> str:
    e = html.escape
    rows = "".join(
        f"<tr><td>{d['decided_at']:%Y-%m-%d %H:%M}</td><td>{e(d['decided_by'])}</td><td>{e(d['action'])}</td>"
        f"<td>{e(d['outcome'])}</td><td><code>{e(d['quarantine_id'])}</code></td><td>{e(d['check'] or '')}</td>"
        f"<td>{e(d['changes'] or '')}</td><td>{e(d['note'] or '')}</td></tr>"
        for d in decisions
    )
    return (
        "<table><tr><th>when (UTC)</th><th>who</th><th>action</th><th>outcome</th><th>failure</th>"
        f"<th>check</th><th>changes</th><th>note</th></tr>{rows}</table>"
    )


def chart_svg(per_day: list[tuple[dt.date, int, int]], width: int = 960, height: int = 260) -> str:
    """Grouped bars per day, loaded (green) and rejected by validation (red), as inline SVG."""
    if not per_day:
        return "<p>No facts yet.</p>"
    left, right, top, bottom = 48, 12, 16, 46
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(max(n_loaded, n_held) for _, n_loaded, n_held in per_day) or 1
    step = _nice_step(peak)
    y_max = step * -(-peak // step)
    slot = plot_w / len(per_day)
    bar = max(1.0, min(28.0, slot * 0.38))
    label_every = max(1, int(len(per_day) / (plot_w / 70)) + 1)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="facts loaded and rejected per day" font-family="system-ui,sans-serif" font-size="11">'
    ]
    for tick in range(0, y_max + 1, step):
        y = top + plot_h - plot_h * tick / y_max
        out.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e3e6e8"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#5b6670">{tick}</text>'
        )
    for k, (day, n_loaded, n_held) in enumerate(per_day):
        x0 = left + slot * k + slot / 2 - bar
        for j, (n, colour, what) in enumerate(
            ((n_loaded, LOADED_COLOUR, "loaded"), (n_held, REJECTED_COLOUR, "rejected"))
        ):
            h = plot_h * n / y_max
            out.append(
                f'<rect class="{what}" x="{x0 + j * bar:.1f}" y="{top + plot_h - h:.1f}" width="{bar:.1f}" '
                f'height="{h:.1f}" fill="{colour}"><title>{day.isoformat()}: {n} {what}</title></rect>'
            )
        if k % label_every == 0:
            out.append(
                f'<text x="{left + slot * k + slot / 2:.1f}" y="{top + plot_h + 16}" text-anchor="middle" '
                f'fill="#5b6670">{day.isoformat()}</text>'
            )
    out.append(
        f'<line x1="{left}" x2="{width - right}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#8a949c"/>'
        f'<rect x="{left}" y="{height - 16}" width="10" height="10" fill="{LOADED_COLOUR}"/>'
        f'<text x="{left + 14}" y="{height - 7}">loaded into facts</text>'
        f'<rect x="{left + 130}" y="{height - 16}" width="10" height="10" fill="{REJECTED_COLOUR}"/>'
        f'<text x="{left + 144}" y="{height - 7}">rejected by validation (quarantined)</text>'
        "</svg>"
    )
    return "".join(out)


def _nice_step(peak: int) -> int:
    """A round tick step giving about four to eight gridlines up to `peak`."""
    step = 1
    while peak / step > 8:
        for m in (2, 5, 10):
            if peak / (step * m) <= 8:
                return step * m
        step *= 10
    return step
