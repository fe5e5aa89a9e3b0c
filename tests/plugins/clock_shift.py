"""Moves the whole test process's clock, to prove that no test reads the real date.

    PARCOURS_TEST_CLOCK_SHIFT_DAYS=400 pytest -p tests.plugins.clock_shift
    PARCOURS_TEST_CLOCK_SHIFT_DAYS=-400 pytest -p tests.plugins.clock_shift

The travel starts before collection (module-level dates and session fixtures see the shifted
clock) and ticks; the root `frozen_clock` fixture then travels each test to `FROZEN_AT`, so a
test that depends on the machine's date fails here and nowhere else.
"""

import os
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

_travel: time_machine.travel | None = None


def pytest_configure(config: pytest.Config) -> None:
    global _travel  # noqa: PLW0603 -- one travel for the whole session, stopped at its end
    days = int(os.environ.get("PARCOURS_TEST_CLOCK_SHIFT_DAYS", "400"))
    _travel = time_machine.travel(datetime.now(tz=UTC) + timedelta(days=days), tick=True)
    _travel.start()


def pytest_unconfigure(config: pytest.Config) -> None:
    if _travel is not None:
        _travel.stop()
