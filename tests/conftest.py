"""Shared fixtures: a real Prefect API for flow tests, temp warehouses, our own articles."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from ingest.settings import PREFECT_DEFAULTS

# no per-example deadline: CI machines are shared and slow at times; the properties stay the same
settings.register_profile("newsfacts", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("newsfacts")

for _key, _value in {
    **PREFECT_DEFAULTS,
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PANDERA_VALIDATION_DEPTH": "SCHEMA_AND_DATA",
}.items():
    os.environ.setdefault(_key, _value)
# the place gazetteer is kept on disk between processes (ingest.extract.gazetteer_cache): the
# tests' processes share one throw-away folder, never the user's cache
os.environ.setdefault("NEWSFACTS_CACHE_DIR", tempfile.mkdtemp(prefix="newsfacts-test-cache-"))
# every `newsfacts run` a test starts gets a throw-away Prefect server, never the background one
# a user's runs share (that one outlives the command); tests of it set their own home and stop it
os.environ["NEWSFACTS_PREFECT_SERVER"] = "temporary"

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def prefect_api() -> Iterator[None]:
    """A temporary Prefect server for the whole session (the flow runs for real against it)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def shared() -> Path:
    if not (SHARED / "score.py").exists():
        pytest.skip("../shared is not beside the project")
    return SHARED


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "wh.duckdb"


@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `prefect server start` on a free port of 127.0.0.1 for the whole session (schedules
    need one); yields its API URL, for the processes a test starts (`PREFECT_API_URL`)."""
    from flows.prefect_server import PrefectServer

    with PrefectServer(tmp_path_factory.mktemp("prefect-home")) as server:
        yield server.api_url


@pytest.fixture(scope="module")
def news_web() -> Iterator[object]:
    """A real HTTP server on 127.0.0.1 with a feed, pages and failing pages (tests/_support/newsweb.py)."""
    from newsweb import serve_news

    with serve_news() as web:
        yield web
