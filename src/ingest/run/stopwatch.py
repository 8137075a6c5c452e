"""Wall-clock laps of a run's stages, reported with its counts."""

from __future__ import annotations

import time


class Stopwatch:
    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> float:
        now = time.perf_counter()
        self.laps[stage] = round(now - self._last, 3)
        self._last = now
        return self.laps[stage]
