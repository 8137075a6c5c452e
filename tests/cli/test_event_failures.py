"""An event-level failure as a reviewer meets it after a real run of several articles: it names
the article that states the failing number, and every number it compared with its own sentence
and article."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from support import write

EXE = Path(sys.executable).parent / "newsfacts"
LAUNCHED = " date 2025-06-02 Russia launched 40 drones at the Odesa region overnight, the Ukrainian air force said.\n"
DOWNED = (
    " date 2025-06-02 Ukrainian air defences shot down 55 Russian drones over the Odesa region overnight,"
    " the air force said.\n"
)
QUIET = "Kyiv, 2 June 2025. The city council met on Monday to discuss the budget for the new school year.\n"


def newsfacts(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(EXE), *args], capture_output=True, text=True, timeout=300)


@pytest.mark.flow
def test_an_event_failure_names_the_articles_and_sentences_of_the_numbers_it_compared(tmp_path: Path) -> None:
    # the first article by name is one with no numbers, so "the event's first article" is no answer
    write(tmp_path / "in", "a-council.txt", QUIET)
    write(tmp_path / "in", "b-launched.txt", LAUNCHED)
    write(tmp_path / "in", "c-downed.txt", DOWNED)
    db = str(tmp_path / "wh.duckdb")
    done = newsfacts("run", str(tmp_path / "in"), "--db", db)
    assert done.returncode == 0, done.stderr
    # a line at once says where Prefect is; the summary counts the event checks' holds too
    assert done.stderr.splitlines()[0].startswith(("using the Prefect server at ", "starting Prefect")), (
        done.stderr
    )
    assert "event checks held: 1\n  event_drones_intercepted_within_launched: 1\n" in done.stdout
    assert done.stdout.rstrip().endswith("review them with: newsfacts failures")

    texts = {
        r["article_id"]: (r["source"], r["text"])
        for r in json.loads(
            newsfacts(
                "sql", "select article_id, source, text from articles", "--db", db, "--format", "json"
            ).stdout
        )
    }
    (failure,) = json.loads(newsfacts("failures", "--db", db, "--format", "json").stdout)
    assert failure["check"] == "event_drones_intercepted_within_launched"
    fact = failure["fact"]
    # the row's article is the one whose sentence states the failing number
    assert failure["source"].endswith("c-downed.txt")
    assert fact["evidence"] in texts[failure["article_id"]][1]
    assert isinstance(fact["n_reports"], int) and fact["n_reports"] == 1
    # every number compared comes with its article, and that article contains its sentence
    reports = fact["reports"]
    assert [(r["metric"], r["value"]) for r in reports] == [
        ("drones_intercepted", 55),
        ("drones_launched", 40),
    ]
    for r in reports:
        source, text = texts[r["article_id"]]
        assert r["evidence"] in text and r["article"] == source
    assert [Path(texts[r["article_id"]][0]).name for r in reports] == ["c-downed.txt", "b-launched.txt"]

    table = newsfacts("failures", "--db", db).stdout
    for r in reports:
        assert f"{r['metric']} {r['value']} from: {r['article']}" in table
        assert r["evidence"] in table
