"""The events rule on a warehouse of thousands of articles, loaded through the real load path
(staged Parquet, load_run, a DuckDB file): undated articles whose numbers many events state
(the case that made the rebuild quadratic) link where one of their numbers names one event and
stay unlinked where none does (docs/events.md)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import polars as pl

from ingest.load.run import load_run, start_run
from ingest.run.batch import empty_result
from ingest.run.staging import Staging
from ingest.store.counts import RunCounts
from schemas.frames import FACT_SCHEMA, FILE_SCHEMA

PLACES = ["Kharkiv", "Odesa", "Dnipro"]
DAYS = 300  # one attack on each place on each of 300 days: 900 events
START = dt.date(2025, 1, 1)
SHARED_LAUNCHED = 1000  # every report of every attack says 1,000 drones launched
SHARED_INTERCEPTED = 50  # the odd attacks' reports all say 50 intercepted
MONTHLY = "Sumy"  # one attack on the 15th of each month, every one of them 1,000 launched


def _events() -> pl.DataFrame:
    """Each attack (event_no) with its place, day and the two numbers its reports state."""
    i = pl.int_range(0, DAYS * len(PLACES), eager=True)
    daily = pl.DataFrame({"event_no": i}).with_columns(
        location=pl.col("event_no").floordiv(DAYS).replace_strict(dict(enumerate(PLACES))),
        event_date=pl.lit(START) + pl.duration(days=pl.col("event_no") % DAYS),
        # even attacks: an intercepted count no other attack has; odd ones: the shared 50
        intercepted=pl.when(pl.col("event_no") % 2 == 0)
        .then(100 + pl.col("event_no"))
        .otherwise(SHARED_INTERCEPTED),
    )
    monthly = pl.DataFrame({"month": range(1, 13)}).select(
        event_no=10_000 + pl.col("month"),
        location=pl.lit(MONTHLY),
        event_date=pl.date(2025, pl.col("month"), 15),
        intercepted=2000 + pl.col("month"),
    )
    return pl.concat([daily, monthly.cast(daily.schema)]).with_columns(launched=pl.lit(SHARED_LAUNCHED))  # type: ignore[arg-type]


def _articles_and_facts(events: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Two day-dated reports of every attack; one undated report of each daily attack (the same
    two numbers); one month-dated report of each Sumy attack (its 1,000 launched only)."""
    dated = pl.concat(
        [
            events.with_columns(
                role=pl.lit(f"d{n}"), published_at=pl.col("event_date"), precision=pl.lit("day")
            )
            for n in (1, 2)
        ]
    )
    undated = events.filter(pl.col("location") != MONTHLY).with_columns(
        role=pl.lit("u"), published_at=pl.lit(None, pl.Date), precision=pl.lit("unknown")
    )
    month = events.filter(pl.col("location") == MONTHLY).with_columns(
        role=pl.lit("m"), published_at=pl.col("event_date").dt.month_start(), precision=pl.lit("month")
    )
    reports = pl.concat([dated, undated, month]).with_columns(
        article_id=(pl.col("role") + "-" + pl.col("event_no").cast(pl.String).str.zfill(6)).str.pad_end(
            16, "0"
        )
    )
    articles = reports.select(
        "article_id",
        source=pl.lit("made-up/") + pl.col("article_id") + ".txt",
        url=pl.lit(None, pl.String),
        title=pl.lit("report ") + pl.col("article_id"),
        published_at="published_at",
        date_precision="precision",
        text=pl.lit("x"),
        n_chars=pl.lit(1, pl.Int64),
    )
    metrics = [("drones_launched", "launched"), ("drones_intercepted", "intercepted")]
    facts = pl.concat(
        [
            reports.select(
                "article_id",
                "location",
                metric=pl.lit(metric),
                value=pl.col(column).cast(pl.Int64),
                event_date=pl.when(pl.col("precision") == "day").then(pl.col("event_date")),
            )
            for metric, column in metrics
        ]
    ).filter(~((pl.col("article_id").str.starts_with("m-")) & (pl.col("metric") == "drones_intercepted")))
    facts = facts.with_columns(
        fact_id=pl.col("article_id") + "-" + pl.col("metric"),
        kind=pl.lit("aerial_attack"),
        value_max=pl.lit(None, pl.Int64),
        qualifier=pl.lit("exact"),
        actor=pl.lit("Russia"),
        target=pl.lit("Ukraine"),
        weapon=pl.lit(None, pl.String),
        attributed_to=pl.lit("air force"),
        evidence=pl.col("value").cast(pl.String) + " " + pl.col("metric"),
        evidence_start=pl.lit(0, pl.Int64),
        evidence_end=pl.lit(1, pl.Int64),
        extractor_version=pl.lit("test"),
        run_id=pl.lit("run-1"),
        origin=pl.lit("extracted"),
        decision_id=pl.lit(None, pl.String),
        rule=pl.lit("made-up"),
    ).select(list(FACT_SCHEMA))
    return articles, facts.cast(FACT_SCHEMA)  # type: ignore[arg-type]


def _load(db: Path, articles: pl.DataFrame, facts: pl.DataFrame) -> RunCounts:
    """One run through the real load: the frames staged as a batch's Parquet, then load_run."""
    staging = Staging(db, "run-1")
    try:
        start_run(db, "run-1", "made-up", "test", staging.known)
        batch = empty_result()
        batch.articles = articles.cast(batch.articles.schema)  # type: ignore[arg-type]
        batch.sources = articles.select("source", file="source", article_id="article_id")
        batch.facts = facts
        staging.write(batch, 0)
        return load_run(db, "run-1", staging, pl.DataFrame(schema=FILE_SCHEMA), RunCounts())
    finally:
        staging.remove()


def test_undated_reports_among_many_events_link_only_by_a_number_that_names_one(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    events = _events()
    articles, facts = _articles_and_facts(events)
    counts = _load(db, articles, facts)
    assert (counts.articles_new, counts.facts_loaded) == (articles.height, facts.height)

    with duckdb.connect(str(db), read_only=True) as con:
        linked = pl.from_arrow(
            con.sql(
                "select f.article_id, f.metric, ef.link, e.event_date, e.location "
                "from event_facts ef join facts f using (fact_id) join events e using (event_id)"
            ).to_arrow_table()
        )
        unlinked = pl.from_arrow(con.sql("select article_id, metric from unlinked_facts").to_arrow_table())
        per_event = pl.from_arrow(
            con.sql("select location, event_date, n_articles from events").to_arrow_table()
        )
    assert isinstance(linked, pl.DataFrame) and isinstance(unlinked, pl.DataFrame)
    assert isinstance(per_event, pl.DataFrame)

    # every attack is one event, whatever its reports share with others
    assert per_event.height == events.height
    facts_of = facts.join(articles.select("article_id", "date_precision"), on="article_id")
    no = pl.col("article_id").str.extract(r"^\w+-(\d{6})").cast(pl.Int64)
    expected_event = facts_of.with_columns(event_no=no).join(events, on="event_no", suffix="_event")

    # a dated report joins its own event by its key
    dated = expected_event.filter(pl.col("date_precision") == "day")
    got = linked.filter(pl.col("link") == "same_key").join(dated, on=["article_id", "metric"], how="inner")
    assert got.height == dated.height
    assert got.filter(
        (pl.col("event_date") != pl.col("event_date_event"))
        | (pl.col("location") != pl.col("location_event"))
    ).is_empty()

    # an undated report of an even attack: its intercepted count names that attack alone, so both
    # of its numbers join it; one of an odd attack: 1,000 and 50 name hundreds each, so neither does
    undated = expected_event.filter(pl.col("date_precision") == "unknown")
    naming = undated.filter(pl.col("event_no") % 2 == 0)
    got = linked.filter(pl.col("link") == "numbers_match").join(
        naming, on=["article_id", "metric"], how="inner"
    )
    assert got.height == naming.height == 2 * (len(PLACES) * DAYS // 2)
    assert got.filter(
        (pl.col("event_date") != pl.col("event_date_event"))
        | (pl.col("location") != pl.col("location_event"))
    ).is_empty()
    ambiguous = undated.filter(pl.col("event_no") % 2 == 1).select("article_id", "metric")
    assert ambiguous.join(unlinked, on=["article_id", "metric"], how="anti").is_empty()

    # a month-dated report of a Sumy attack says only 1,000 (which every attack says), but its
    # month holds one Sumy attack: it joins that one
    month = expected_event.filter(pl.col("date_precision") == "month")
    got = linked.filter(pl.col("link") == "numbers_match").join(
        month, on=["article_id", "metric"], how="inner"
    )
    assert got.height == month.height == 12
    assert got.filter(pl.col("event_date") != pl.col("event_date_event")).is_empty()

    # nothing else is linked or unlinked, and each event counts its articles
    assert linked.height + unlinked.height == facts.height
    assert unlinked.height == ambiguous.height
    n_articles = per_event.group_by("n_articles").len().sort("n_articles").rows()
    assert n_articles == [(2, len(PLACES) * DAYS // 2), (3, len(PLACES) * DAYS // 2 + 12)]
