"""The Jinja2 environment of the report and the review page: templates shipped in this package
(templates/), every value escaped unless it is Markup made by our own highlighting."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


@cache
def environment() -> Environment:
    """One environment per process (templates compile once)."""
    env = Environment(
        loader=PackageLoader("ingest.review", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["share"] = _share
    env.filters["minutes"] = lambda t: f"{t:%Y-%m-%d %H:%M}" if t else ""
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)


def _share(value: float | None) -> str:
    """A share as a percentage with one decimal, rounding never to 100 % or 0 % falsely."""
    if value is None:
        return "—"
    pct = value * 100
    text = f"{pct:.1f} %"
    if text == "100.0 %" and value < 1:
        return "99.9 %"
    if text == "0.0 %" and value > 0:
        return "0.1 %"
    return text
