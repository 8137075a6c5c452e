"""`newsfacts review`, `report` and `review-server`: deciding on validation failures, and showing
them to people. The work is in `ingest.review.decisions`, `ingest.review.report` and `ingest.review.server`."""

from __future__ import annotations

import getpass
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ingest.cli.terminal import DbOption, err, fail, out, settings_from

if TYPE_CHECKING:
    import duckdb

ByOption = Annotated[str | None, typer.Option("--by", help="who decides [default: your OS user name]")]


def os_user() -> str:
    """The OS user's name: the reviewer when --by is not given."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry and no LOGNAME/USER (some containers)
        return os.environ.get("USER") or "unknown"


def refresh_events(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    """Rebuild the events in a decision's transaction, so that a fact it loaded joins its event,
    `event_facts` and the daily views at once."""
    from ingest.load.events import rebuild_events

    rebuild_events(con, run_id)


def review(
    failure_id: Annotated[str, typer.Argument(help="the failure's id (or a unique start of it)")],
    changes: Annotated[
        list[str] | None,
        typer.Argument(help="with --correct: the fields to change, e.g. value=42"),
    ] = None,
    accept: Annotated[bool, typer.Option("--accept", help="the fact was right: load it as is")] = False,
    reject: Annotated[
        bool, typer.Option("--reject", help="the fact was wrong: keep it out (until reopened)")
    ] = False,
    correct: Annotated[
        bool, typer.Option("--correct", help="fix it with FIELD=VALUE...; re-validated before it loads")
    ] = False,
    reopen: Annotated[
        bool,
        typer.Option("--reopen", help="undo the decision on it and put it back in the queue (history kept)"),
    ] = False,
    note: Annotated[str | None, typer.Option("--note", help="why, for whoever looks next")] = None,
    by: ByOption = None,
    db: DbOption = None,
) -> None:
    """Decide on a validation failure: accept, reject or correct the fact, or reopen a decision."""
    from ingest.errors import NewsfactsError
    from ingest.review import decisions, forms
    from ingest.review.reopen import reopen as reopen_decision

    options = (("accept", accept), ("reject", reject), ("correct", correct), ("reopen", reopen))
    chosen = [name for name, on in options if on]
    if len(chosen) != 1:
        fail("say what to do: exactly one of --accept, --reject, --correct FIELD=VALUE... or --reopen", 2)
    action = chosen[0]
    if changes and action != "correct":
        fail(f"FIELD=VALUE changes go with --correct, not --{action}", 2)
    if action == "reopen":
        try:
            reopened = reopen_decision(
                settings_from(db).db, failure_id, by or os_user(), note, after=refresh_events
            )
        except NewsfactsError as e:
            fail(str(e))
        out.print(reopened.summary(), highlight=False)
        return
    try:
        parsed = forms.parse_changes(changes or [])
        decision = decisions.decide(
            settings_from(db).db, failure_id, action, by or os_user(), note, parsed, after=refresh_events
        )
    except NewsfactsError as e:
        fail(str(e))
    out.print(decision.summary(), highlight=False)


def report(
    out_path: Annotated[Path, typer.Option("--out", help="the HTML file to write")] = Path("report.html"),
    db: DbOption = None,
) -> None:
    """Write a validation report for people: one self-contained HTML file."""
    from ingest.errors import NewsfactsError
    from ingest.review.report import write_report

    try:
        data = write_report(settings_from(db).db, out_path)
    except NewsfactsError as e:
        fail(str(e))
    except OSError as e:
        fail(f"cannot write {out_path}: {e.strerror or e}")
    n_open = len(data.open)
    out.print(
        f"wrote {out_path}: {len(data.runs)} run{'s' if len(data.runs) != 1 else ''}, "
        f"{n_open} open failure{'s' if n_open != 1 else ''}",
        highlight=False,
    )


def review_server(
    port: Annotated[int, typer.Option(help="port to listen on", min=0, max=65535)] = 8765,
    host: Annotated[
        str, typer.Option(help="address to bind; keep it local, the page has no login")
    ] = "127.0.0.1",
    by: ByOption = None,
    db: DbOption = None,
) -> None:
    """Serve a local review page for the open failures (Ctrl-C to stop)."""
    from ingest.review.server import make_review_server

    settings = settings_from(db)
    if not settings.db.exists():
        fail(f"no warehouse at {settings.db}: run `newsfacts run PATH` first, or pass --db FILE")
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"warning: {host} is not a loopback address; anyone who can reach it can make decisions")
    try:
        server = make_review_server(settings.db, by or os_user(), host, port, after=refresh_events)
    except OSError as e:
        fail(f"cannot listen on {host}:{port}: {e.strerror or e}")
    bound = server.server_address[1]
    shown = f"[{host}]" if ":" in host else host
    out.print(
        f"review page: http://{shown}:{bound}/  (warehouse {settings.db}; Ctrl-C to stop)", highlight=False
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


decisions_app = typer.Typer(
    help="Review decisions as a file: export them, import them into another warehouse.",
    no_args_is_help=True,
)


@decisions_app.command("export")
def export_decisions(
    path: Annotated[Path, typer.Argument(help="the JSON lines file to write")],
    db: DbOption = None,
) -> None:
    """Write every decision (oldest first, with the fact it was about) to a file."""
    from ingest.errors import NewsfactsError
    from ingest.review.carry import export_decisions as export

    try:
        n = export(settings_from(db).db, path)
    except NewsfactsError as e:
        fail(str(e))
    except OSError as e:
        fail(f"cannot write {path}: {e.strerror or e}")
    out.print(f"wrote {path}: {n} decision{'s' if n != 1 else ''}", highlight=False)


@decisions_app.command("import")
def import_decisions(
    path: Annotated[Path, typer.Argument(help="a file written by `newsfacts decisions export`")],
    db: DbOption = None,
) -> None:
    """Make the decisions of a file again on this warehouse: each on its failure, or on the open
    failure of the same fact (metric, value, parties, evidence) when the text changed."""
    from ingest.errors import NewsfactsError
    from ingest.review.carry import import_decisions as replay

    try:
        done = replay(settings_from(db).db, path, after=refresh_events)
    except NewsfactsError as e:
        fail(str(e))
    line = f"imported {len(done.applied)} decision{'s' if len(done.applied) != 1 else ''}"
    line += f", {len(done.present)} already there" if done.present else ""
    line += f", {len(done.unmatched)} with no open failure of their fact" if done.unmatched else ""
    out.print(line, highlight=False)


def register(app: typer.Typer) -> None:
    app.add_typer(decisions_app, name="decisions")
    app.command(name="review")(review)
    app.command(name="report")(report)
    app.command(name="review-server")(review_server)
