"""What the review page's templates show of items, failures and the correction form: plain
values and our own highlighted HTML (Markup), so that the templates only lay them out."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ingest.review.forms import CORRECTABLE
from ingest.review.highlight import article_html, evidence_html
from ingest.review.items import Item
from ingest.review.wording import decision_words
from schemas.vocabulary import FACT_KINDS, METRICS, QUALIFIERS

_ALL_METRICS = tuple(m for metrics in METRICS.values() for m in metrics)
_CHOICES: dict[str, tuple[str, ...]] = {"qualifier": QUALIFIERS, "kind": FACT_KINDS, "metric": _ALL_METRICS}
_NUMBERS = ("value", "value_max")
_PARTIES = ("actor", "target")  # chosen from the parties the warehouse's facts name
_SUGGESTED = ("weapon", "location", "attributed_to")  # free text, with the values in use suggested


def _shown(value: Any) -> str:
    return "" if value is None else str(value)


def sentence(row: dict[str, Any]) -> Markup:
    """A fact's sentence with its number marked."""
    return Markup(evidence_html(row.get("evidence") or "", int(row["value"]), row.get("value_max")))


def _fact_line(fact: dict[str, Any]) -> dict[str, Any]:
    return {
        "metric": fact.get("metric"),
        "value": fact.get("value"),
        "value_max": fact.get("value_max"),
        "parties": f"{fact.get('actor') or '?'} → {fact.get('target') or '?'}",
        "weapon": fact.get("weapon"),
        "location": fact.get("location"),
        "sentence": sentence(fact),
    }


def item_view(item: Item) -> dict[str, Any]:
    """An item: its check, where it is from, each failing fact and what else its event holds."""
    first = item.first
    fact = first["fact"]
    return {
        "id": item.id,
        "check": item.check,
        "is_event": item.is_event,
        "title": first.get("title") or first.get("source") or first.get("article_id"),
        "kind": fact.get("kind"),
        "event_date": fact.get("event_date") or "date unknown",
        "failures": [
            {"id": f["id"], "message": f["message"], **_fact_line(f["fact"])} for f in item.failures
        ],
        "messages": sorted({f["message"] for f in item.failures}),
        "context": [
            {**_fact_line(c), "article": c.get("article"), "origin": c.get("origin")} for c in item.context
        ],
    }


def failure_view(f: dict[str, Any]) -> dict[str, Any]:
    """One failure as `items.failure_detail` reads it, with its article and the evidence marked."""
    fact = f["fact"]
    text = f["text"] or ""
    decision = f["decision"]
    article = None
    if text:
        article = Markup(
            article_html(
                text,
                fact.get("evidence") or "",
                fact.get("evidence_start") or 0,
                fact.get("evidence_end") or 0,
                fact["value"],
                fact.get("value_max"),
            )
        )
    return {
        **f,
        "article": article,
        "published": _shown(f.get("published_at")) or "unknown",
        "decision_words": decision_words(decision["action"], decision["outcome"], decision["changes"], fact)
        if decision
        else None,
    }


def correction_fields(
    fact: dict[str, Any], vocabulary: dict[str, list[str]], typed: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """The correction form's fields, in CORRECTABLE order: each with its input type, the value to
    show (what was typed, when a value was refused; else the fact's) and its choices."""
    fields = []
    for name in CORRECTABLE:
        current = _shown(fact.get(name))
        value = typed[f"f_{name}"] if typed and f"f_{name}" in typed else current
        field: dict[str, Any] = {"name": name, "value": value, "choices": [], "type": "text"}
        if name in _NUMBERS:
            field["type"] = "number"
        elif name == "event_date":
            field["type"] = "date"
        elif name in _CHOICES or name in _PARTIES:
            field["type"] = "select"
            options = list(_CHOICES.get(name) or vocabulary.get("actor", []))
            if name in _PARTIES:
                options = ["", *options]
            for extra in (current, value):
                if extra not in options:
                    options.append(extra)
            field["choices"] = options
        elif name in _SUGGESTED:
            field["choices"] = vocabulary.get(name, [])
        fields.append(field)
    return fields
