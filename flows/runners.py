"""Where a run's batches execute: worker processes on this machine (the default), or an existing
Dask cluster (`--dask ADDRESS`), whose workers must see the same files and warehouse folder."""

from __future__ import annotations

from typing import Any


def dask_runner(address: str) -> Any:
    """A Prefect task runner that sends the batches to the Dask scheduler at `address`."""
    from prefect_dask import DaskTaskRunner

    return DaskTaskRunner(address=address)
