"""Fuzzing the extractor: any text, and war news built from a grammar of fragments (numbers as
digits, words, with commas, huge, negative; metric nouns, verbs, places, dates, sources; invisible
characters anywhere), through `extract_article` and the batch path (`extract_batch` then
`validate_facts`), as a run calls them.

What the extractor promises and is checked here: it never raises; a fact's value is an int of at
most `MAX_DIGITS` digits (longer digit runs are no count); its evidence is the article's text at
its offsets; the same text gives the same facts; every candidate is either loaded or quarantined
with the check it failed. It does not promise that interceptions stay within launches: that is a
validation check (`drones_intercepted_within_launched`), and a fact failing it is quarantined.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fuzz_support import ARTICLE_TEXT, FUZZ, count
from hypothesis import given
from hypothesis import strategies as st

from ingest.extract.article.reader import extract_article
from ingest.extract.batch import extract_batch
from ingest.extract.dates import ArticleDate
from ingest.extract.numbers import MAX_DIGITS
from ingest.read.files import RawArticle, article_key
from ingest.read.frames import articles_frame
from ingest.read.normalize import normalize_text
from ingest.validate.facts import validate_facts
from schemas.vocabulary import FACT_KINDS, QUALIFIERS

BOUND = 10**MAX_DIGITS
# the war's years mostly, and any date a header can give, the ends of the calendar included
_DAYS = st.one_of(
    st.dates(dt.date(2013, 1, 1), dt.date(2027, 12, 31)),
    st.dates(),
    st.sampled_from([dt.date.min, dt.date.max, dt.date(9999, 12, 1), dt.date(1, 1, 7)]),
)
ARTICLE_DATES = st.one_of(
    st.builds(ArticleDate, _DAYS, st.sampled_from(["day", "month"])), st.just(ArticleDate(None, "unknown"))
)


def _check_facts(text: str, facts: list[dict[str, Any]]) -> None:
    for f in facts:
        assert type(f["value"]) is int and -BOUND < f["value"] < BOUND, f
        assert f["value_max"] is None or (type(f["value_max"]) is int and -BOUND < f["value_max"] < BOUND), f
        assert 0 <= f["evidence_start"] < f["evidence_end"] <= len(text), f
        assert text[f["evidence_start"] : f["evidence_end"]] == f["evidence"], f
        assert f["kind"] in FACT_KINDS and f["qualifier"] in QUALIFIERS, f


@FUZZ
@given(text=ARTICLE_TEXT, article=ARTICLE_DATES, data=st.data())
def test_fuzz_extract_article_never_raises_and_its_facts_hold(
    text: str, article: ArticleDate, data: st.DataObject
) -> None:
    count("extract_article")
    title_end = data.draw(st.sampled_from([0, len(text.split("\n", 1)[0]), len(text)]))
    facts = extract_article(text, article, title_end)
    _check_facts(text, facts)
    assert extract_article(text, article, title_end) == facts  # deterministic


@FUZZ
@given(texts=st.lists(ARTICLE_TEXT, min_size=1, max_size=4), article=ARTICLE_DATES)
def test_fuzz_extract_and_validate_a_batch_never_raises(texts: list[str], article: ArticleDate) -> None:
    """The batch path on texts as reading stores them (normalised, stripped): every candidate
    loads or is quarantined, never both, and the loaded facts' evidence is at their offsets."""
    count("extract_batch")
    raws = {}
    for t in texts:
        text = normalize_text(t.replace("\r\n", "\n").replace("\r", "\n")).strip()
        if text:
            key = article_key(text)
            raws[key] = RawArticle(
                key, f"fuzz/{key}.txt", None, None, article.day, article.precision, text, 0
            )
    candidates = extract_batch(articles_frame(list(raws.values())), "fuzz-run")
    facts, quarantine = validate_facts(candidates)
    loaded = set(facts.get_column("fact_id"))
    held = set(quarantine.get_column("fact_id"))
    assert loaded | held == set(candidates.get_column("fact_id"))
    assert not loaded & held
    assert quarantine.filter(quarantine["message"].is_null() | quarantine["check_name"].is_null()).is_empty()
    for f in facts.iter_rows(named=True):
        text = raws[f["article_id"]].text
        assert text[f["evidence_start"] : f["evidence_end"]] == f["evidence"], f
        assert 0 <= f["value"] < BOUND, f
