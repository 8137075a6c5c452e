"""Text is normalised on reading: what a reader sees is what the extractor reads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ingest.extract.article.reader import extract_article
from ingest.extract.dates import ArticleDate
from ingest.read.normalize import normalize_text


def test_invisible_characters_go_and_unicode_digits_become_ascii() -> None:
    assert normalize_text("5\u200b4 drones, 3\u20600 shot down") == "54 drones, 30 shot down"
    assert normalize_text("so\u00adldiers \u202eRussia\u202c") == "soldiers Russia"
    assert normalize_text("٥٤ and ５４") == "54 and 54"
    assert normalize_text("Ukraine\u02bcs air force") == "Ukraine’s air force"


def test_a_file_with_hidden_characters_gives_the_facts_a_reader_sees(tmp_path: Path) -> None:
    from ingest.run.evaluation import read_sources

    visible = tmp_path / "visible.txt"
    hidden = tmp_path / "hidden.txt"
    visible.write_text("Russia launched 54 drones at Ukraine; 30 were shot down.", encoding="utf-8")
    hidden.write_text("Russia launched 5\u200b4 drones at Ukraine; 3\u20600 were shot down.", encoding="utf-8")
    articles, failures = read_sources([str(visible), str(hidden)])
    assert not failures
    by_name = {Path(a.source).name: a for a in articles}
    assert by_name["hidden.txt"].text == by_name["visible.txt"].text
    assert by_name["hidden.txt"].article_id == by_name["visible.txt"].article_id
    day = ArticleDate(dt.date(2025, 3, 4), "day")
    facts = {(f["metric"], f["value"]) for f in extract_article(by_name["hidden.txt"].text, day)}
    assert facts == {("drones_launched", 54), ("drones_intercepted", 30)}


def test_yesterdays_with_a_modifier_apostrophe_dates_the_day_before(tmp_path: Path) -> None:
    day = ArticleDate(dt.date(2025, 3, 4), "day")
    text = normalize_text("Ten people were killed in yesterday\u02bcs missile attack on Kyiv.")
    assert [f["event_date"] for f in extract_article(text, day)] == [dt.date(2025, 3, 3)]
