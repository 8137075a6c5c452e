"""Weapon words inside a noun phrase: which subtype a phrase names, whether "a ... missile" counts
one, and the model an "including" phrase names."""

from __future__ import annotations

from ingest.extract import lexicon as lx
from ingest.extract.numbers import NUMBER_WORDS
from ingest.extract.text import words

_ARTICLE_MODIFIERS = frozenset(
    words(
        "single ballistic cruise guided hypersonic russian ukrainian unexploded kamikaze enemy air"
        " fpv first-person-view attack strike combat reconnaissance suicide loitering long-range"
        " jet-powered iranian-made iranian-designed russian-made anti-radar anti-ship air-launched"
        " sea-launched unmanned aerial ( )"
    )
)


def plain_article_count(low: list[str], start: int, head_end: int) -> bool:
    """ "a ballistic missile" counts one missile; "a combined drone and missile strike" does not."""
    between = low[start : head_end - 1]
    if any(w not in _ARTICLE_MODIFIERS and w not in lx.WEAPONS and not w.endswith("-type") for w in between):
        return False
    return not (
        head_end < len(low)
        and low[head_end] in ("and", "or")
        and lx.head_class(low[head_end + 1] if head_end + 1 < len(low) else "")
    )


def included_model(low: list[str], k: int) -> str | None:
    """ "72 drones, including Shahed-type ones and decoys": the drone model named first in an
    "including" phrase with no number of its own (one with a number is a count: "including 40 Shaheds")."""
    window = low[k : k + 4]  # "72 drones overnight, including ..."
    if "including" not in window:
        return None
    k += window.index("including")
    if low[k - 1] != "," or any(
        w[:1].isdigit() or w in NUMBER_WORDS for w in window[: window.index("including")]
    ):
        return None
    for w in low[k + 1 : k + 8]:
        if w[:1].isdigit() or w in NUMBER_WORDS or w in (",", ";", ".", "as"):
            return None
        model = lx.WEAPONS.get(w)
        if model in lx.DRONE_MODELS and model != "decoy":
            return model
    return None


def weapon_of(words: list[str], cls: str) -> str | None:
    words = [w if w in lx.WEAPONS or not w.endswith("s") else w[:-1] for w in words]  # "Shahed-136s"
    specific = [
        lx.WEAPONS[w]
        for w in words
        if w in lx.WEAPONS
        and (cls not in (lx.DRONE, lx.MISSILE) or (cls == lx.DRONE) == (lx.WEAPONS[w] in lx.DRONE_MODELS))
    ]  # "Iranian-made" names a drone model, never a missile's
    if specific[:1] == ["Iskander-M"] and "KN-23" in specific:
        return "Iskander-M/KN-23"  # "Iskander-M or North Korean KN-23 ballistic missiles"
    if specific:
        return specific[0]
    if cls == lx.MISSILE:
        classes = [lx.MISSILE_CLASSES[w] for w in words if w in lx.MISSILE_CLASSES]
        return classes[0] if classes else None
    return None
