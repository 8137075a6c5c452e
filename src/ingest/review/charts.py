"""Bar charts as geometry for inline SVG: grouped bars per category (event dates along x, or
places down y), computed here in plain Python and drawn by templates/charts.html.j2. No chart
library: the report must open offline, and a few rectangles do not need one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Series:
    """One kind of bar: its name in the legend, its colour, a value per category (None: not stated)."""

    name: str
    colour: str
    values: Sequence[int | None]


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    series: str
    category: str
    value: int | None

    @property
    def title(self) -> str:
        """The bar's tooltip: what it counts, for which category."""
        shown = "not reported" if self.value is None else str(self.value)
        return f"{self.category}: {shown} {self.series}"


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str = "middle"


@dataclass
class BarChart:
    """Everything the template draws: the frame, gridlines with their values, bars, axis labels."""

    name: str  # the chart's id in the page and its accessible label
    title: str
    width: int
    height: int
    horizontal: bool
    plot: tuple[float, float, float, float]  # left, top, right, bottom of the plotting area
    bars: list[Bar] = field(default_factory=list)
    grid: list[tuple[float, str]] = field(default_factory=list)  # (x or y of the line, its value)
    labels: list[Label] = field(default_factory=list)  # category labels
    legend: list[tuple[str, str]] = field(default_factory=list)  # (colour, series name)


def nice_step(peak: int) -> int:
    """A round tick step giving about four to eight gridlines up to `peak`."""
    step = 1
    while peak / step > 8:
        for m in (2, 5, 10):
            if peak / (step * m) <= 8:
                return step * m
        step *= 10
    return step


def _scale(series: Sequence[Series]) -> tuple[int, int]:
    """(top of the value axis, gridline step) for the largest value of any series."""
    peak = max((v for s in series for v in s.values if v), default=0) or 1
    step = nice_step(peak)
    return step * -(-peak // step), step


def column_chart(
    name: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    width: int = 960,
    height: int = 260,
) -> BarChart | None:
    """Grouped vertical bars, a group per category (an event date); None when there is nothing."""
    if not categories:
        return None
    left, right, top, bottom = 52, 12, 16, 50
    plot_w, plot_h = width - left - right, height - top - bottom
    y_max, step = _scale(series)
    slot = plot_w / len(categories)
    bar = max(1.0, min(26.0, slot * 0.8 / len(series)))
    chart = BarChart(name, title, width, height, False, (left, top, width - right, top + plot_h))
    chart.grid = [(top + plot_h - plot_h * t / y_max, str(t)) for t in range(0, y_max + 1, step)]
    label_every = max(1, int(len(categories) / (plot_w / 80)) + 1)
    for k, category in enumerate(categories):
        x0 = left + slot * k + slot / 2 - bar * len(series) / 2
        for j, s in enumerate(series):
            value = s.values[k]
            h = plot_h * (value or 0) / y_max
            chart.bars.append(Bar(x0 + j * bar, top + plot_h - h, bar, h, s.colour, s.name, category, value))
        if k % label_every == 0:
            chart.labels.append(Label(left + slot * k + slot / 2, top + plot_h + 16, category))
    chart.legend = [(s.colour, s.name) for s in series]
    return chart


def row_chart(
    name: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    width: int = 960,
    row_height: int = 22,
) -> BarChart | None:
    """Grouped horizontal bars, a row per category (a place): long names stay readable."""
    if not categories:
        return None
    left, right, top, bottom = 220, 24, 12, 44
    plot_w = width - left - right
    plot_h = row_height * len(categories)
    height = top + plot_h + bottom
    x_max, step = _scale(series)
    bar = max(2.0, (row_height - 6) / len(series))
    chart = BarChart(name, title, width, height, True, (left, top, width - right, top + plot_h))
    chart.grid = [(left + plot_w * t / x_max, str(t)) for t in range(0, x_max + 1, step)]
    for k, category in enumerate(categories):
        y0 = top + row_height * k + 3
        for j, s in enumerate(series):
            value = s.values[k]
            chart.bars.append(
                Bar(left, y0 + j * bar, plot_w * (value or 0) / x_max, bar, s.colour, s.name, category, value)
            )
        chart.labels.append(Label(left - 8, y0 + row_height / 2 + 1, category, "end"))
    chart.legend = [(s.colour, s.name) for s in series]
    return chart
