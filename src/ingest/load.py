"""Loading a run into the warehouse: what is already there, and one transaction for the rest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import polars as pl

from ingest.read import RawArticle
from ingest.store import reader, writer
from schemas.facts import FACT_COLUMNS
from schemas.quarantine import QUARANTINE_COLUMNS


@dataclass
class RunCounts:
    articles_read: int = 0
    articles_new: int = 0
    articles_unchanged: int = 0
    articles_changed: int = 0
    articles_failed: int = 0
    facts_loaded: int = 0
    facts_quarantined: int = 0
    quarantined_by_check: dict[str, int] = field(default_factory=dict)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)


@dataclass
class Plan:
    """What a run must do with the articles it read."""

    new: list[RawArticle]
    sources: list[tuple[str, str]]  # (source, article_id) for every article read
    unchanged: int
    replaced: list[str]  # article ids whose source now holds another text


def known_sources(db: str | Path) -> tuple[dict[str, str], set[str]]:
    """(source -> article id, every article id) already in the warehouse."""
    if not Path(db).exists():
        return {}, set()
    with reader(db, wait_s=60) as con:
        tables = {r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()}
        if "article_sources" not in tables:
            return {}, set()
        sources = dict(con.execute("select source, article_id from article_sources").fetchall())
        ids = {r[0] for r in con.execute("select article_id from articles").fetchall()}
    return sources, ids


def plan(articles: Sequence[RawArticle], sources: dict[str, str], known_ids: set[str]) -> Plan:
    """Split what was read into new articles, unchanged ones, and old texts to replace. The same
    text in two files of one run is one article."""
    new: list[RawArticle] = []
    seen: set[str] = set()
    unchanged = 0
    replaced: set[str] = set()
    for a in articles:
        old = sources.get(a.source)
        if old is not None and old != a.article_id:
            replaced.add(old)
        if a.article_id in known_ids:
            unchanged += 1
        elif a.article_id not in seen:
            seen.add(a.article_id)
            new.append(a)
    return Plan(new, [(a.source, a.article_id) for a in articles], unchanged, sorted(replaced))


def start_run(db: str | Path, run_id: str, sources: str, extractor_version: str) -> None:
    with writer(db) as con:
        con.execute(
            "insert into runs (run_id, started_at, status, sources, extractor_version) values (?, ?, 'running', ?, ?) "
            "on conflict (run_id) do update set started_at = excluded.started_at, status = 'running'",
            [run_id, _now(), sources, extractor_version],
        )


def fail_run(db: str | Path, run_id: str, error: str) -> None:
    with writer(db) as con:
        con.execute(
            "update runs set status = 'failed', ended_at = ?, error = ? where run_id = ?",
            [_now(), error, run_id],
        )


def load_run(
    db: str | Path,
    run_id: str,
    articles: pl.DataFrame,
    facts: pl.DataFrame,
    quarantine: pl.DataFrame,
    failures: pl.DataFrame,
    plan_: Plan,
    counts: RunCounts,
) -> None:
    """Everything a run produced, in one transaction: all of it lands, or none of it."""
    sources = pl.DataFrame(plan_.sources, schema={"source": pl.String, "article_id": pl.String}, orient="row")
    sources = sources.unique("source", keep="last")
    replaced = pl.DataFrame({"article_id": plan_.replaced}, schema={"article_id": pl.String})
    with writer(db) as con:
        con.register("new_articles", articles.drop("title_end", strict=False))
        con.register("new_facts", facts.select(FACT_COLUMNS))
        con.register("new_quarantine", quarantine.select(QUARANTINE_COLUMNS))
        con.register("new_failures", failures)
        con.register("run_sources", sources)
        con.register("replaced", replaced)
        con.execute("begin transaction")
        try:
            con.execute(
                "insert into article_sources (source, article_id, run_id) select source, article_id, ? "
                "from run_sources on conflict (source) do update set article_id = excluded.article_id, "
                "run_id = excluded.run_id, seen_at = now()",
                [run_id],
            )
            # an old text no source holds any more goes, with its facts and open failures
            gone = "select article_id from replaced where article_id not in (select article_id from article_sources)"
            con.execute(f"delete from facts where article_id in ({gone})")
            con.execute(f"delete from quarantine where status = 'open' and article_id in ({gone})")
            con.execute(f"delete from articles where article_id in ({gone})")
            cols = ", ".join(articles.drop("title_end", strict=False).columns)
            con.execute(
                f"insert into articles ({cols}, run_id) select {cols}, ? from new_articles "
                "on conflict do nothing",
                [run_id],
            )
            con.execute(
                f"insert into facts ({', '.join(FACT_COLUMNS)}) select * from new_facts on conflict do nothing"
            )
            con.execute(
                f"insert into quarantine ({', '.join(QUARANTINE_COLUMNS)}) select * from new_quarantine "
                "on conflict do nothing"
            )
            con.execute(
                "insert into read_failures (run_id, source, reason) select ?, source, reason from new_failures",
                [run_id],
            )
            c = asdict(counts)
            con.execute(
                "update runs set status = 'completed', ended_at = ?, articles_read = ?, articles_new = ?, "
                "articles_unchanged = ?, articles_changed = ?, articles_failed = ?, facts_loaded = ?, "
                "facts_quarantined = ? where run_id = ?",
                [
                    _now(),
                    c["articles_read"],
                    c["articles_new"],
                    c["articles_unchanged"],
                    c["articles_changed"],
                    c["articles_failed"],
                    c["facts_loaded"],
                    c["facts_quarantined"],
                    run_id,
                ],
            )
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
