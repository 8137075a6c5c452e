"""`newsfacts server start|status|stop`: the local Prefect server that `run` and `serve` share
(flows/prefect_server.py). A run starts it when none answers; these commands are for seeing
where it is and for ending it."""

from __future__ import annotations

import typer

from ingest.cli.terminal import err, fail, out

server_app = typer.Typer(
    help="The local Prefect server that runs share: start it, see where it is, stop it.",
    no_args_is_help=True,
)


def _say(message: str) -> None:
    err.print(message, highlight=False, style="dim")


@server_app.command()
def start() -> None:
    """Start the local Prefect server in the background, unless it is running already."""
    from flows import prefect_server as servers
    from ingest.errors import NewsfactsError

    home = servers.prefect_home()
    try:
        server = servers.ensure(home, _say)
    except NewsfactsError as e:
        fail(str(e))
    out.print(f"the Prefect server is running on {server.ui_url} (pid {server.pid}, home {home})", highlight=False)


@server_app.command()
def status() -> None:
    """Where the local Prefect server is, if it runs (exit code 1 if it does not)."""
    from flows import prefect_server as servers

    home = servers.prefect_home()
    server = servers.running(home)
    if server is None:
        out.print(f"no Prefect server of newsfacts is running (home {home})", highlight=False)
        raise typer.Exit(1)
    out.print(f"the Prefect server is running on {server.ui_url} (pid {server.pid}, home {home})", highlight=False)
    calls = servers.ui_api_url(server.ui_url)
    if calls != server.api_url:  # a server started by hand or by an older newsfacts
        err.print(
            f"warning: its UI calls the API at {calls or 'an address it does not say'}, not {server.api_url}: "
            "`newsfacts server stop` and start it again",
            highlight=False,
        )


@server_app.command()
def stop() -> None:
    """Stop the local Prefect server; the next run starts it again."""
    from flows import prefect_server as servers
    from ingest.errors import NewsfactsError

    home = servers.prefect_home()
    try:
        stopped = servers.stop(home)
    except NewsfactsError as e:
        fail(str(e))
    if stopped is None:
        out.print("no Prefect server of newsfacts was running", highlight=False)
    else:
        out.print(f"stopped the Prefect server on {stopped.ui_url} (pid {stopped.pid})", highlight=False)


def register(app: typer.Typer) -> None:
    app.add_typer(server_app, name="server")
