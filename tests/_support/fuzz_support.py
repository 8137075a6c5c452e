"""Settings of the fuzz tests (tests/fuzz): a few fixed examples in `make test`, many in `make fuzz`.

`make test` runs each fuzz test on `FUZZ_QUICK` derandomized examples without an example
database: the same inputs on every run, so it stays fast and cannot flake. `make fuzz`
(scripts/fuzz.py) runs them in rounds with `NEWSFACTS_FUZZ_EXAMPLES` examples each, a new seed
each round, and hypothesis' database in `.fuzz/hypothesis` (ignored by git), which replays every
failure it found first. `NEWSFACTS_FUZZ_COUNTS` names a file the session adds its example counts to.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase

FUZZ_QUICK = 25
DATABASE = Path(__file__).resolve().parents[2] / ".fuzz" / "hypothesis"

_examples = os.environ.get("NEWSFACTS_FUZZ_EXAMPLES")
_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

if _examples:
    FUZZ = settings(
        max_examples=int(_examples),
        deadline=None,
        database=DirectoryBasedExampleDatabase(DATABASE),
        suppress_health_check=_HEALTH,
        print_blob=True,
    )
else:
    FUZZ = settings(
        max_examples=FUZZ_QUICK, deadline=None, derandomize=True, database=None, suppress_health_check=_HEALTH
    )

EXAMPLES: Counter[str] = Counter()


def count(test: str) -> None:
    """One example of `test` ran (the totals `make fuzz` reports)."""
    EXAMPLES[test] += 1


def write_counts() -> None:
    """Add this session's example counts to the file `NEWSFACTS_FUZZ_COUNTS` names, if any."""
    path = os.environ.get("NEWSFACTS_FUZZ_COUNTS")
    if not path or not EXAMPLES:
        return
    target = Path(path)
    total: Counter[str] = Counter(json.loads(target.read_text()) if target.exists() else {})
    total.update(EXAMPLES)
    target.write_text(json.dumps(dict(sorted(total.items())), indent=1))


# --- a grammar of war-news fragments ---------------------------------------------------------------

# the characters reading removes (ingest.read.normalize) and some it keeps that look like nothing
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f", "\u061c"]
INVISIBLE += [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
LOOKALIKES = ["\u00a0", "\u2009", "\u202f", "\u3000", "\u2028", "\u2029", "\x0b", "\x0c", "\x85", "\r", "\t"]
OTHER_DIGITS = ["٥٤", "۱۲", "５４", "५४", "𝟓𝟒"]

_NUMBER_WORDS = [
    "one", "two", "seven", "twelve", "seventy-six", "a hundred", "one hundred and twenty", "a dozen",
    "two dozen", "half a dozen", "nine hundred thousand", "a thousand", "ninety-nine thousand nine hundred",
    "zero", "dozens of", "hundreds of", "a single", "an",
]  # fmt: skip
_HUGE = st.one_of(
    st.integers(10**7, 10**40).map(str),
    st.sampled_from(["9223372036854775807", "9223372036854775808", "18446744073709551616", "99999999999"]),
    st.integers(4000, 6000).map(lambda n: "9" * n),  # past Python's 4,300-digit int conversion limit
)
NUMBERS = st.one_of(
    st.integers(0, 2000).map(str),
    st.integers(1000, 10**7).map(lambda n: f"{n:,}"),
    st.sampled_from(_NUMBER_WORDS),
    _HUGE,
    st.integers(1, 500)
    .map(lambda n: st.sampled_from([f"-{n}", f"−{n}", f"{n}.5", f"{n}-{n + 10}"]))
    .flatmap(lambda s: s),
    st.tuples(st.integers(0, 300), st.integers(0, 300)).map(lambda p: f"between {p[0]} and {p[1]}"),
    st.sampled_from(OTHER_DIGITS),
)
QUALIFIERS = st.sampled_from(["", "", "at least ", "more than ", "up to ", "about ", "nearly ", "over "])
NOUNS = st.sampled_from(
    [
        "drones", "Shahed drones", "attack drones", "UAVs", "missiles", "cruise missiles", "Kh-101 missiles",
        "ballistic missiles", "rockets", "guided aerial bombs", "people", "civilians", "soldiers",
        "prisoners of war", "POWs", "children", "servicemen", "drone", "missile",
    ]
)  # fmt: skip
PLACES = st.sampled_from(
    [
        "", " over the Kyiv region", " in Kharkiv", " near Odesa", " in the Belgorod region", " over Moscow",
        " in Zaporizhzhia", " over the Black Sea", " in Київ", " in the occupied Donetsk region",
    ]
)  # fmt: skip
DATES = st.sampled_from(
    [
        "", " overnight", " on Saturday", " on May 24", " on 2 June 2025", " yesterday", " between May 20-23",
        " on 31 February", " on 2099-01-01", " on June 2, 1999", " last night", " on Monday night",
    ]
)  # fmt: skip
SOURCES = st.sampled_from(
    [
        "", ", the air force said", ", according to the Defence Ministry", ", Governor Oleh Syniehubov said",
        ", the Russian Defence Ministry claimed", ", officials said",
    ]
)  # fmt: skip
_TEMPLATES = [
    "Russia launched {q}{n} {noun}{place}{date}{src}.",
    "Ukrainian air defences shot down {q}{n} {noun}{place}{date}{src}.",
    "{q}{n} {noun} were intercepted{place}{date}{src}.",
    "Air defences downed {n} of {m} {noun} launched by Russia{date}{src}.",
    "Of them, {n} were destroyed{place}.",
    "The attack{place} killed {q}{n} {noun} and injured {m}{src}.",
    "{q}{n} {noun} were injured{place}{date}{src}.",
    "Ukraine and Russia exchanged {n} {noun}{date}{src}.",
    "{n} soldiers and {m} civilians were returned home{date}.",
    "Russia attacked with {n} {noun} and {m} missiles{date}; {q}{m} were shot down.",
    "Ukraine launched {n} {noun} at Russia{place}{date}, {m} of which were destroyed{src}.",
    "Moscow said it had downed {n} Ukrainian {noun}{place}{date}.",
    "In total, {n} {noun} have been killed since February 2022{src}.",
]
SENTENCE = st.builds(
    lambda t, q, n, m, noun, place, date, src: t.format(
        q=q, n=n, m=m, noun=noun, place=place, date=date, src=src
    ),
    st.sampled_from(_TEMPLATES), QUALIFIERS, NUMBERS, NUMBERS, NOUNS, PLACES, DATES, SOURCES,
)  # fmt: skip
SEPARATORS = st.sampled_from([" ", " ", "\n", "\n\n", "  ", "\r\n", "\r", " \n", "\u2029"])


def _splice(text: str, inserts: list[tuple[int, str]]) -> str:
    """`text` with each (position, string) inserted, positions taken modulo its length."""
    for pos, piece in sorted(inserts, reverse=True):
        at = pos % (len(text) + 1)
        text = text[:at] + piece + text[at:]
    return text


@st.composite
def war_news(draw: st.DrawFn, max_sentences: int = 8) -> str:
    """An article of grammar-built sentences, with a title line sometimes, invisible and
    look-alike characters inserted anywhere (inside words and numbers too)."""
    sentences = draw(st.lists(SENTENCE, min_size=1, max_size=max_sentences))
    text = sentences[0] + "".join(draw(SEPARATORS) + s for s in sentences[1:])
    if draw(st.booleans()):
        text = (
            draw(st.sampled_from(["Overnight attack", "Prisoner swap", "Drones over Kyiv"])) + "\n\n" + text
        )
    odd = st.sampled_from(INVISIBLE + LOOKALIKES)
    inserts = draw(st.lists(st.tuples(st.integers(0, 10**6), odd), max_size=6))
    return _splice(text, inserts)


def with_invisibles(text: str, positions: list[int]) -> str:
    """`text` with zero-width and bidi characters (which reading removes) at the given positions."""
    return _splice(text, [(p, INVISIBLE[p % len(INVISIBLE)]) for p in positions])


# any text: every code point but surrogates (which no file can hold), often a war-news word
ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(exclude_categories=("Cs",)), st.sampled_from([*INVISIBLE, *LOOKALIKES, "\n", " "])
    ),
    max_size=400,
)
ARTICLE_TEXT = st.one_of(
    ANY_TEXT, war_news(), st.lists(st.one_of(SENTENCE, ANY_TEXT), max_size=5).map(" ".join)
)
