"""A run the user waits for sends no Prefect heartbeats (flows/environment.py): Prefect joins its
heartbeat thread, which sleeps in one-second steps, at the end of every flow (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest
from prefect.settings import get_current_settings
from support import rows, write

from flows.environment import without_flow_heartbeats
from flows.ingest_flow import ingest

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_api")]


def test_the_flow_runs_without_heartbeats_and_the_setting_comes_back_after(tmp_path: Path) -> None:
    before = get_current_settings().flows.heartbeat_frequency
    assert before is not None  # Prefect's default: a heartbeat every 180 s
    write(
        tmp_path / "in",
        "a.txt",
        "Russia launched 40 drones at Odesa overnight, the Ukrainian air force said.",
    )
    with without_flow_heartbeats():
        assert get_current_settings().flows.heartbeat_frequency is None  # what the flow engine reads
        ingest([str(tmp_path / "in")], str(tmp_path / "w.duckdb"), 100)
    assert get_current_settings().flows.heartbeat_frequency == before
    assert rows(tmp_path / "w.duckdb", "select metric, value from facts") == [("drones_launched", 40)]
