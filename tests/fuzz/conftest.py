"""The fuzz tests' example counts, written for `make fuzz` (fuzz_support.write_counts)."""

from __future__ import annotations

import pytest
from fuzz_support import write_counts


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    write_counts()
