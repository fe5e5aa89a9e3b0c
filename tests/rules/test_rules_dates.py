"""Month arithmetic of domain.md: same day N months later, or the last day of that month."""

from __future__ import annotations

from calendar import monthrange
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parcours.rules.dates import add_months, add_years


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 3, 31), 1, date(2025, 4, 30)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
        (date(2025, 6, 15), 18, date(2026, 12, 15)),
        (date(2025, 12, 15), 1, date(2026, 1, 15)),
    ],
)
def test_n_months_after_a_date(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_a_29_february_anniversary_falls_on_28_february() -> None:
    assert add_years(date(2008, 2, 29), 18) == date(2026, 2, 28)


@settings(database=None)
@given(st.dates(date(1900, 1, 1), date(2100, 1, 1)), st.integers(0, 600))
def test_adding_months_never_goes_backwards_and_keeps_the_day_when_it_can(
    start: date, months: int
) -> None:
    result = add_months(start, months)
    assert result >= start
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    # The same day of the month, or the month's last day when it is shorter (31 Jan → 28 Feb).
    assert result.day == min(start.day, monthrange(result.year, result.month)[1])
