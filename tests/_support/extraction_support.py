"""Articles through extraction and validation, with no warehouse: a frame in, two frames out."""

from __future__ import annotations

import datetime as dt

import polars as pl

from ingest.extract.batch import extract_batch
from ingest.validate.facts import validate_facts


def extracted(text: str, published: dt.date = dt.date(2025, 3, 4)) -> pl.DataFrame:
    """The candidate facts of one article (id a1) published on `published`."""
    articles = pl.DataFrame(
        {
            "article_id": ["a1"],
            "text": [text],
            "published_at": [published],
            "date_precision": ["day"],
            "title_end": [0],
        }
    )
    return extract_batch(articles, "run-1")


def validated(text: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(facts that load, quarantine rows) of one article."""
    return validate_facts(extracted(text))
