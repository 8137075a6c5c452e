"""Review decisions in plain words: "corrected value 60 → 50, loaded", not the JSON a decision
stores. Shared by the validation report and the review page."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

OUTCOMES = {
    "loaded": "loaded into facts",
    "kept_out": "kept out of facts",
    "still_failing": "still failing a check, so held again",
    "cleared": "the event value stands",
}
ACTIONS = {"accept": "accepted", "reject": "rejected", "correct": "corrected"}


def changes_words(changes: Mapping[str, Any], before: Mapping[str, Any] | None = None) -> str:
    """Each changed field as "field old → new" (just "field → new" when the old value is unknown)."""
    parts = []
    for name, new in sorted(changes.items()):
        old = (before or {}).get(name)
        shown = _shown(new)
        parts.append(
            f"{name} {_shown(old)} → {shown}"
            if before is not None and name in before
            else f"{name} → {shown}"
        )
    return ", ".join(parts)


def decision_words(
    action: str, outcome: str, changes: str | Mapping[str, Any] | None, fact: str | Mapping[str, Any] | None
) -> str:
    """A decision as a sentence: what was done, what changed and where the fact went."""
    changed = _mapping(changes)
    before = _mapping(fact) if fact is not None else None
    said = ACTIONS.get(action, action)
    if changed:
        said += " " + changes_words(changed, before)
    return f"{said}: {OUTCOMES.get(outcome, outcome)}"


def _mapping(value: str | Mapping[str, Any] | None) -> dict[str, Any]:
    if not value:
        return {}
    if isinstance(value, str):
        loaded = json.loads(value)
        return loaded if isinstance(loaded, dict) else {}
    return dict(value)


def _shown(value: Any) -> str:
    return "(none)" if value is None or value == "" else str(value)
