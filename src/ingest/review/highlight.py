"""Marking a fact's number in its sentence, and its sentence in its article, as escaped HTML.
Used by the validation report and the review page."""

from __future__ import annotations

import html
import re

from ingest.extract.numbers import find_numbers
from ingest.extract.text import tokenize


def number_span(sentence: str, value: int, value_max: int | None = None) -> tuple[int, int] | None:
    """Character span of the number `value` (a range up to `value_max`) in `sentence`, read the
    way the extractor reads numbers ("fifty-five", "1,200", "between 8,000 and 10,000")."""
    tokens = tokenize(sentence)
    found = [n for n in find_numbers(tokens) if n.value == value]
    if value_max is not None:
        found = sorted(found, key=lambda n: n.value_max != value_max)
    if found:
        n = found[0]
        return tokens[n.i].start, tokens[n.j - 1].end
    for written in (f"{value:,}", str(value)):
        m = re.search(rf"(?<![\d,.]){re.escape(written)}(?![\d]|,\d)", sentence)
        if m:
            return m.start(), m.end()
    return None


def evidence_html(sentence: str, value: int, value_max: int | None = None) -> str:
    """The sentence, escaped, with its number in `<mark class="number">`."""
    span = number_span(sentence, value, value_max)
    if span is None:
        return html.escape(sentence)
    a, b = span
    return (
        html.escape(sentence[:a])
        + f'<mark class="number">{html.escape(sentence[a:b])}</mark>'
        + html.escape(sentence[b:])
    )


def article_html(
    text: str, evidence: str, start: int, end: int, value: int, value_max: int | None = None
) -> str:
    """The article, escaped, with the evidence sentence in `<mark class="evidence">` and its
    number marked inside it. The offsets are trusted only where they hold the evidence."""
    if text[start:end] != evidence:
        found = text.find(evidence) if evidence else -1
        if found < 0:
            return html.escape(text)
        start, end = found, found + len(evidence)
    return (
        html.escape(text[:start])
        + f'<mark class="evidence" id="evidence">{evidence_html(text[start:end], value, value_max)}</mark>'
        + html.escape(text[end:])
    )
