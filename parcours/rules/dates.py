"""Date arithmetic of the decree, as domain.md fixes it: "N months after D" is the same day
number N months later, or the last day of that month when it has no such day
(31 Jan + 1 month = 28/29 Feb). The person is late from the day after."""

from __future__ import annotations

from datetime import date, timedelta

# Calendar facts, not rule values.
_MONTHS_IN_YEAR = 12
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    if month == 2 and is_leap(year):  # noqa: PLR2004 - February, a calendar fact
        return 29
    return _DAYS_IN_MONTH[month - 1]


def add_months(start: date, months: int) -> date:
    years, month_index = divmod(start.month - 1 + months, _MONTHS_IN_YEAR)
    year, month = start.year + years, month_index + 1
    return date(year, month, min(start.day, days_in_month(year, month)))


def add_years(start: date, years: int) -> date:
    # Anniversaries follow the same rule: a person born on 29 Feb turns 18 on 28 Feb.
    return add_months(start, years * _MONTHS_IN_YEAR)


def add_days(start: date, days: int) -> date:
    return start + timedelta(days=days)


def inclusive_days(first: date, last: date) -> int:
    return (last - first).days + 1
