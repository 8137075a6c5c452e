"""`newsfacts serve`: the sources of a config file, ingested on their schedules until stopped.
The work is in `ingest.run.schedule` (the config) and `flows.serve` (Prefect)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from ingest.cli.terminal import err, fail, out, printable, settings_from


def serve(
    config: Annotated[
        Path, typer.Option("--config", "-c", help="the TOML file naming sources and schedules")
    ] = Path("newsfacts.toml"),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="only warnings, not every run's log")] = False,
) -> None:
    """Ingest the config's sources on their schedules until stopped (Ctrl-C or SIGTERM)."""
    from ingest.errors import NewsfactsError
    from ingest.run.schedule import load_config

    settings = settings_from()
    try:
        cfg = load_config(config, settings.db)
    except NewsfactsError as e:
        fail(str(e), 2)
    from flows import serve as serving
    from flows.environment import prepare_prefect

    for key, value in serving.environment(cfg, quiet).items():
        os.environ.setdefault(key, value)
    prepare_prefect(settings)

    def say(message: str) -> None:
        err.print(message, highlight=False, style="dim")

    try:
        with serving.stop_on_sigterm():
            try:
                with serving.prefect_api(settings, say) as api:
                    deployments = serving.deployments(cfg)
                    ui = api.removesuffix("/api")
                    out.print(
                        Text.assemble(
                            (f"serving {len(cfg.sources)} source{'s' if len(cfg.sources) != 1 else ''}", "bold"),
                            printable(f" into {cfg.db}; Prefect UI: {ui} — Ctrl-C stops"),
                        ),
                        highlight=False,
                    )
                    for s in cfg.sources:
                        out.print(
                            f"  {s.name}: {s.kind} {', '.join(s.targets)}, {s.schedule}", highlight=False
                        )
                    serving.serve_forever(cfg, deployments)
            except KeyboardInterrupt:
                pass
    except NewsfactsError as e:
        fail(str(e))
    except Exception as e:  # a Prefect error we did not foresee: still one sentence
        fail(f"serving stopped: {type(e).__name__}: {' '.join(str(e).split())[:300]}")
    err.print("stopped", style="dim")


def register(app: typer.Typer) -> None:
    app.command()(serve)
