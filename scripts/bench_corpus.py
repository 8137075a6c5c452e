"""The bench's synthetic corpus: articles of our own text, 2–4 KB each, in five header styles,
about 30 % fact paragraphs and the rest number-heavy filler; every tenth article in a JSONL file."""

from __future__ import annotations

import json
import random
from pathlib import Path

PLACES = [
    "Kharkiv",
    "Odesa",
    "Dnipro",
    "Zaporizhzhia",
    "Sumy",
    "Kherson",
    "Mykolaiv",
    "Poltava",
    "Lviv",
    "Kyiv",
]
RU_REGIONS = ["Bryansk", "Kursk", "Belgorod", "Oryol", "Tula", "Voronezh", "Rostov", "Kaluga"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WORDS = (
    "officials analysts residents city council energy company repairs grid heating season bridge railway "
    "schedule volunteers shelter school reopened market prices harvest grain corridor port traffic talks "
    "delegation summit allies pledged support sanctions budget parliament vote coalition statement"
).split()


def fact_paragraph(r: random.Random) -> str:
    kind = r.randrange(4)
    if kind == 0:
        n = r.randint(20, 400)
        k = r.randint(0, n)
        m = r.randint(1, 12)
        return (
            f"Russia launched {n} drones and {m} missiles at Ukraine overnight, the Ukrainian air force said on "
            f"{r.choice(DAYS)}. Air defences shot down {k} of the drones, it said."
        )
    if kind == 1:
        regions = r.sample(RU_REGIONS, 3)
        parts = [r.randint(1, 30) for _ in regions]
        listed = ", ".join(f"{p} over the {g} region" for p, g in zip(parts, regions, strict=True))
        return f"Russia's defence ministry said its air defences destroyed {sum(parts)} Ukrainian drones: {listed}."
    if kind == 2:
        place = r.choice(PLACES)
        return (
            f"A Russian strike on {place} killed {r.randint(1, 15)} people and injured {r.randint(2, 60)}, "
            f"regional governor Ivan {r.choice(['Petrenko', 'Koval', 'Bondar'])} said."
        )
    n = r.randint(10, 400)
    return f"Russia and Ukraine exchanged {n} prisoners each on {r.choice(DAYS)}, officials in Kyiv said."


def filler_paragraph(r: random.Random) -> str:
    s = [
        f"The {r.choice(WORDS)} budget grew by {r.randint(2, 40)}% to ${r.randint(1, 90)}.{r.randint(1, 9)} billion in {r.randint(2015, 2024)}.",
        f"Some {r.randint(100, 9000)} {r.choice(WORDS)} were affected across {r.randint(2, 12)} districts, "
        f"{r.randint(10, 300)} km from the front line.",
        f"Olena Marchenko, {r.randint(20, 80)}, said the {r.choice(WORDS)} would reopen at {r.randint(8, 18)}:{r.randint(10, 59)}.",
        " ".join(r.choice(WORDS) for _ in range(r.randint(18, 40))).capitalize() + ".",
        f"Talks on the {r.choice(WORDS)} lasted {r.randint(2, 9)} hours, the {r.randint(3, 30)}th round since March.",
    ]
    r.shuffle(s)
    return " ".join(s[: r.randint(3, 5)])


def article(r: random.Random, i: int) -> tuple[str, dict[str, str]]:
    body: list[str] = []
    while sum(len(p) for p in body) < r.randint(2000, 3800):
        body.append(fact_paragraph(r) if r.random() < 0.3 else filler_paragraph(r))
    text = "\n\n".join(body)
    day = f"2025-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
    title = f"Report {i}: overnight attacks and talks"
    style = i % 5
    if style == 0:
        raw = f" date {day} {text}"
    elif style == 1:
        raw = f" date {day[:7]} {text}"
    elif style == 2:
        raw = f"Published: 09:{i % 60:02d}, {day} | Updated: 10:00, {day}\n{title}\n\n{text}"
    elif style == 3:
        raw = f"{title}\n\n{text}"
    else:
        raw = text
    return raw, {"url": f"https://example.org/bench/{i}", "title": title, "published": day, "text": text}


def generate(root: Path, n: int, seed: int = 7) -> int:
    """Write n articles under root (1,000 files a folder; every tenth article into JSONL). Returns bytes."""
    r = random.Random(seed)
    total = 0
    jsonl: list[str] = []
    for i in range(n):
        raw, record = article(r, i)
        if i % 10 == 9:
            jsonl.append(json.dumps(record))
            total += len(record["text"])
            if len(jsonl) == 1000:
                (root / f"feed-{i // 1000:05d}.jsonl").write_text("\n".join(jsonl) + "\n")
                jsonl = []
            continue
        folder = root / f"{i // 1000:05d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"a{i:07d}.txt").write_text(raw)
        total += len(raw)
    if jsonl:
        (root / "feed-last.jsonl").write_text("\n".join(jsonl) + "\n")
    return total
