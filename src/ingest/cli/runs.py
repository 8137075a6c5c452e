"""`newsfacts runs`: what recent runs read, loaded and rejected, and how they ended."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from ingest.cli.terminal import DbOption, Shown, cell, fail, out, print_json, settings_from


def runs(
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="how many runs, newest first")] = 20,
    source: Annotated[str | None, typer.Option(help="only runs of this configured source")] = None,
    fmt: Annotated[Shown, typer.Option("--format", help="how to print them")] = Shown.table,
) -> None:
    """Recent runs: when, source, counts, status, the flow's time and the time you waited."""
    from ingest.errors import NewsfactsError
    from ingest.store.runlog import recent_runs, source_ticks

    try:
        warehouse = settings_from(db).db
        rows = recent_runs(warehouse, limit, source)
        idle = [t for t in source_ticks(warehouse, source) if t["idle_ticks"]]
    except NewsfactsError as e:
        fail(str(e))
    if fmt == "json":
        print_json(rows)
        return
    if not rows:
        out.print("no runs yet" + (f" of source '{source}'" if source else ""))
    else:
        _table(rows)
    for t in idle:  # scheduled ticks that found nothing new are not runs: counted on their source
        n = t["idle_ticks"]
        out.print(
            f"{t['source']}: {n} scheduled tick{'s' if n != 1 else ''} found nothing new "
            f"(not listed), the last at {t['last_idle_at']} UTC",
            highlight=False,
        )


def _table(rows: list[dict[str, Any]]) -> None:
    web = any(r["pages_fetched"] or r["pages_not_modified"] or r["pages_known"] for r in rows)
    table = Table(show_lines=False)
    columns = [
        "started (UTC)",
        "source",
        "status",
        "took",
        "waited",
        "read",
        "new",
        "failed",
        "facts",
        "held",
    ]
    columns += ["fetched", "304", "known"] if web else []
    for name in [*columns, "note"]:
        wide = name in ("source", "note")
        table.add_column(name, overflow="fold", min_width=16 if wide else None, no_wrap=not wide)
    for r in rows:
        cells = [
            r["started_at"],
            r["source"] or _short(r["sources"], 30),
            r["status"],
            _seconds(r["duration_s"]),
            _seconds(r.get("wall_s")),
            *(str(r[k]) for k in ("articles_read", "articles_new", "articles_failed")),
            *(str(r[k]) for k in ("facts_loaded", "facts_quarantined")),
        ]
        if web:
            cells += [str(r[k]) for k in ("pages_fetched", "pages_not_modified", "pages_known")]
        table.add_row(*[cell(c) for c in cells], cell(_short(r["error"], 60)))
    out.print(table)
    out.print(
        f"{len(rows)} run{'s' if len(rows) != 1 else ''}; took: the flow's own time; "
        "waited: from the command to the load (Prefect's start-up included; none for scheduled runs); "
        "held: facts quarantined"
        + (
            "; fetched / 304 / known: pages downloaded, unchanged since last time, already in the warehouse"
            if web
            else ""
        ),
        style="dim",
    )


def _seconds(value: float | None) -> str:
    return f"{value:.1f} s" if value is not None else ""


def _short(text: str | None, n: int = 40) -> str:
    if not text:
        return ""
    return text if len(text) <= n else text[: n - 1] + "…"


def register(app: typer.Typer) -> None:
    app.command()(runs)
