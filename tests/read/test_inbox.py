"""Inbox folders: files are claimed into processed/, rejected ones go to rejected/ with their
reasons, a failed run puts the files back, and a claim left by a run that died is returned to
the inbox by the next run."""

from __future__ import annotations

from pathlib import Path

import polars as pl
from support import write

from ingest.read import inbox


def test_claiming_moves_new_files_into_processed_and_leaves_its_own_folders_alone(tmp_path: Path) -> None:
    box = tmp_path / "inbox"
    write(box, "a.txt", "one")
    write(box / "sub", "b.json", "{}")
    write(box / "processed", "old.txt", "done before")
    write(box / "rejected", "bad.txt", "")
    write(box, ".partial.txt", "still being written")

    claims = inbox.claim([str(box)], move_processed=True)

    assert sorted(Path(c.path).relative_to(box).as_posix() for c in claims) == [
        "processed/a.txt",
        "processed/sub/b.json",
    ]
    assert not (box / "a.txt").exists() and (box / ".partial.txt").exists()


def test_a_file_dropped_again_under_the_same_name_gets_a_name_of_its_own(tmp_path: Path) -> None:
    box = tmp_path / "inbox"
    write(box / "processed", "report.txt", "yesterday's report")
    write(box, "report.txt", "today's report")
    (claim,) = inbox.claim([str(box)], move_processed=True)
    assert Path(claim.path) == box / "processed" / "report-2.txt"
    assert (box / "processed" / "report.txt").read_text() == "yesterday's report"


def test_a_failed_run_puts_the_files_back(tmp_path: Path) -> None:
    box = tmp_path / "inbox"
    write(box, "a.txt", "one")
    inbox.claim([str(box)], move_processed=True, run_id="r1")
    inbox.unclaim([str(box)], run_id="r1")
    assert (box / "a.txt").read_text() == "one"
    assert not (box / "processed" / "a.txt").exists()
    assert not list((box / "processed").glob(".claims-*"))


def test_a_claim_left_by_a_run_that_died_goes_back_to_the_inbox_before_the_next_run_claims(
    tmp_path: Path,
) -> None:
    box = tmp_path / "inbox"
    write(box, "a.txt", "one")
    write(box / "sub", "b.txt", "two")
    write(box / "processed", "old.txt", "loaded yesterday")
    inbox.claim([str(box)], move_processed=True, run_id="dead")  # then the run is killed
    assert not (box / "a.txt").exists()
    write(box, "c.txt", "dropped while it ran")

    claims = inbox.claim([str(box)], move_processed=True, run_id="next")

    assert sorted(Path(c.original).relative_to(box).as_posix() for c in claims) == [
        "a.txt",
        "c.txt",
        "sub/b.txt",
    ]
    assert sorted(Path(c.path).relative_to(box).as_posix() for c in claims) == [
        "processed/a.txt",
        "processed/c.txt",
        "processed/sub/b.txt",
    ]
    assert (box / "processed" / "old.txt").read_text() == "loaded yesterday"  # committed: never returned
    assert [j.name for j in (box / "processed").glob(".claims-*")] == [".claims-next.jsonl"]
    inbox.confirm([str(box)], run_id="next")  # the next run committed: its files stay processed
    assert not list((box / "processed").glob(".claims-*"))
    assert inbox.claim([str(box)], move_processed=True, run_id="third") == []
    assert (box / "processed" / "a.txt").read_text() == "one"


def test_a_claim_left_by_a_run_that_committed_stays_processed(tmp_path: Path) -> None:
    box = tmp_path / "inbox"
    write(box, "a.txt", "one")
    inbox.claim([str(box)], move_processed=True, run_id="loaded")  # killed after its commit
    write(box, "b.txt", "two")

    claims = inbox.claim([str(box)], True, "next", committed=lambda run_id: run_id == "loaded")

    assert [Path(c.original).name for c in claims] == ["b.txt"]
    assert (box / "processed" / "a.txt").read_text() == "one" and not (box / "a.txt").exists()
    assert [j.name for j in (box / "processed").glob(".claims-*")] == [".claims-next.jsonl"]


def test_a_returned_claim_whose_name_was_taken_meanwhile_keeps_both_files(tmp_path: Path) -> None:
    box = tmp_path / "inbox"
    write(box, "a.txt", "first")
    inbox.claim([str(box)], move_processed=True, run_id="dead")
    write(box, "a.txt", "second, dropped under the same name")
    inbox.unclaim([str(box)], run_id="dead")
    assert sorted(f.read_text() for f in box.glob("*.txt")) == [
        "first",
        "second, dropped under the same name",
    ]


def test_a_file_that_gave_no_article_goes_to_rejected_with_its_reasons(tmp_path: Path) -> None:
    box = tmp_path / "inbox"
    write(box, "good.jsonl", "x")
    write(box, "bad.jsonl", "x")
    write(box, "empty.txt", "x")
    claims = inbox.claim([str(box)], move_processed=True)
    p = {Path(c.path).name: c.path for c in claims}
    pl.DataFrame(
        {
            "source": [
                f"{p['good.jsonl']}#L2",
                f"{p['bad.jsonl']}#L1",
                f"{p['bad.jsonl']}#L2",
                p["empty.txt"],
            ],
            "reason": [
                "broken JSON on line 2",
                "broken JSON on line 1",
                "broken JSON on line 2",
                "empty file",
            ],
        }
    ).write_parquet(tmp_path / "failures-1.parquet")
    pl.DataFrame(
        {"source": [f"{p['good.jsonl']}#L1"], "file": [p["good.jsonl"]], "article_id": ["a"]}
    ).write_parquet(tmp_path / "sources-1.parquet")

    rejected = inbox.unreadable([str(tmp_path / "failures-1.parquet")], [str(tmp_path / "sources-1.parquet")])
    moved = inbox.settle(claims, rejected)

    assert sorted(Path(to).name for _, to in moved) == ["bad.jsonl", "empty.txt"]
    assert (box / "processed" / "good.jsonl").exists()  # one good line: it stays processed
    reason = (box / "rejected" / "empty.txt.reason.txt").read_text()
    assert reason == f"{p['empty.txt']}: empty file\n"
    assert (box / "rejected" / "bad.jsonl.reason.txt").read_text().count("broken JSON") == 2
