"""Hours pace: whether a track's hours lag behind what its minimum needs by its time limit
(a sign that the agreement is not followed, CWASS art. 152/8). The threshold is the dated
parameter `hours_pace_minimum_percent`; the caller passes it with the governing date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal


def hours_due_by(*, minimum: int, starts_on: date, due_on: date, on: date) -> Decimal:
    """The hours due pro rata on `on`: nothing at the start, the minimum at the time limit."""
    span = (due_on - starts_on).days
    if span <= 0 or on >= due_on:
        return Decimal(minimum)
    elapsed = max((on - starts_on).days, 0)
    return Decimal(minimum) * elapsed / span


def behind_pace(
    *, done: Decimal, minimum: int, starts_on: date, due_on: date, on: date, share: Decimal
) -> bool:
    """`share`: the parameter as a fraction (75 % is 0.75)."""
    if minimum <= 0 or done >= minimum:
        return False
    due = hours_due_by(minimum=minimum, starts_on=starts_on, due_on=due_on, on=on)
    return done < due * share
