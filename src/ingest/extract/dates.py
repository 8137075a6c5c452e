"""Event dates: the calendar day a sentence's event ended, resolved against the article's date.

Explicit dates ("March 3", "between May 20-23") carry their own day; weekday names, "overnight",
"today" and "yesterday" need the article's day. A month-only or unknown article date leaves
those unresolved (None) rather than guessing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.extract.folded import Folded

_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
_WEEKDAYS = {
    d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
}
_M = r"(?P<m>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*)\.?"
# a span's second day is no clock: "on March 2 and 08:00 on March 3" is March 2, then March 3
_D = r"(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:[-–]|and|to)\s*(?P<d2>\d{1,2})(?![\d:]|\.\d)(?:st|nd|rd|th)?)?"
_Y = r"(?:,?\s+(?P<y>(?:19|20)\d\d))?"
_EXPLICIT = tuple(
    re.compile(rf"\b{p}\b(?![-–]\d)", re.IGNORECASE)
    for p in (rf"{_M}\s+{_D}{_Y}", rf"{_D}\s+(?:of\s+)?{_M}{_Y}", r"(?P<iso>(?:19|20)\d\d-\d\d-\d\d)")
)
_MONTH_YEAR = re.compile(rf"\b{_M}\s+(?P<y>(?:19|20)\d\d)\b", re.IGNORECASE)
_WEEKDAY = Folded(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b")
_TODAY = Folded(r"\b(overnight|last night|this morning|today|tonight|earlier today|this evening)\b")
# what joins the two ends of a span: "May 20 and May 23", "18:00 on March 2 and 08:00 on March 3",
# "from 23:00 on March 25 to 06:00 Moscow time on March 26"
_JOINED = re.compile(
    r"\s*(?:and|to|until|till|through|-|–)\s*"
    r"(?:\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?\s*)?(?:(?:moscow|kyiv|local)\s+time\s+)?(?:on\s+)?)?",
    re.IGNORECASE,
)
# "said Saturday", "announced on Monday": the day of the saying, not of the event
_SAID_ON = re.compile(
    r"\b(?:said|says|announced|reported|stated|told|confirmed|wrote|added)\s+(?:on\s+|late\s+|early\s+)?$",
    re.IGNORECASE,
)
_YESTERDAY = Folded(r"\byesterday\b")
# A date after these words is not when the counted event happened.
_NOT_EVENT = re.compile(
    r"\b(?:since|until|till|before|by|from|after|as of|next|coming|scheduled for)\s+(?:late\s+|early\s+)?$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class ArticleDate:
    """The article's publication date and how much of it is known."""

    date: dt.date | None
    precision: str  # "day", "month" or "unknown"

    @property
    def day(self) -> dt.date | None:
        return self.date if self.precision == "day" else None

    @property
    def year(self) -> int | None:
        return self.date.year if self.date and self.precision in ("day", "month") else None


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in a sentence."""

    start: int
    end: int
    date: dt.date | None  # None: stated, but the article's date does not let us resolve it
    is_event: bool  # False for "since March 11", "until Friday"


def date_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of explicit dates and month-year mentions: numbers inside them are not counts."""
    spans = [m.span() for m in _explicit_matches(sentence)]
    if spans or _MONTH_HINT.search(sentence):
        spans += [m.span() for m in _MONTH_YEAR.finditer(sentence)]
    return spans


def find_event_date(sentence: str, article: ArticleDate) -> DateMention | None:
    """The event date a sentence states, if it states one (explicit date first, then weekday,
    then "overnight"/"today"/"yesterday")."""
    return _find(sentence, article.date, article.precision)


@lru_cache(maxsize=65536)
def _find(sentence: str, published: dt.date | None, precision: str) -> DateMention | None:
    day = published if precision == "day" else None
    year = published.year if published and precision in ("day", "month") else None
    mentions: list[DateMention] = []
    explicit = _explicit_matches(sentence)
    for i, m in enumerate(explicit):
        nxt = explicit[i + 1] if i + 1 < len(explicit) else None
        if nxt is not None and _JOINED.fullmatch(sentence[m.end() : nxt.start()]):
            continue  # "between May 20 and May 23": the span ends on the second
        resolved = _explicit(m, year, latest_day(published, precision))
        spans = nxt is None and ("d2" in m.re.groupindex and m.group("d2") is not None)
        mentions.append(DateMention(m.start(), m.end(), resolved, spans or _is_event(sentence, m)))
    if not mentions:
        weekdays = list(_WEEKDAY.finditer(sentence))
        if len(weekdays) > 1:  # "said Saturday that ... in the night between Wednesday and Thursday"
            weekdays = [m for m in weekdays if not _SAID_ON.search(sentence, 0, m.start())] or weekdays
        for i, m in enumerate(weekdays):
            nxt = weekdays[i + 1] if i + 1 < len(weekdays) else None
            if nxt is not None and _JOINED.fullmatch(sentence[m.end() : nxt.start()]):
                continue  # "the night between Wednesday and Thursday": the span ends on the second
            target = _WEEKDAYS[m.group(1).lower()]
            resolved = _days_before(day, (day.weekday() - target) % 7) if day else None
            mentions.append(DateMention(m.start(), m.end(), resolved, _is_event(sentence, m)))
    if not mentions:
        for m in _TODAY.finditer(sentence):
            mentions.append(DateMention(m.start(), m.end(), day, True))
        for m in _YESTERDAY.finditer(sentence):
            mentions.append(DateMention(m.start(), m.end(), _days_before(day, 1) if day else None, True))
    events = [d for d in mentions if d.is_event]
    return events[0] if events else None


_MONTH_HINT = Folded(r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d{4}-\d\d")


@lru_cache(maxsize=4096)
def _explicit_matches(sentence: str) -> list[re.Match[str]]:
    if _MONTH_HINT.search(sentence) is None:
        return []
    found = [m for pattern in _EXPLICIT for m in pattern.finditer(sentence)]
    return sorted(found, key=lambda m: m.start())


def _is_event(sentence: str, m: re.Match[str]) -> bool:
    if sentence[m.end() : m.end() + 2] in ("'s", "’s"):
        return True  # "the death toll from Tuesday's strike"
    return _NOT_EVENT.search(sentence, 0, m.start()) is None


def latest_day(published: dt.date | None, precision: str) -> dt.date | None:
    """The last day an event reported by the article can have happened (a day of slack for
    time zones), or None when the article's date is unknown."""
    if published is None or precision == "unknown":
        return None
    try:
        if precision == "month":
            return (published.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return published + dt.timedelta(days=1)
    except OverflowError:  # an article dated in December 9999: nothing comes after it
        return dt.date.max


def _days_before(day: dt.date, days: int) -> dt.date | None:
    """The day `days` before `day`, or None when that is before the first day a date can hold."""
    try:
        return day - dt.timedelta(days=days)
    except OverflowError:
        return None


def _explicit(m: re.Match[str], year: int | None, latest: dt.date | None) -> dt.date | None:
    if "iso" in m.re.groupindex:
        try:
            return dt.date.fromisoformat(m.group("iso"))
        except ValueError:
            return None
    month = _MONTHS.get(m.group("m").lower().rstrip("."))
    if month is None:
        month = next((v for k, v in _MONTHS.items() if m.group("m").lower().startswith(k)), None)
    d = int(m.group("d2") or m.group("d1"))
    y = int(m.group("y")) if m.group("y") else year
    if month is None or y is None:
        return None
    try:
        resolved = dt.date(y, month, d)
    except ValueError:
        return None
    if not m.group("y") and latest and resolved > latest:
        # "on December 30" in a January article is last year's
        try:
            resolved = dt.date(y - 1, month, d)
        except ValueError:
            return None
    return resolved
