"""Time the events rebuild on a synthetic warehouse (not a test: numbers for a person to read).

python scripts/bench_events.py [--facts 200000] [--db /tmp/bench.duckdb] [--seed 7]

Generates attacks, exchanges and casualties over three years, each reported by one to six
articles; some reports disagree, some articles are month-dated or undated and state no event
date. Loads them straight into a fresh warehouse, then times: the first rebuild, a rebuild with
nothing new, a rebuild after 1 % more articles, and one after one more article.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
import time
from pathlib import Path
from typing import Any

import polars as pl

from ingest.load.events import EventCounts, rebuild_events
from ingest.store.connection import writer
from schemas.frames import ARTICLE_SCHEMA, FACT_SCHEMA

START = dt.date(2023, 1, 1)
PLACES = [
    "Kyiv",
    "Kharkiv",
    "Odesa",
    "Dnipro",
    "Zaporizhzhia",
    "Sumy",
    "Kherson",
    "Mykolaiv",
    "Lviv",
    "Poltava",
]
RU_PLACES = ["Belgorod Oblast", "Kursk Oblast", "Bryansk Oblast", "Moscow", "Rostov Oblast"]


def _event(rng: random.Random, n: int) -> list[dict[str, Any]]:
    """The true numbers of one event, as fact dicts without article columns."""
    day = START + dt.timedelta(days=rng.randrange(1100))
    pick = rng.random()
    if pick < 0.55:
        ru = rng.random() < 0.7
        actor, target = ("Russia", "Ukraine") if ru else ("Ukraine", "Russia")
        place = None if rng.random() < 0.5 else rng.choice(PLACES if ru else RU_PLACES)
        launched = rng.randint(5, 400)
        rows = [
            ("aerial_attack", "drones_launched", launched, actor, target, place, "Shahed"),
            (
                "aerial_attack",
                "drones_intercepted",
                int(launched * rng.uniform(0.6, 1)),
                actor,
                target,
                place,
                None,
            ),
        ]
        if rng.random() < 0.4:
            rows.append(
                ("aerial_attack", "missiles_launched", rng.randint(1, 40), actor, target, place, "Kh-101")
            )
    elif pick < 0.9:
        place = rng.choice(PLACES)
        rows = [
            ("casualties", "killed", rng.randint(1, 30), "Russia", "Ukraine", place, None),
            ("casualties", "injured", rng.randint(1, 80), "Russia", "Ukraine", place, None),
        ]
    else:
        total = rng.randint(50, 400)
        soldiers = int(total * 0.8)
        rows = []
        for a, t in (("Russia", "Ukraine"), ("Ukraine", "Russia")):
            rows += [
                ("prisoner_exchange", "prisoners_released", total, a, t, None, None),
                ("prisoner_exchange", "soldiers_released", soldiers, a, t, None, None),
                ("prisoner_exchange", "civilians_released", total - soldiers, a, t, None, None),
            ]
    return [
        {
            "kind": k,
            "metric": m,
            "value": v,
            "actor": a,
            "target": t,
            "location": p,
            "weapon": w,
            "event_date": day,
            "event_no": n,
        }
        for k, m, v, a, t, p, w in rows
    ]


def generate(n_facts: int, seed: int, prefix: str = "") -> tuple[pl.DataFrame, pl.DataFrame]:
    """(articles, facts) frames of about `n_facts` facts."""
    rng = random.Random(seed)
    articles: list[dict[str, Any]] = []
    facts: list[dict[str, Any]] = []
    n = 0
    while len(facts) < n_facts:
        truth = _event(rng, n)
        for _ in range(rng.choice([1, 1, 2, 2, 3, 4, 6])):
            aid = f"{prefix}{len(articles):015x}"[-16:].rjust(16, "0")
            day = truth[0]["event_date"] + dt.timedelta(days=rng.choice([0, 0, 1]))
            dating = rng.random()
            precision = "day" if dating < 0.8 else "month" if dating < 0.95 else "unknown"
            published = day if precision == "day" else day.replace(day=1) if precision == "month" else None
            articles.append(
                {
                    "article_id": aid,
                    "source": f"synthetic/{aid}.txt",
                    "url": None,
                    "title": f"report {aid}",
                    "published_at": published,
                    "date_precision": precision,
                    "text": "x",
                    "n_chars": 1,
                }
            )
            for i, t in enumerate(truth):
                if rng.random() < 0.2:
                    continue  # not every article states every number
                value = t["value"] if rng.random() < 0.9 else max(0, t["value"] + rng.randint(-5, 5))
                facts.append(
                    {
                        **t,
                        "fact_id": f"{aid}{i:04d}",
                        "article_id": aid,
                        "value": value,
                        "event_date": t["event_date"] if precision == "day" else None,
                        "value_max": None,
                        "qualifier": "exact",
                        "attributed_to": "air force",
                        "evidence": "x",
                        "evidence_start": 0,
                        "evidence_end": 1,
                        "extractor_version": "bench",
                        "run_id": "bench",
                    }
                )
        n += 1
    a = pl.DataFrame(articles, schema=ARTICLE_SCHEMA)
    schema = {c: t for c, t in FACT_SCHEMA.items() if c in facts[0]}  # other columns take their defaults
    f = pl.DataFrame([{c: r[c] for c in schema} for r in facts], schema=schema)
    return a, f


def load_and_rebuild(
    db: Path, articles: pl.DataFrame, facts: pl.DataFrame, run_id: str
) -> tuple[float, EventCounts]:
    with writer(db) as con:
        con.register("a", articles)
        con.register("f", facts)
        con.execute("begin transaction")
        con.execute("insert into articles by name select *, 'bench' as run_id from a")
        con.execute("insert into facts by name select * from f")
        start = time.perf_counter()
        counts = rebuild_events(con, run_id)
        took = time.perf_counter() - start
        con.execute("commit")
    return took, counts


def report(label: str, took: float, c: EventCounts) -> None:
    steps = ", ".join(f"{k} {v:.2f}" for k, v in c.seconds.items())
    print(
        f"{label}: {took:.2f} s — {c.events} events, {c.facts_linked} facts linked, "
        f"{c.facts_unlinked} unlinked, {c.conflicts} conflicts; rebuilt {c.facts_rebuilt} facts "
        f"in {c.parts_rebuilt} parts, {c.quarantined} values held by their checks\n  ({steps})"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--facts", type=int, default=200_000)
    ap.add_argument("--db", default=None)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    db = Path(args.db or Path(tempfile.mkdtemp()) / "bench.duckdb")
    db.unlink(missing_ok=True)
    articles, facts = generate(args.facts, args.seed)
    print(f"{facts.height} facts in {articles.height} articles → {db}")
    report("first rebuild", *load_and_rebuild(db, articles, facts, "bench-1"))
    empty_a, empty_f = articles.clear(), facts.clear()
    report("nothing new", *load_and_rebuild(db, empty_a, empty_f, "bench-2"))
    more_a, more_f = generate(args.facts // 100, args.seed + 1, prefix="f")
    report(f"+{more_f.height} facts", *load_and_rebuild(db, more_a, more_f, "bench-3"))
    one_a, one_f = generate(args.facts // 100, args.seed + 2, prefix="g")
    first = one_a.head(1)
    one_f = one_f.filter(pl.col("article_id").is_in(first["article_id"].implode()))
    report(f"one article ({one_f.height} facts)", *load_and_rebuild(db, first, one_f, "bench-4"))


if __name__ == "__main__":
    main()
