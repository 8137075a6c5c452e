"""The gazetteer kept on disk: a stored index reads back as the one built, a bad or stale file is
built again, and a folder that cannot be written costs only the time."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.extract import gazetteer_cache, places
from ingest.settings import cache_dir


def _rows(gaz: object) -> list[list[tuple[str, str, str, str, str]]]:
    """Every key of each index with every field of its place (`region` is not compared by ==)."""
    return [
        [(k, p.name, p.kind, p.country, p.region) for k, p in getattr(gaz, name).items()]
        for name in ("names", "regions", "skeletons")
    ]


@pytest.fixture(scope="module")
def built() -> places._Gazetteer:
    return places._build_gazetteer()


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Path]:
    """A cache folder of the test's own; the process's index and folder are forgotten after."""
    folder = tmp_path / "cache"
    before = gazetteer_cache.chosen()
    gazetteer_cache.use(folder)
    places._gazetteer.cache_clear()
    yield folder
    gazetteer_cache.use(before)
    places._gazetteer.cache_clear()


def _stored(folder: Path) -> list[Path]:
    return sorted(folder.glob("gazetteer-*.json"))


def test_a_stored_index_reads_back_as_the_one_built(built: places._Gazetteer) -> None:
    back = places._from_plain(json.loads(json.dumps(places._to_plain(built))))
    assert _rows(back) == _rows(built)
    assert back.first_words == built.first_words
    # one place named by many keys is still one object, as built
    kyiv = [p for k, p in back.names.items() if p.name == "Kyiv" and p.kind == "city"]
    assert len(kyiv) > 1 and all(p is kyiv[0] for p in kyiv)


def test_the_first_process_stores_the_index_and_the_next_one_reads_it(
    cache: Path, built: places._Gazetteer
) -> None:
    assert _rows(places._gazetteer()) == _rows(built)
    [stored] = _stored(cache)
    written = stored.stat().st_mtime_ns
    places._gazetteer.cache_clear()
    assert _rows(places._gazetteer()) == _rows(built)
    assert _stored(cache) == [stored] and stored.stat().st_mtime_ns == written


def test_another_process_finds_the_same_places_from_the_stored_index(cache: Path) -> None:
    code = (
        "import os, pathlib; from ingest.extract import gazetteer_cache;"
        "gazetteer_cache.use(pathlib.Path(os.environ['NEWSFACTS_CACHE_DIR']));"
        "from ingest.extract.places import find_places;"
        "print([(m.start, m.end, m.place.name, m.place.region) for m in "
        "find_places('Drones hit Pryluky and the Kharkiv region overnight, and in Kiev')])"
    )
    env = {"NEWSFACTS_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin"}
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert _stored(cache)
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert first.stdout == second.stdout
    assert "'Pryluky', 'Chernihiv Oblast'" in first.stdout and "'Kyiv'" in first.stdout


@pytest.mark.parametrize(
    "content",
    ["{not json", '{"key": "other"}', "[]", '{"places": [[1]], "names": {"kyiv": 7}}', ""],
)
def test_a_bad_stored_file_is_built_again_and_replaced(
    cache: Path, built: places._Gazetteer, content: str
) -> None:
    key = places._inputs_digest()
    cache.mkdir()
    path = cache / f"gazetteer-{key}.json"
    # a file naming the right key but holding a broken index is caught as well
    path.write_text(content.replace('{"places"', f'{{"key": "{key}", "places"'), encoding="utf-8")
    assert _rows(places._gazetteer()) == _rows(built)
    assert json.loads(path.read_text(encoding="utf-8"))["key"] == key


def test_an_index_of_other_inputs_is_replaced(cache: Path) -> None:
    cache.mkdir()
    (cache / "gazetteer-0123456789abcdef0123.json").write_text('{"key": "0123456789abcdef0123"}')
    places._gazetteer()
    assert [p.name for p in _stored(cache)] == [f"gazetteer-{places._inputs_digest()}.json"]


def test_a_folder_that_cannot_be_written_costs_only_the_time(
    tmp_path: Path, built: places._Gazetteer
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    before = gazetteer_cache.chosen()
    gazetteer_cache.use(blocker / "cache")
    places._gazetteer.cache_clear()
    try:
        assert _rows(places._gazetteer()) == _rows(built)
    finally:
        gazetteer_cache.use(before)
        places._gazetteer.cache_clear()
    assert blocker.read_text() == "not a folder"


def test_the_cache_folder_follows_the_environment(tmp_path: Path) -> None:
    assert cache_dir({"NEWSFACTS_CACHE_DIR": str(tmp_path)}) == tmp_path
    assert cache_dir({"NEWSFACTS_CACHE_DIR": "off"}) is None
    assert cache_dir({"NEWSFACTS_CACHE_DIR": " OFF "}) is None
    assert cache_dir({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "newsfacts"
    assert cache_dir({}) == Path.home() / ".cache" / "newsfacts"


def test_a_process_that_chose_no_folder_keeps_nothing(tmp_path: Path) -> None:
    before = gazetteer_cache.chosen()
    gazetteer_cache.use(None)
    places._gazetteer.cache_clear()
    try:
        assert places.lookup("Kiev") is not None
    finally:
        gazetteer_cache.use(before)
        places._gazetteer.cache_clear()
    gazetteer_cache.write("k", {"places": []}, None)  # nowhere to write: nothing happens
    assert gazetteer_cache.read("k", None) is None


def test_the_stored_name_changes_with_the_inputs() -> None:
    assert gazetteer_cache.digest([b"a", b"bc"]) != gazetteer_cache.digest([b"ab", b"c"])
    assert gazetteer_cache.digest([b"x"]) == gazetteer_cache.digest([b"x"])
