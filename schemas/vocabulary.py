"""The warehouse's vocabulary: the fact kinds, metrics and qualifiers of FACTS.md, and the kinds
of web resource fetched."""

from __future__ import annotations

METRICS: dict[str, tuple[str, ...]] = {
    "aerial_attack": ("drones_launched", "drones_intercepted", "missiles_launched", "missiles_intercepted"),
    "prisoner_exchange": (
        "prisoners_released",
        "soldiers_released",
        "civilians_released",
        "prisoners_agreed",
    ),
    "casualties": ("killed", "injured"),
}
CUMULATIVE = "cumulative"
FACT_KINDS: tuple[str, ...] = (*METRICS, CUMULATIVE)
QUALIFIERS: tuple[str, ...] = ("exact", "approx", "at_least", "at_most", "range")
DATE_PRECISIONS: tuple[str, ...] = ("day", "month", "unknown")
# where a row of `facts` came from: the extractor, or a reviewer who accepted or corrected it
FACT_ORIGINS: tuple[str, ...] = ("extracted", "accepted", "corrected")

KIND_OF_METRIC: dict[str, str] = {m: kind for kind, metrics in METRICS.items() for m in metrics}
# "kind/metric" pairs an event fact may take; cumulative facts may use any metric name.
EVENT_PAIRS: tuple[str, ...] = tuple(f"{kind}/{m}" for kind, metrics in METRICS.items() for m in metrics)
# what a URL given to a run turned out to be (web_cache.kind)
WEB_KINDS: tuple[str, ...] = ("feed", "page", "export")
