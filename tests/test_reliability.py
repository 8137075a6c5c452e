"""Reliable under load, faults and bad input (issue 8), with real processes, real DuckDB files and a
real Prefect server: reads wait for a short write, a run killed with SIGKILL loses nothing, a bad
--db is one sentence, and one run over every kind of bad input still loads every good article.
The long versions (20,000 articles, a kill loop) are `make stress` (docs/reliability.md)."""

from __future__ import annotations

import codecs
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pytest
from newsweb import SCRIPT_TEXT, NewsWeb
from support import rows

from ingest.errors import WarehouseBusy, WarehouseError
from ingest.store.connection import reader, writer
from ingest.store.queries import run_sql

pytestmark = pytest.mark.flow

EXE = Path(sys.executable).parent / "newsfacts"
PLACES = ["Odesa", "Kharkiv", "Dnipro", "Sumy", "Kherson", "Mykolaiv", "Poltava", "Zaporizhzhia"]
TABLES = ("articles", "article_sources", "facts", "quarantine", "read_failures", "files", "events")


def env(api_url: str | None = None, **extra: str) -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    e["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "90"
    if api_url:
        e["PREFECT_API_URL"] = api_url
    return {**e, **extra}


def newsfacts(*args: str, environ: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(EXE), *args], capture_output=True, text=True, env=environ or env(), timeout=300
    )


def one_error_line(done: subprocess.CompletedProcess[str]) -> str:
    """The one sentence a failed command printed on stderr (no traceback, nothing else)."""
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    return lines[0].removeprefix("error: ")


def article(i: int) -> str:
    place = PLACES[i % len(PLACES)]
    return (
        f" date 2025-05-{1 + i % 28:02d} Russia launched {20 + i} drones at the {place} region overnight, "
        f"the Ukrainian air force said. Air defences shot down {10 + i // 2} of them.\n\n"
        f"{1 + i % 5} people were injured in {place}, the regional governor said.\n"
    )


def corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True)
    for i in range(n):
        (folder / f"a{i:04d}.txt").write_text(article(i), encoding="utf-8")
    return folder


def counts(db: Path) -> dict[str, int]:
    with reader(db) as con:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}  # type: ignore[index]


@contextmanager
def held_for_writing(db: Path, seconds: float) -> Iterator[subprocess.Popen[str]]:
    """Another process holds the warehouse read-write for `seconds`, inside a transaction that
    writes a table, then commits (as a run's load does); yields once it holds the file."""
    script = (
        "import duckdb, sys, time\n"
        "con = duckdb.connect(sys.argv[1])\n"
        "con.execute('begin transaction')\n"
        "con.execute('create table written_meanwhile as select 42 as answer')\n"
        "print('held', flush=True)\n"
        "time.sleep(float(sys.argv[2]))\n"
        "con.execute('commit')\n"
        "con.close()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(db), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        yield proc
    finally:
        proc.kill()
        proc.wait()


@pytest.fixture
def wh(db: Path) -> Path:
    with writer(db):
        pass
    return db


# --- reads while a run writes ---------------------------------------------------------------------


def test_a_read_waits_for_a_short_write_and_then_answers(wh: Path) -> None:
    with held_for_writing(wh, 2.0) as holder:
        started = time.monotonic()
        frame = run_sql(wh, "select answer from written_meanwhile")
        waited = time.monotonic() - started
        assert holder.wait(10) == 0

    assert frame.to_dicts() == [{"answer": 42}]  # it read what the write committed
    assert waited > 1.0  # it waited for the writer, it did not fail


def test_a_read_that_cannot_wait_longer_says_the_warehouse_is_busy_in_one_sentence(wh: Path) -> None:
    with held_for_writing(wh, 60.0) as holder:
        busy = (
            f"the warehouse {wh} is busy (process {holder.pid} has it open, most likely another newsfacts "
            "run writing to it); try again shortly"
        )
        with pytest.raises(WarehouseBusy) as caught:
            run_sql(wh, "select count(*) from facts", wait_s=0.5)
        assert str(caught.value) == busy
        quick = env(NEWSFACTS_READ_WAIT="0.5")
        sql = newsfacts("sql", "select count(*) from facts", "--db", str(wh), environ=quick)
        failures = newsfacts("failures", "--db", str(wh), environ=quick)

    assert one_error_line(sql) == busy
    assert one_error_line(failures) == busy


# --- crash safety ---------------------------------------------------------------------------------


def live_in_group(pgid: int) -> list[int]:
    """Processes of a process group that still run (zombies waiting to be reaped do not)."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            pids.append(int(stat.parent.name))
    return pids


def test_a_run_killed_mid_way_leaves_a_consistent_warehouse_and_the_next_run_completes_it(
    prefect_server: str, tmp_path: Path
) -> None:
    articles = corpus(tmp_path / "in", 300)
    db = tmp_path / "wh.duckdb"
    log = tmp_path / "killed.err"
    with open(log, "w") as err:  # small batches: worker processes extract them
        run = subprocess.Popen(
            [str(EXE), "run", str(articles), "--db", str(db), "--batch-size", "20"],
            stdout=subprocess.DEVNULL,
            stderr=err,
            env=env(prefect_server),
            start_new_session=True,  # its own process group, so the kill reaches its workers
        )
    deadline = time.monotonic() + 120
    staging = Path(f"{db}.staging")
    # the first batch is staged: the run is registered and its workers are extracting
    while len(list(staging.glob("*/articles-*.parquet"))) < 2:
        assert run.poll() is None, f"the run ended before it could be killed: {log.read_text()}"
        assert time.monotonic() < deadline, "the run staged nothing within 120 s"
        time.sleep(0.02)
    os.killpg(run.pid, signal.SIGKILL)
    assert run.wait(30) == -signal.SIGKILL
    while live_in_group(run.pid):  # the workers die with it
        assert time.monotonic() < deadline, f"processes outlived the kill: {live_in_group(run.pid)}"
        time.sleep(0.05)

    # the warehouse opens, and nothing of the killed run is in it, nor is it marked completed
    assert rows(db, "select status from runs") == [("running",)]
    assert counts(db)["articles"] == counts(db)["facts"] == 0
    assert rows(db, "select count(*) from facts anti join articles using (article_id)") == [(0,)]
    assert staging.exists()  # it died with its staging area

    resumed = newsfacts("run", str(articles), "--db", str(db), environ=env(prefect_server))
    reference = newsfacts(
        "run", str(articles), "--db", str(tmp_path / "ref.duckdb"), environ=env(prefect_server)
    )
    assert resumed.returncode == 0, resumed.stderr
    assert reference.returncode == 0, reference.stderr

    assert "articles: 300 read, 300 new, 0 unchanged, 0 replaced, 0 failed" in resumed.stdout
    assert counts(db) == counts(tmp_path / "ref.duckdb")
    assert counts(db)["facts"] >= 600
    facts = "select fact_id from facts order by fact_id"
    assert rows(db, facts) == rows(tmp_path / "ref.duckdb", facts)
    (died, completed) = rows(db, "select status, error from runs order by started_at")
    assert died[0] == "died" and "killed or crashed" in str(died[1])
    assert completed == ("completed", None)
    assert not staging.exists()  # the next run cleared what the killed one left


# --- a bad --db -----------------------------------------------------------------------------------


def folder(path: Path) -> None:
    path.mkdir()


def not_duckdb(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))


def another_programs_database(path: Path) -> None:
    con = duckdb.connect(str(path))
    con.execute("create table orders (id integer, total decimal(10, 2))")
    con.close()


def newer_schema(path: Path) -> None:
    with writer(path) as con:
        con.execute("insert into schema_version (version, name) values (999, 'from the future')")


@pytest.mark.parametrize(
    ("make", "sql_says", "run_says"),
    [
        (folder, "is a folder, not a warehouse file", "is a folder, not a warehouse file"),
        (not_duckdb, "is not a DuckDB file, so not a newsfacts warehouse", "is not a DuckDB file"),
        (another_programs_database, "is not a newsfacts warehouse", "newsfacts will not write into it"),
        (newer_schema, "newer than this newsfacts understands", "upgrade newsfacts"),
    ],
    ids=["folder", "not-duckdb", "another-programs-database", "newer-schema"],
)
def test_a_bad_db_is_one_sentence_and_is_left_as_it_was(
    tmp_path: Path, make: object, sql_says: str, run_says: str
) -> None:
    db = tmp_path / "wh.duckdb"
    make(db)  # type: ignore[operator]
    before = sorted(p.name for p in tmp_path.iterdir()), (db.read_bytes() if db.is_file() else b"")
    write_article = tmp_path / "in" / "a.txt"
    write_article.parent.mkdir()
    write_article.write_text(article(1), encoding="utf-8")

    assert sql_says in one_error_line(newsfacts("sql", "select 1", "--db", str(db)))
    assert run_says in one_error_line(newsfacts("run", str(write_article), "--db", str(db)))
    after = (
        sorted(p.name for p in tmp_path.iterdir() if p.name != "in"),
        (db.read_bytes() if db.is_file() else b""),
    )
    assert after == before


def test_a_flow_run_on_a_warehouse_that_can_never_work_fails_at_once_without_retries(
    prefect_api: None, tmp_path: Path
) -> None:
    from flows.ingest_flow import ingest

    (tmp_path / "wh.duckdb").mkdir()
    (tmp_path / "a.txt").write_text(article(1), encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(WarehouseError, match="is a folder, not a warehouse file"):
        ingest([str(tmp_path / "a.txt")], str(tmp_path / "wh.duckdb"))
    assert time.monotonic() - started < 10  # retried, two tasks would take 1 + 2 + 4 s each


def test_a_retried_task_that_fails_with_a_bug_is_not_retried(
    prefect_api: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.ingest_flow import ingest
    from ingest.load import run as loading

    calls: list[str] = []

    def broken(*args: object, **kwargs: object) -> None:
        calls.append("register")
        raise KeyError("path")  # not transient: the next try would fail the same way

    monkeypatch.setattr(loading, "start_run", broken)
    (tmp_path / "a.txt").write_text(article(1), encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(KeyError):
        ingest([str(tmp_path / "a.txt")], str(tmp_path / "wh.duckdb"))
    assert calls == ["register"]  # tried once, not 1 + 3 times
    assert time.monotonic() - started < 10  # no backoff waited


def test_a_retried_task_that_finds_the_warehouse_busy_tries_again(
    prefect_api: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.ingest_flow import ingest
    from ingest.load import run as loading

    real = loading.start_run
    calls: list[str] = []

    def busy_twice(*args: Any, **kwargs: Any) -> Any:
        calls.append("register")
        if len(calls) <= 2:
            raise WarehouseBusy(str(tmp_path / "wh.duckdb"), "Could not set lock on file")
        return real(*args, **kwargs)

    monkeypatch.setattr(loading, "start_run", busy_twice)
    (tmp_path / "a.txt").write_text(article(1), encoding="utf-8")
    summary = ingest([str(tmp_path / "a.txt")], str(tmp_path / "wh.duckdb"))
    assert calls == ["register"] * 3
    assert summary.status == "completed" and summary.counts.articles_new == 1


# --- bad input, nothing else lost -----------------------------------------------------------------


def test_one_run_over_every_kind_of_bad_file_records_each_and_loads_every_good_article(
    prefect_server: str, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    good = {
        "plain.txt": article(0).encode(),
        "bom.txt": codecs.BOM_UTF8 + article(1).encode(),
        "utf16.txt": article(2).encode("utf-16"),  # with its byte order mark, as Windows writes it
    }
    jsonl = [
        json.dumps(
            {"url": "https://example.org/1", "title": "Sumy", "published": "2025-06-01", "text": article(3)}
        ),
        '{"url": "https://example.org/2", "text": "Russia launched',  # cut off
        json.dumps({"url": "https://example.org/4", "text": article(4)}),
        "[1, 2, 3]",
        json.dumps({"url": "https://example.org/6", "title": "No text"}),
        json.dumps({"url": "https://example.org/7", "text": article(5)}),
    ]
    bad = {
        "empty.txt": b"",
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(512),
        "latin1.txt": "Kyiv café hit overnight, officials said.".encode("latin-1"),
        "nul.txt": article(6).encode().replace(b"drones", b"dro\x00nes", 1),
        "utf16-without-bom.txt": article(7).encode("utf-16-le"),
    }
    for name, content in {**good, **bad}.items():
        (folder / name).write_bytes(content)
    (folder / "feed.jsonl").write_text("\n".join(jsonl) + "\n", encoding="utf-8")
    with open(folder / "huge.txt", "wb") as fh:  # 25 MB, over the 20 MB cap (sparse: written at once)
        fh.truncate(25 * 2**20)

    done = newsfacts("run", str(folder), "--db", str(tmp_path / "wh.duckdb"), environ=env(prefect_server))

    assert done.returncode == 0, done.stderr
    db = tmp_path / "wh.duckdb"
    reasons = dict(rows(db, "select source, reason from read_failures"))
    f = str(folder)
    assert reasons == {
        f"{f}/empty.txt": "empty file",
        f"{f}/binary.txt": "binary file (contains NUL bytes), not text",
        f"{f}/latin1.txt": "not UTF-8 text (byte 0xe9 at offset 8)",
        f"{f}/nul.txt": "binary file (contains NUL bytes), not text",
        f"{f}/utf16-without-bom.txt": "UTF-16 text without a byte order mark: save it as UTF-8 (or UTF-16 with a BOM)",
        f"{f}/huge.txt": "file is 25 MB, over the 20 MB limit",
        f"{f}/feed.jsonl#L2": "broken JSON on line 2, column 42: Unterminated string starting at",
        f"{f}/feed.jsonl#L4": "expected a JSON object with a 'text' field, got list",
        f"{f}/feed.jsonl#L5": "the record has no 'text' (or it is empty)",
    }
    for source, reason in reasons.items():
        assert f"failed: {source}: {reason}" in done.stdout
    loaded = {s for (s,) in rows(db, "select source from articles")}
    assert loaded == {f"{f}/{n}" for n in good} | {f"{f}/feed.jsonl#L{n}" for n in (1, 3, 6)}
    assert "articles: 15 read, 6 new, 0 unchanged, 0 replaced, 9 failed" in done.stdout
    # every good article gave its facts: drones launched in each
    assert rows(db, "select count(distinct article_id) from facts where metric = 'drones_launched'") == [(6,)]
    assert rows(db, "select status from runs") == [("completed",)]


def test_one_run_over_a_hostile_web_records_each_bad_url_and_loads_the_good_pages(
    prefect_api: None, news_web: NewsWeb, tmp_path: Path
) -> None:
    from flows.ingest_flow import ingest

    db = tmp_path / "wh.duckdb"
    web = {"timeout_s": 1.0, "deadline_s": 1.5, "retries": 1, "backoff_s": 0.05, "max_page_bytes": 2 * 2**20}
    urls = [news_web.url(p) for p in ("/hostile-feed.xml", "/not-xml-feed.xml", "/broken")]
    summary = ingest(urls, str(db), web=web)

    reasons = dict(rows(db, "select source, reason from read_failures"))
    assert set(reasons) == {
        news_web.url(p) for p in ("/loop/a", "/endless/slow", "/endless/fast", "/not-xml-feed.xml", "/broken")
    }
    assert reasons[news_web.url("/loop/a")] == "too many redirects (more than 20), most likely a loop"
    assert reasons[news_web.url("/broken")] == "HTTP 500 Internal Server Error (after 2 attempts)"
    assert {s for (s,) in rows(db, "select source from articles")} == {
        news_web.url("/scripts.html"),
        news_web.url("/news/prisoner-swap.html"),
    }
    assert summary.counts.facts_loaded >= 3
    assert rows(db, f"select count(*) from articles where text like '%{SCRIPT_TEXT}%'") == [(0,)]
    assert rows(db, "select status from runs") == [("completed",)]
