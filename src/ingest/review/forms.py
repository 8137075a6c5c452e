"""What a reviewer types, checked before it reaches a decision: `field=value` corrections typed
to the fact's columns, the reviewer's name and the note. Shared by the CLI and the review page;
every refusal is one sentence (BadDecision)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from ingest.errors import BadDecision
from ingest.read.normalize import normalize_text
from schemas.facts import FACT_COLUMNS
from schemas.vocabulary import FACT_KINDS, QUALIFIERS

MAX_NOTE = 2000
MAX_BY = 100
MAX_TEXT_FIELD = 200

# Fields a correction may change, in the order forms show them. The rest (ids, the evidence and
# its offsets, lineage) say where the fact was read and are not the reviewer's to change.
CORRECTABLE: tuple[str, ...] = (
    "value",
    "value_max",
    "qualifier",
    "kind",
    "metric",
    "actor",
    "target",
    "weapon",
    "location",
    "event_date",
    "attributed_to",
)
_NULLABLE = frozenset({"value_max", "actor", "target", "weapon", "location", "event_date", "attributed_to"})
_NULL_WORDS = frozenset({"", "null", "none"})


def parse_changes(pairs: Iterable[str]) -> dict[str, Any]:
    """`field=value` strings (as typed after --correct, or posted by the review page) to typed
    values; an empty value, `null` or `none` clears a field that may be empty."""
    out: dict[str, Any] = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise BadDecision(f"expected field=value, got '{pair}' (e.g. value=42)")
        if name not in CORRECTABLE:
            if name in FACT_COLUMNS:
                raise BadDecision(
                    f"'{name}' cannot be corrected: it records where the fact was read; "
                    f"correctable fields are {', '.join(CORRECTABLE)}"
                )
            raise BadDecision(f"unknown field '{name}': correctable fields are {', '.join(CORRECTABLE)}")
        if name in out:
            raise BadDecision(f"'{name}' is given twice")
        out[name] = _parse_value(name, raw.strip())
    return out


def _parse_value(name: str, raw: str) -> Any:
    # normalised as article text is on reading: Unicode digits ("٥٤", "５４") are ASCII, invisible
    # characters go, so that a corrected value or place compares equal to a read one
    raw = normalize_text(raw).strip()
    if raw.lower() in _NULL_WORDS:
        if name in _NULLABLE:
            return None
        raise BadDecision(f"{name} cannot be empty")
    if name in ("value", "value_max"):
        if not re.fullmatch(r"\d{1,3}(,\d{3})+|\d+", raw, re.ASCII) or len(raw) > 15:
            raise BadDecision(f"{name} must be a whole number, 0 or more, not '{raw}'")
        return int(raw.replace(",", ""))
    if name == "event_date":
        try:
            return dt.date.fromisoformat(raw) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw) else _bad_date(raw)
        except ValueError:
            return _bad_date(raw)
    if name == "qualifier" and raw not in QUALIFIERS:
        raise BadDecision(f"qualifier must be one of {', '.join(QUALIFIERS)}, not '{raw}'")
    if name == "kind" and raw not in FACT_KINDS:
        raise BadDecision(f"kind must be one of {', '.join(FACT_KINDS)}, not '{raw}'")
    if len(raw) > MAX_TEXT_FIELD or not raw.isprintable():
        raise BadDecision(f"{name} must be printable text of at most {MAX_TEXT_FIELD} characters")
    return raw


def _bad_date(raw: str) -> None:
    raise BadDecision(f"event_date must be a date as YYYY-MM-DD, not '{raw}'")


def clean_by(by: str) -> str:
    by = by.strip()
    if not by or len(by) > MAX_BY or not by.isprintable():
        raise BadDecision(f"the reviewer's name must be 1 to {MAX_BY} printable characters")
    return by


def clean_note(note: str | None) -> str | None:
    if note is None or not note.strip():
        return None
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise BadDecision(f"the note is {len(note)} characters long; at most {MAX_NOTE}")
    if any(not (c.isprintable() or c in "\n\t") for c in note):
        raise BadDecision("the note has control characters")
    return note
