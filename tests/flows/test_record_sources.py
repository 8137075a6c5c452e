"""A JSONL record names only itself: a `_source` that is another input's path cannot replace
that input's article and facts (issue 15, item 9)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import rows, write

from flows.ingest_flow import ingest

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_api")]

GOOD = " date 2025-06-02 Russia launched 40 drones at the Odesa region overnight, the Ukrainian air force said.\n"


def test_a_record_claiming_another_files_path_leaves_that_files_facts(tmp_path: Path, db: Path) -> None:
    good = write(tmp_path / "in", "good.txt", GOOD)
    ingest([str(tmp_path / "in")], str(db))
    before = rows(db, "select metric, value from facts order by all")
    assert before == [("drones_launched", 40)]
    hostile = {"_source": str(good), "text": "Russia launched 3 missiles at Kharkiv on 3 June 2025."}
    (tmp_path / "in" / "evil.jsonl").write_text(json.dumps(hostile) + "\n", encoding="utf-8")
    ingest([str(tmp_path / "in")], str(db))
    (good_article,) = rows(db, "select article_id from article_sources where source = ?", [str(good)])[0]
    assert rows(db, "select metric, value from facts where article_id = ?", [good_article]) == before
    assert rows(db, "select source from article_sources order by source") == [
        (f"{tmp_path / 'in' / 'evil.jsonl'}#L1",),
        (str(good),),
    ]
