"""The `newsfacts serve` config: a working example, and each mistake reported as one sentence
naming the file, the source and the key."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from ingest.run.schedule import ConfigError, load_config

ROOT = Path(__file__).resolve().parents[2]


def config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "newsfacts.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_the_example_config_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "newsfacts.toml"
    shutil.copy(ROOT / "newsfacts.example.toml", path)
    cfg = load_config(path)

    assert cfg.db == tmp_path / "newsfacts.duckdb"
    inbox, wire = cfg.sources
    assert (inbox.name, inbox.kind, inbox.targets, inbox.interval_s) == (
        "inbox",
        "folder",
        (str(tmp_path / "inbox"),),
        30,
    )
    assert inbox.move_processed and inbox.move_rejected
    assert (tmp_path / "inbox").is_dir()  # "inbox/" is created
    assert (wire.kind, wire.cron, wire.wait_s) == ("feed", "*/15 * * * *", 120)
    assert cfg.web["max_page_bytes"] == 5 * 2**20 and cfg.web["timeout_s"] == 10


def test_a_source_becomes_the_flow_parameters_of_its_runs(tmp_path: Path) -> None:
    cfg = load_config(
        config(
            tmp_path,
            """
            [[sources]]
            name = "wire"
            feed = "https://example.org/rss.xml"
            interval = "1h30m"
            """,
        ),
        default_db=tmp_path / "wh.duckdb",
    )
    (wire,) = cfg.sources
    assert wire.interval_s == 5400 and wire.schedule == "every 90m"
    params = wire.parameters(cfg.db, cfg.batch_size, cfg.web)
    assert params["paths"] == ["https://example.org/rss.xml"]
    assert params["expect"] == {"https://example.org/rss.xml": "feed"}
    assert params["source"] == "wire" and params["skip_if_busy"] is True
    assert params["wait_s"] == 600  # until the next run is due, at most 10 minutes
    assert params["db"] == str(tmp_path / "wh.duckdb")


BAD = {
    "unknown key": (
        '[[sources]]\nname = "inbox"\npath = "."\ninterval = "5s"\nintervall = "5s"\n',
        "source 'inbox': unknown key 'intervall' (expected one of: path, feed, url, urls, jsonl, name, "
        "interval, cron, wait, move_processed, move_rejected)",
    ),
    "no name": ('[[sources]]\npath = "."\ninterval = "5s"\n', "source #1: key 'name' is missing"),
    "two schedules": (
        '[[sources]]\nname = "inbox"\npath = "."\ninterval = "5s"\ncron = "* * * * *"\n',
        "source 'inbox': give exactly one of the keys 'interval'",
    ),
    "no schedule": (
        '[[sources]]\nname = "inbox"\npath = "."\n',
        "source 'inbox': give exactly one of the keys 'interval'",
    ),
    "bad interval": (
        '[[sources]]\nname = "inbox"\npath = "."\ninterval = "5 parsecs"\n',
        "source 'inbox': key 'interval' must be a duration such as \"5s\", \"15m\" or \"1h\", got '5 parsecs'",
    ),
    "bad cron": (
        '[[sources]]\nname = "wire"\nfeed = "https://e.org/rss"\ncron = "every hour"\n',
        "source 'wire': key 'cron' must be a cron expression of five fields",
    ),
    "two targets": (
        '[[sources]]\nname = "x"\npath = "."\nfeed = "https://e.org/rss"\ninterval = "5s"\n',
        "source 'x': give exactly one of the keys path, feed, url, urls, jsonl (it has path and feed)",
    ),
    "feed not a URL": (
        '[[sources]]\nname = "wire"\nfeed = "e.org/rss"\ninterval = "5s"\n',
        "source 'wire': key 'feed' must be an http:// or https:// URL, got 'e.org/rss'",
    ),
    "moves on a feed": (
        '[[sources]]\nname = "wire"\nfeed = "https://e.org/rss"\ninterval = "5s"\nmove_processed = true\n',
        "source 'wire': key 'move_processed' applies only to a folder given as 'path'",
    ),
    "missing path": (
        '[[sources]]\nname = "inbox"\npath = "nowhere"\ninterval = "5s"\n',
        "source 'inbox': key 'path': no such file or folder",
    ),
    "same name twice": (
        '[[sources]]\nname = "a"\npath = "."\ninterval = "5s"\n[[sources]]\nname = "a"\npath = "."\ninterval = "5s"\n',
        "source 'a': key 'name' is used by another source",
    ),
    "no sources": ('[warehouse]\npath = "wh.duckdb"\n', "no [[sources]]"),
    "unknown section": (
        '[warehous]\npath = "wh.duckdb"\n',
        "unknown key 'warehous' (expected one of: warehouse, web, sources)",
    ),
    "bad web key": (
        '[web]\ntimeout = "soon"\n[[sources]]\nname = "a"\npath = "."\ninterval = "5s"\n',
        "[web]: key 'timeout' must be a duration",
    ),
    "not TOML": ('[[sources]\nname = "a"\n', "is not valid TOML"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_config_mistake_is_one_sentence_naming_file_source_and_key(tmp_path: Path, case: str) -> None:
    text, expected = BAD[case]
    path = config(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert message.startswith(str(path))
    assert expected in message
    assert "\n" not in message


def test_a_missing_config_file_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(
        ConfigError, match=r"no config file at .*nothere.toml: copy newsfacts.example.toml there"
    ):
        load_config(tmp_path / "nothere.toml")
