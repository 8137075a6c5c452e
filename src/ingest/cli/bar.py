"""How `newsfacts run` shows a run's progress (ingest.run.progress) on stderr: a bar redrawn in
place on a terminal; readable lines anywhere else (CI, a pipe, a file), a line per stage and per
tenth of the articles, never a redrawn line."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rich.console import Console

if TYPE_CHECKING:  # rich.progress costs a moment to import: only in `run`
    from rich.progress import Progress, TaskID

    from ingest.run.progress import Listener

MIN_ARTICLES = 200  # fewer are done before a bar would be worth reading


class Bar:
    """The bar on a terminal: stage, articles done of all, articles a second, elapsed, time left."""

    def __init__(self, bar: Progress) -> None:
        self.bar = bar
        self.task: TaskID | None = None

    def show(self, stages: tuple[str, ...], done: int, total: int) -> None:
        if total < MIN_ARTICLES:
            return
        if self.task is None:
            self.task = self.bar.add_task("", total=total, rate="")
        task = self.task
        self.bar.update(task, completed=done, total=total, description=", ".join(stages))
        speed = next(t.speed for t in self.bar.tasks if t.id == task)  # over Rich's recent window
        self.bar.update(task, rate=f"{speed:,.0f} articles/s" if speed else "")


class Lines:
    """Progress as lines: at each tenth of the articles, and when a stage is first at work."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.first: tuple[float, int] | None = None  # when articles were first done, how many: the
        # rate is the workers', not that of Prefect's and the worker processes' start-up
        self.seen: set[str] = set()
        self.tenth = -1

    def show(self, stages: tuple[str, ...], done: int, total: int) -> None:
        if total < MIN_ARTICLES:
            return
        if self.first is None and done:
            self.first = (time.monotonic(), done)
        tenth = done * 10 // total
        if tenth <= self.tenth and self.seen.issuperset(stages):
            return
        self.seen.update(stages)
        self.tenth = tenth
        line = f"{', '.join(stages)}: {done:,}/{total:,} articles ({done * 100 // total}%)"
        if self.first is not None and self.first[1] < done < total:
            rate = (done - self.first[1]) / (time.monotonic() - self.first[0])
            line += f", {rate:,.0f} articles/s, about {_duration((total - done) / rate)} left"
        self.console.print(line, highlight=False)


def _duration(seconds: float) -> str:
    s = round(seconds)
    return f"{s} s" if s < 60 else f"{s // 60} min {s % 60:02d} s"


@contextlib.contextmanager
def shown(console: Console) -> Iterator[Listener]:
    """A listener that shows progress on `console`: the bar on a terminal, else lines."""
    if not console.is_terminal:
        yield Lines(console)
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("{task.description:>8}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as bar:
        yield Bar(bar)
