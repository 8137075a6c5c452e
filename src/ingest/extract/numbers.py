"""Reading stated numbers: digits, number words, "a dozen", ranges, bounds and "N-for-N".

Works on the token list of one sentence and returns each number with its token span, so the
extractor can look at the words around it. Number words are converted by text2num.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from text_to_num import text2num

from ingest.extract.text import Token, words

_UNITS = words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = ("hundred", "thousand")
NUMBER_WORDS = frozenset(_UNITS + _TENS + list(_SCALES))
# "downed Russia's Kh-59 guided missile": a side's possessive before one weapon counts it as one
POSSESSIVE_ONE = frozenset(["russia's", "russia’s", "ukraine's", "ukraine’s"])
DEFINITE_ONE = frozenset(["the", "its", "his", "her"])  # "killing the driver", "injuring its pilot"
_FATE_PARTICIPLES = frozenset(["killing", "injuring", "wounding"])
_STARTERS = NUMBER_WORDS | {"a", "an", "single", "dozen", "half"} | POSSESSIVE_ONE

# Words before a number that bound it: FACTS.md "How to read numbers".
_QUALIFIERS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("no", "more", "than"), "at_most"),
    (("no", "fewer", "than"), "at_least"),
    (("not", "less", "than"), "at_least"),
    (("in", "excess", "of"), "at_least"),
    (("upwards", "of"), "at_least"),
    (("at", "least"), "at_least"),
    (("more", "than"), "at_least"),
    (("just", "over"), "at_least"),
    (("just", "under"), "at_most"),
    (("over",), "at_least"),
    (("as", "many", "as"), "at_most"),
    (("up", "to"), "at_most"),
    (("a", "maximum", "of"), "at_most"),
    (("fewer", "than"), "at_most"),
    (("less", "than"), "at_most"),
    (("close", "to"), "approx"),
    (("an", "estimated"), "approx"),
    (("about",), "approx"),
    (("around",), "approx"),
    (("some",), "approx"),
    (("roughly",), "approx"),
    (("almost",), "approx"),
    (("nearly",), "approx"),
    (("approximately",), "approx"),
    (("approx",), "approx"),
    (("estimated",), "approx"),
)
_DASHES = frozenset("-–—")


@dataclass(frozen=True, slots=True)
class Num:
    """A number in a sentence. Token indices: `q` first word of its qualifier (or the number),
    `i` the number itself, `j` one past its last token (a range's upper bound included)."""

    q: int
    i: int
    j: int
    value: int
    value_max: int | None
    qualifier: str
    start: int  # character offsets within the sentence, qualifier included
    end: int
    compound: str | None = None  # "drone" in "a 175-drone attack", "year" in "40-year-old"
    each_way: bool = False  # "1,000-for-1,000" and "390 for 390"
    article: bool = False  # "a"/"an" read as one: the extractor accepts it only before a weapon


@lru_cache(maxsize=4096)
def word_value(phrase: str) -> int | None:
    """The value of a number-word phrase ("seventy-six", "one hundred and twenty"), else None."""
    try:
        return int(text2num(phrase, "en"))
    except ValueError:
        return None


MAX_DIGITS = 12  # a longer run of digits is an id, a phone number or garbage, not a count


def _digit_value(tok: Token) -> int | None:
    if tok.text[0] in "0123456789" and "." not in tok.text:
        digits = tok.text.replace(",", "")
        return int(digits) if len(digits) <= MAX_DIGITS else None
    return None


def _negative(tokens: list[Token], k: int) -> bool:
    """ "-40 drones": a minus sign stuck to the number and set off before it (not "20-40")."""
    if k == 0 or tokens[k - 1].text not in ("-", "−") or tokens[k - 1].end != tokens[k].start:
        return False
    return k == 1 or tokens[k - 2].end < tokens[k - 1].start


def _is_number_word(low: str) -> bool:
    return low in NUMBER_WORDS or ("-" in low and all(p in NUMBER_WORDS for p in low.split("-")))


def _read_one(tokens: list[Token], k: int) -> tuple[int, int] | None:
    """(value, index after) for a plain number starting at token k."""
    if k >= len(tokens):
        return None
    tok = tokens[k]
    v = _digit_value(tok)
    if v is not None:
        # "3 million" is money or population, not a count we read
        if k + 1 < len(tokens) and tokens[k + 1].low in ("million", "billion", "bn", "mln", "trillion"):
            return None
        return (-v if _negative(tokens, k) else v), k + 1
    low = tok.low
    if low == "dozen" or (low in ("a", "one") and _at(tokens, k + 1) == "dozen"):
        return 12, k + (1 if low == "dozen" else 2)
    if low == "half" and _at(tokens, k + 1) == "a" and _at(tokens, k + 2) == "dozen":
        return 6, k + 3
    if not _is_number_word(low):
        return None
    end = k + 1
    while end < len(tokens):
        nxt = tokens[end].low
        if _is_number_word(nxt) and nxt not in ("zero",):
            end += 1
        elif (
            nxt == "and"
            and end + 1 < len(tokens)
            and _is_number_word(tokens[end + 1].low)
            and (tokens[end - 1].low in _SCALES)
        ):
            end += 2
        else:
            break
    if _at(tokens, end) == "dozen":  # "two dozen"
        v = word_value(low)
        return (v * 12, end + 1) if v else None
    phrase = " ".join(t.low for t in tokens[k:end])
    v = word_value(phrase)
    if v is None and end - k > 1:  # "two three" is two numbers: take the first
        v, end = word_value(low), k + 1
    if _at(tokens, end) in ("million", "billion"):
        return None
    return (v, end) if v is not None else None


def _word_compound(low: str) -> tuple[int, str] | None:
    """ "twelve-drone" -> (12, "drone"); None unless number words are joined to a noun."""
    parts = low.split("-")
    if len(parts) < 2 or parts[0] not in NUMBER_WORDS:
        return None
    n = 1
    while n < len(parts) and parts[n] in NUMBER_WORDS:
        n += 1
    if n == len(parts):
        return None
    value = word_value(" ".join(parts[:n]))
    return (value, parts[n]) if value is not None else None


def _maybe_number(low: str) -> bool:
    """Could this token start a number? Rules out most words with two cheap checks."""
    return low[0] in "0123456789" or low.split("-", 1)[0] in _STARTERS


def _at(tokens: list[Token], k: int) -> str:
    return tokens[k].low if 0 <= k < len(tokens) else ""


def _adjacent(a: Token, b: Token) -> bool:
    return a.end == b.start


_OVER_VERBS = frozenset(
    ["hand", "handed", "handing", "hands", "turned", "turning", "took", "taken", "take", "taking"]
)
_QUALIFIERS_BY_LAST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _phrase, _qual in _QUALIFIERS:
    _QUALIFIERS_BY_LAST.setdefault(_phrase[-1], []).append((_phrase, _qual))


def _qualifier_before(tokens: list[Token], i: int) -> tuple[int, str]:
    if i == 0:
        return i, "exact"
    for phrase, qual in _QUALIFIERS_BY_LAST.get(tokens[i - 1].low, ()):
        n = len(phrase)
        if phrase == ("over",) and i >= 2 and tokens[i - 2].low in _OVER_VERBS:
            continue  # "handed over 95": a verb's particle, not "more than"
        if i - n >= 0 and tuple(t.low for t in tokens[i - n : i]) == phrase:
            return i - n, qual
    return i, "exact"


def find_numbers(tokens: list[Token]) -> list[Num]:
    """Every number stated in a sentence, left to right."""
    out: list[Num] = []
    k = 0
    n = len(tokens)
    while k < n:
        low = tokens[k].low
        if low == "between":  # between A and B
            a = _read_one(tokens, k + 1) if k + 1 < n else None
            if a and _at(tokens, a[1]) == "and":
                b = _read_one(tokens, a[1] + 1)
                if b and b[0] > a[0]:
                    out.append(_make(tokens, k, k + 1, b[1], a[0], b[0], "range"))
                    k = b[1]
                    continue
        if (
            low == "the"
            and k + 3 < n
            and tokens[k + 1].low[:1].isdigit()
            and tokens[k + 2].low == "-"
            and tokens[k + 3].low == "year-old"
        ):  # "The 59-year-old driver was wounded": one person, named by an age
            out.append(Num(k, k, k + 1, 1, None, "exact", tokens[k].start, tokens[k].end, article=True))
            k += 1
            continue
        if low in DEFINITE_ONE and k > 0 and tokens[k - 1].low in _FATE_PARTICIPLES and k + 1 < n:
            # "a drone hit a car, injuring the driver": one person, named by a role
            out.append(Num(k, k, k + 1, 1, None, "exact", tokens[k].start, tokens[k].end, article=True))
            k += 1
            continue
        if not _maybe_number(low):
            k += 1
            continue
        read = _read_one(tokens, k)
        hyphenated = _word_compound(tokens[k].low) if read is None else None
        if hyphenated is not None:  # "a twelve-drone attack"
            out.append(
                Num(
                    k,
                    k,
                    k + 1,
                    hyphenated[0],
                    None,
                    "exact",
                    tokens[k].start,
                    tokens[k].end,
                    compound=hyphenated[1],
                )
            )
            k += 1
            continue
        if read is None:
            if (low in ("a", "an", "single") or low in POSSESSIVE_ONE) and k + 1 < n:
                out.append(Num(k, k, k + 1, 1, None, "exact", tokens[k].start, tokens[k].end, article=True))
            k += 1
            continue
        value, end = read
        q, qualifier = _qualifier_before(tokens, k)
        if q == k and _at(tokens, k - 1) == "from" and _at(tokens, end) == "to":  # from A to B
            b = _read_one(tokens, end + 1)
            if b and b[0] > value:
                out.append(_make(tokens, k - 1, k, b[1], value, b[0], "range"))
                k = b[1]
                continue
        # A-B, A–B, A to B: a range when the second number is larger
        if end + 1 < n and (
            (
                tokens[end].text in _DASHES
                and _adjacent(tokens[end - 1], tokens[end])
                and _adjacent(tokens[end], tokens[end + 1])
            )
            or tokens[end].low == "to"
        ):
            b = _read_one(tokens, end + 1)
            if b and b[0] > value and (tokens[end].low != "to" or qualifier == "exact"):
                out.append(_make(tokens, q, k, b[1], value, b[0], "range"))
                k = b[1]
                continue
        # 1,000-for-1,000 and 390 for 390
        if _at(tokens, end) == "for" or (_at(tokens, end) in _DASHES and _at(tokens, end + 1) == "for"):
            f = end if tokens[end].low == "for" else end + 1
            nxt = f + 1
            if nxt < n and tokens[nxt].text in _DASHES:
                nxt += 1
            b = _read_one(tokens, nxt) if nxt < n else None
            if b and b[0] == value:
                out.append(_make(tokens, q, k, b[1], value, None, qualifier, each_way=True))
                k = b[1]
                continue
        compound = None
        if (
            end + 1 < n
            and tokens[end].text in _DASHES
            and _adjacent(tokens[end - 1], tokens[end])
            and (_adjacent(tokens[end], tokens[end + 1]))
        ):
            compound = tokens[end + 1].low.split("-")[0]  # "year" in 40-year-old
        out.append(_make(tokens, q, k, end, value, None, qualifier, compound=compound))
        k = end
    return out


def _make(
    tokens: list[Token],
    q: int,
    i: int,
    j: int,
    value: int,
    value_max: int | None,
    qualifier: str,
    *,
    compound: str | None = None,
    each_way: bool = False,
) -> Num:
    return Num(q, i, j, value, value_max, qualifier, tokens[q].start, tokens[j - 1].end, compound, each_way)
