"""Helpers for the review tests: our own articles with facts validation holds back, a warehouse
loaded by the real flow, and ways to look at it and to make the flow read an article again."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from support import rows, write

from ingest.store.connection import writer

# 48 intercepted of 36 launched (no place: the launch total) fails drones_intercepted_within_launched.
KHARKIV = """\
 date 2025-07-14 Russia launched 36 drones at Ukraine overnight, the Ukrainian air force said.
Air defences destroyed 48 of them, according to the same report.

Three people were injured in Kharkiv, the regional governor said.
"""
# 70 soldiers + 60 civilians is not 120: all three facts fail exchange_parts_add_up.
SWAP = """\
Published: 09:00, August 2, 2025 | Updated: 09:30, August 2, 2025
Prisoner swap on the northern border

Ukraine has brought home 120 Ukrainians from Russian captivity, 70 servicemen and 60 civilians, the president's office said on Friday.
"""


def load_template(root: Path) -> tuple[Path, Path]:
    """(input folder, warehouse) after one real flow run over KHARKIV and SWAP."""
    from flows.ingest_flow import ingest

    folder = root / "in"
    write(folder, "kharkiv.txt", KHARKIV)
    write(folder, "swap.txt", SWAP)
    db = root / "template.duckdb"
    summary = ingest([str(folder)], str(db))
    assert summary.counts.facts_quarantined == 4, summary
    return folder, db


# quarantine rows of facts, not of an event's consolidated values (ingest.validate.events)
OF_FACTS = "from quarantine where json_extract_string(fact, '$.event_id') is null"


def copy_db(template: Path, to: Path) -> Path:
    """A copy of a closed warehouse (with its write-ahead log, should one be left)."""
    shutil.copyfile(template, to)
    wal = template.with_name(template.name + ".wal")
    if wal.exists():
        shutil.copyfile(wal, to.with_name(to.name + ".wal"))
    return to


def failure_id(db: Path, metric: str, status: str = "open") -> str:
    """The quarantine id of the failure of the fact with `metric`."""
    found = rows(
        db,
        f"select quarantine_id {OF_FACTS} and json_extract_string(fact, '$.metric') = ? and status = ? order by 1",
        [metric, status],
    )
    assert found, f"no {status} failure for {metric}"
    return str(found[0][0])


def state(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """What a re-run must not change: every fact with its provenance, every failure with its status."""
    return {
        "facts": rows(db, "select fact_id, metric, value, origin, decision_id from facts order by fact_id"),
        # failures of facts (an event's values, ingest.validate.events, are rebuilt from facts on each load)
        "quarantine": rows(
            db,
            f"select quarantine_id, fact_id, check_name, message, status, decision_id {OF_FACTS} order by 1",
        ),
        "decisions": rows(db, "select decision_id, action, outcome from decisions order by 1"),
    }


def forget_article(db: Path, title_or_text: str) -> str:
    """Make the next run read an article as new, as if the warehouse had never seen it: its row
    in `articles`, its sources and its files' size/time records go; its facts, failures and
    decisions stay. Returns the article's id."""
    with writer(db) as con:
        (article_id,) = con.execute(
            "select article_id from articles where contains(text, ?)", [title_or_text]
        ).fetchone() or (None,)
        assert article_id, f"no article with {title_or_text!r}"
        tables = {r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()}
        if "files" in tables:  # the run skips files whose size and time it has seen
            con.execute(
                "delete from files where path in (select coalesce(file, source) from article_sources "
                "where article_id = ?)"
                if _has_column(con, "article_sources", "file")
                else "delete from files where path in (select source from article_sources where article_id = ?)",
                [article_id],
            )
        con.execute("delete from article_sources where article_id = ?", [article_id])
        con.execute("delete from articles where article_id = ?", [article_id])
    return str(article_id)


def _has_column(con: Any, table: str, column: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from information_schema.columns where table_name = ? and column_name = ?",
            [table, column],
        ).fetchone()[0]
    )
