"""Text as the rest of the pipeline may trust it: invisible characters out, one apostrophe.

Applied once on reading, before article ids and evidence offsets are computed, so every offset
points into the stored text. Zero-width characters, soft hyphens and bidirectional controls
change nothing a reader sees but split words and numbers ("5\u200b4 drones") or flip a
direction; Unicode digits ("٥٤") are read as ASCII; the modifier-letter apostrophe that
Ukrainian outlets use ("Ukraineʼs") is the typographic one, which the extractor understands.
"""

from __future__ import annotations

import unicodedata

# zero-width space/non-joiner/joiner, word joiner, BOM, soft hyphen, and the bidi controls
_INVISIBLE = dict.fromkeys(
    [
        0x200B,
        0x200C,
        0x200D,
        0x2060,
        0xFEFF,
        0x00AD,
        0x200E,
        0x200F,
        0x061C,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    ]
)
_APOSTROPHES = {0x02BC: "’", 0x2032: "’"}
# a lone UTF-16 surrogate: JSON's "\ud800" escape spells one, but it is no character (UTF-8,
# polars and DuckDB refuse it), so it reads as the replacement character
_SURROGATES = dict.fromkeys(range(0xD800, 0xE000), "\ufffd")


def _digit_table() -> dict[int, str]:
    """Every Unicode decimal digit outside ASCII -> its ASCII digit (Arabic-Indic, full-width, …)."""
    table: dict[int, str] = {}
    for cp in range(0x80, 0x1FBFA):
        ch = chr(cp)
        if unicodedata.category(ch) == "Nd":
            table[cp] = str(unicodedata.digit(ch))
    return table


_TABLE: dict[int, str | None] = {**_INVISIBLE, **_APOSTROPHES, **_SURROGATES, **_digit_table()}


def normalize_text(text: str) -> str:
    """The text without invisible characters, with ASCII digits and one kind of apostrophe (and
    U+FFFD for a lone surrogate)."""
    if text.isascii():
        return text
    return text.translate(_TABLE)
