"""A JSONL file over the split size is cut into line ranges; in UTF-16 (with a BOM) every range
still decodes with the file's encoding, so no record is lost (issue 15, item 11)."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import polars as pl
import pytest
from support import rows

from ingest.read.files import RawArticle, read_part
from ingest.read.plan import SPLIT_JSONL_BYTES, plan_run
from schemas.frames import FILE_SCHEMA

# 'Ċ' is U+010A and '਀' U+0A00: in UTF-16 one of their bytes is 0x0a, a newline only in UTF-8
RECORD = "Russia launched {n} drones at Київ overnight — Ċ਀ — the air force said on 2 June 2025."
BOMS = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE, "utf-8": b""}


def _jsonl(path: Path, encoding: str, n: int, pad: int = 400) -> list[str]:
    """`n` records, each with a `note` of `pad` characters the reader ignores (so that few
    records pass the split size)."""
    texts = [RECORD.format(n=i + 1) for i in range(n)]
    body = "".join(json.dumps({"text": t, "note": "·" * pad}, ensure_ascii=False) + "\n" for t in texts)
    path.write_bytes(BOMS[encoding] + body.encode(encoding))
    return texts


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-8"])
def test_a_large_jsonl_is_cut_into_ranges_that_each_read_whole_records(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "export.jsonl"
    texts = _jsonl(path, encoding, 3_000)
    assert path.stat().st_size > SPLIT_JSONL_BYTES
    plan = plan_run([str(path)], pl.DataFrame(schema=FILE_SCHEMA), batch_size=500)
    parts = [part for batch in plan.batches for part in batch.parts]
    assert len(parts) == 6

    read = [item for part in parts for item in read_part(part.path, part.start, part.end, part.first_line)]
    assert all(isinstance(item, RawArticle) for item in read), [
        i for i in read if not isinstance(i, RawArticle)
    ][:3]
    assert [a.text for a in read] == texts  # type: ignore[union-attr]
    assert [a.source for a in read] == [f"{path}#L{i}" for i in range(1, 3_001)]


@pytest.mark.flow
@pytest.mark.usefixtures("prefect_api")
def test_a_run_over_a_large_utf16_jsonl_loads_every_record(tmp_path: Path, db: Path) -> None:
    from flows.ingest_flow import ingest

    path = tmp_path / "export.jsonl"
    _jsonl(path, "utf-16-le", 400, pad=1500)
    assert path.stat().st_size > SPLIT_JSONL_BYTES
    summary = ingest([str(path)], str(db), batch_size=100)

    assert summary.counts.articles_failed == 0
    assert summary.counts.articles_new == 400
    assert rows(db, "select count(*) from facts where metric = 'drones_launched'") == [(400,)]
