"""A run keeps the place gazetteer's index in the cache folder its environment names."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.ingest_flow import ingest
from ingest.extract import gazetteer_cache, places

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_api")]


def test_a_run_keeps_the_place_index_in_the_folder_its_environment_names(
    tmp_path: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("NEWSFACTS_CACHE_DIR", str(folder))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "Russia launched 12 drones at Kharkiv overnight, the air force said on Monday.\n",
        encoding="utf-8",
    )
    before = gazetteer_cache.chosen()
    places._gazetteer.cache_clear()
    try:
        result = ingest([str(tmp_path / "in")], str(db))
    finally:
        gazetteer_cache.use(before)
        places._gazetteer.cache_clear()
    assert result.counts.facts_loaded >= 1
    assert [p.name.startswith("gazetteer-") for p in folder.glob("*.json")] == [True]
