"""Every fact names the rule that read it, so a wrong number can be traced to code."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ingest.extract.article.reader import extract_article
from ingest.extract.dates import ArticleDate

CASES = Path(__file__).resolve().parents[1] / "cases" / "articles"
RULE = re.compile(r"^(aerial|casualties|exchange|pointing)\.[a-z_]+$")


def test_every_fact_of_our_corpus_names_its_rule() -> None:
    day = ArticleDate(dt.date(2025, 6, 2), "day")
    rules = set()
    for path in sorted(CASES.glob("*.txt")):
        for fact in extract_article(path.read_text(encoding="utf-8"), day):
            assert RULE.match(fact["rule"]), (path.name, fact)
            rules.add(fact["rule"])
    assert {"aerial.launched", "aerial.intercepted", "casualties.verb", "exchange.each_way"} <= rules


def test_the_rule_tells_a_toll_from_a_verb() -> None:
    day = ArticleDate(dt.date(2025, 6, 2), "day")
    text = "Two people were killed in Sumy on Sunday. By evening the death toll had risen to five."
    rules = {(f["value"], f["rule"]) for f in extract_article(text, day)}
    assert rules == {(2, "casualties.verb"), (5, "casualties.toll")}
