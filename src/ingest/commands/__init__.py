"""More `newsfacts` commands, one module per topic. Each module defines `register(app)`, which
adds its commands to the Typer app; `ingest.cli` registers every module found here. Import
heavy libraries inside the command functions, so `newsfacts --help` stays fast."""

from __future__ import annotations

import importlib
import pkgutil

import typer


def register_all(app: typer.Typer) -> None:
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        importlib.import_module(f"{__name__}.{module.name}").register(app)
