"""The `newsfacts` command: a thin edge over the library. Errors become one sentence and an
exit code; everything else is in the library."""

from __future__ import annotations

import contextlib
import datetime as dt
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from ingest.cli import STARTED_AT, bar
from ingest.cli import query as query_commands
from ingest.cli import review as review_commands
from ingest.cli import runs as runs_commands
from ingest.cli import serve as serve_commands
from ingest.cli import server as server_commands
from ingest.cli.terminal import DbOption, Shown, Status, cell, err, fail, out, print_json, settings_from
from ingest.errors import NewsfactsError
from ingest.run import progress
from ingest.settings import Settings

if TYPE_CHECKING:  # polars and Prefect cost seconds to import: only in the commands that use them
    from ingest.run.result import RunResult  # its counts import the pandera models

app = typer.Typer(
    help="War news in, validated numbers out: extract stated counts from articles into a DuckDB warehouse.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(shown: bool) -> None:
    if shown:
        from importlib.metadata import PackageNotFoundError, version

        try:
            out.print(f"newsfacts {version('newsfacts')}", highlight=False)
        except PackageNotFoundError:  # pragma: no cover - a bare checkout
            out.print("newsfacts (not installed)", highlight=False)
        raise typer.Exit()


@app.callback()
def _top(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="print the version and exit")
    ] = False,
) -> None:
    """War news in, validated numbers out: extract stated counts from articles into a DuckDB warehouse."""


@app.command()
def run(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="article files (.txt, .json, .jsonl), folders of them, or http(s) URLs of RSS/Atom feeds, "
            "article pages and JSONL exports"
        ),
    ],
    db: DbOption = None,
    batch_size: Annotated[int | None, typer.Option(help="articles per extraction task")] = None,
    wait: Annotated[
        float, typer.Option("--wait", min=0, help="seconds to wait while another run, or another program, holds the warehouse")
    ] = Settings.run_wait_s,
    dask: Annotated[
        str | None,
        typer.Option("--dask", help="run extraction on the Dask cluster at this address (tcp://host:8786)"),
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="show Prefect's logs")] = False,
) -> None:
    """Read articles, extract their facts, validate them and load the warehouse (a Prefect flow run)."""
    settings = settings_from(db, batch_size)
    existing = [p for p in paths if Path(p).exists() or p.lower().startswith(("http://", "https://"))]
    if not existing:
        fail(f"no such file or folder: {', '.join(paths)}", 2)
    from ingest.run.preflight import check_warehouse

    try:  # a --db that can never be a warehouse, or one a program keeps open, fails before Prefect starts
        check_warehouse(settings.db, wait, lambda m: err.print(m, highlight=False), settings.storage_version)
    except NewsfactsError as e:
        fail(str(e))
    with _stops_in_one_line():
        summary = _start(paths, settings, wait, dask, verbose)
    _print_summary(summary, settings.db)


def _start(paths: list[str], settings: Settings, wait: float, dask: str | None, verbose: bool) -> RunResult:
    """Connect to Prefect and run the ingest flow, showing its progress."""
    from flows.environment import prepare_prefect, without_flow_heartbeats
    from flows.prefect_server import connect, user_api_url

    def say(message: str) -> None:
        err.print(message, highlight=False, style="dim")

    prepare_prefect(settings, verbose)
    try:  # the shared local server, started once; before Prefect is imported, which reads the URL
        api = connect(settings, say) or user_api_url()
    except NewsfactsError as e:
        fail(str(e))
    # at once, before the seconds Prefect takes to import and start the flow
    say(f"using the Prefect server at {api.removesuffix('/api')}…" if api else "starting Prefect (a temporary server)…")
    from flows.ingest_flow import ingest  # Prefect is slow to import: only when a run needs it

    with bar.shown(err) as listener, without_flow_heartbeats():
        progress.listen(listener)
        try:
            flow = ingest
            if dask:
                from flows.runners import dask_runner

                flow = ingest.with_options(task_runner=dask_runner(dask))
            return flow(paths, str(settings.db), settings.batch_size, wait_s=wait, requested_at=_requested_at())
        except NewsfactsError as e:
            fail(f"the run did not complete: {e}")
        except Exception as e:  # a library error we did not foresee: still one sentence
            fail(f"the run did not complete: {type(e).__name__}: {' '.join(str(e).split())[:300]}")
        finally:
            progress.listen(None)


@contextlib.contextmanager
def _stops_in_one_line() -> Iterator[None]:
    """Ctrl-C or SIGTERM stops the run (ingest.run.interrupt): one line, and the exit code a shell
    gives a process ended by the signal (130, 143). Before the flow starts SIGTERM acts as Ctrl-C."""
    from ingest.run import interrupt

    previous = signal.signal(signal.SIGTERM, interrupt.raise_stopped)
    try:
        yield
    except (interrupt.RunStopped, KeyboardInterrupt) as e:
        signum = e.signum if isinstance(e, interrupt.RunStopped) else signal.SIGINT
        if isinstance(e, interrupt.RunStopped) and e.told:
            interrupt.leave(128 + signum)  # the run has cleaned up and said so: nothing else to wait for
        err.print(f"stopped by {signal.Signals(signum).name} before the run started: nothing was loaded")
        raise typer.Exit(128 + signum) from None
    finally:
        signal.signal(signal.SIGTERM, previous)


def _requested_at() -> dt.datetime:
    """When this command started, as the naive UTC the warehouse keeps."""
    return dt.datetime.fromtimestamp(STARTED_AT, dt.UTC).replace(tzinfo=None)


def _print_summary(r: RunResult, db: Path) -> None:
    c, p = r.counts, r.pages
    out.print(Text.assemble((f"run {r.run_id}", "bold"), f" → {db}"), highlight=False)
    out.print(
        f"articles: {c.articles_read} read, {c.articles_new} new, {c.articles_unchanged} unchanged, "
        f"{c.articles_changed} replaced, {c.articles_failed} failed",
        highlight=False,
    )
    for source, reason in c.failures:
        out.print(f"  failed: {source}: {reason}", highlight=False)
    if p.any():
        out.print(
            f"pages: {p.fetched} fetched, {p.not_modified} not modified, "
            f"{p.known} already in the warehouse (not fetched)",
            highlight=False,
        )
    out.print(f"facts loaded: {c.facts_loaded}", highlight=False)
    out.print(f"facts quarantined: {c.facts_quarantined}", highlight=False)
    for check, n in c.quarantined_by_check.items():
        out.print(f"  {check}: {n}", highlight=False)
    if c.events_held_by_check:  # checks across the articles of one event, after the load
        out.print(f"event checks held: {sum(c.events_held_by_check.values())}", highlight=False)
        for check, n in c.events_held_by_check.items():
            out.print(f"  {check}: {n}", highlight=False)
    if c.facts_quarantined or c.events_held_by_check:
        out.print("review them with: newsfacts failures", highlight=False)


@app.command()
def failures(
    db: DbOption = None,
    fmt: Annotated[Shown, typer.Option("--format", help="how to print them")] = Shown.table,
    status: Annotated[Status, typer.Option(help="only failures with this review status")] = Status.open,
    check: Annotated[str | None, typer.Option(help="only failures of this check")] = None,
) -> None:
    """What validation rejected, and why."""
    from ingest.store.queries import open_failures
    from schemas.facts import CHECKS

    # column checks ("column:check") and the events rebuild's ("event_...") are named as they failed
    if check is not None and check not in CHECKS and ":" not in check and not check.startswith("event_"):
        fail(f"unknown check '{check}': use one of {', '.join(CHECKS)}", 2)
    settings = settings_from(db)
    try:
        rows = open_failures(settings.db, status.value, check, settings.read_wait_s)
    except NewsfactsError as e:
        fail(str(e))
    if fmt == "json":
        print_json(rows)
        return
    if not rows:
        out.print(f"no {status if status != 'all' else ''} failures".replace("  ", " "))
        return
    for r in rows:
        f = r["fact"]
        where = ", ".join(str(x) for x in (f.get("event_date"), f.get("location")) if x)
        out.print(
            Text.assemble((r["id"], "bold"), "  ", (cell(r["check"]).plain, "yellow"), f"  ({r['status']})"),
            highlight=False,
        )
        out.print(f"  {r['message']}", highlight=False)
        out.print(
            f"  fact: {f['metric']} {f['value']} {f.get('actor') or '?'} → {f.get('target') or '?'}"
            + (f" ({where})" if where else ""),
            highlight=False,
        )
        if f.get("reports"):  # an event's value: every number the check compared, where each was read
            for rep in f["reports"]:
                out.print(f"  {rep['metric']} {rep['value']} from: {rep['article']}", highlight=False)
                out.print(f"    “{rep['evidence']}”", highlight=False, style="dim")
        else:
            out.print(f"  from: {r['title'] or r['source'] or r['article_id']}", highlight=False)
            out.print(f"  “{f['evidence']}”", highlight=False, style="dim")
        if r.get("decision"):
            d = r["decision"]
            out.print(f"  decided: {d['action']} by {d['decided_by']} at {d['decided_at']}", highlight=False)
            if d["note"]:
                out.print(f"  note: {d['note']}", highlight=False)
    shown = "" if status == "all" else f"{status} "
    out.print(f"{len(rows)} {shown}failure{'s' if len(rows) != 1 else ''}", style="dim")


for _commands in (query_commands, review_commands, runs_commands, serve_commands, server_commands):
    _commands.register(app)


def main() -> None:
    app()
