"""The mypyc build of extraction reads exactly what the pure-Python modules read (issue 13), and
is used only while it is a build of the sources as they are."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.extract import compiled
from ingest.extract.article.reader import extract_article
from ingest.extract.dates import ArticleDate

CASES = Path(__file__).resolve().parents[1] / "cases" / "articles"
REAL = Path(__file__).resolve().parents[3] / "shared" / "real" / "articles"

needs_build = pytest.mark.skipif(
    not compiled.built(), reason="no mypyc build of extraction (make install makes one)"
)

# the same reading in another process: pure Python there, whatever this one loads
_PURE = """
import datetime as dt, json, sys
from ingest.extract import compiled
compiled.forget()
from ingest.extract.article.reader import extract_article
from ingest.extract.dates import ArticleDate
assert not compiled.in_use()
texts = json.load(sys.stdin)
print(json.dumps([extract_article(t, ArticleDate(dt.date(2025, 3, 4), "day")) for t in texts], default=str))
"""


def _texts() -> list[str]:
    files = sorted(CASES.glob("*")) + (sorted(REAL.glob("*")) if REAL.is_dir() else [])
    return [f.read_text(encoding="utf-8") for f in files]


@needs_build
def test_the_build_is_what_this_process_runs() -> None:
    assert compiled.in_use()


@needs_build
def test_the_compiled_and_the_pure_python_extraction_give_the_same_facts() -> None:
    texts = _texts()
    here = [extract_article(t, ArticleDate(dt.date(2025, 3, 4), "day")) for t in texts]
    done = subprocess.run(
        [sys.executable, "-c", _PURE], input=json.dumps(texts), capture_output=True, text=True, check=True
    )
    pure = json.loads(done.stdout)
    assert sum(map(len, pure)) > 200  # the corpus was read
    assert json.loads(json.dumps(here, default=str)) == pure


@needs_build
@pytest.mark.parametrize("edited", [False, True])
def test_the_build_is_used_only_while_the_sources_are_those_it_was_built_from(
    tmp_path: Path, edited: bool
) -> None:
    copy = tmp_path / "src"
    shutil.copytree(compiled.PACKAGE.parent, copy / "ingest", ignore=shutil.ignore_patterns("__pycache__"))
    if edited:  # a module changed since the build: its old build must not shadow it
        with (copy / "ingest" / "extract" / "text.py").open("a") as f:
            f.write("\n# edited\n")
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from ingest.extract import compiled, text; print(compiled.in_use(), text.__file__)",
        ],
        env={**os.environ, "PYTHONPATH": str(copy)},
        capture_output=True,
        text=True,
        check=True,
    )
    used, where = done.stdout.split()
    assert where.startswith(str(copy))  # the copy was imported
    assert used == str(not edited)


@needs_build
def test_the_compiled_and_the_pure_python_modules_share_one_stored_place_index() -> None:
    from ingest.extract import places

    pure = subprocess.run(
        [
            sys.executable,
            "-c",
            "from ingest.extract import compiled; compiled.forget(); from ingest.extract import places;"
            "assert not compiled.in_use(); print(places._inputs_digest())",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert pure.stdout.strip() == places._inputs_digest()  # neither evicts the other's cache
