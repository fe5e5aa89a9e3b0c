"""Hours pace: whether a track's hours lag behind what its minimum needs by its time limit
(a sign that the agreement is not followed, CWASS art. 152/8). The threshold is the dated
parameter `hours_pace_minimum_percent`; the caller passes it with the governing date."""

from __future__ import annotations

from datetime import date, timedelta
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


def behind_from(
    *, done: Decimal, minimum: int, starts_on: date, due_on: date, share: Decimal
) -> date | None:
    """The first day on which `behind_pace` holds with these hours, and on every day after
    (the hours owed only grow); None when it never does (they meet the minimum, or the
    share of it owed at the time limit). So the nightly sweep reads a file again on that
    day, not every night."""
    if minimum <= 0 or done >= minimum or done >= Decimal(minimum) * share:
        return None

    def behind(on: date) -> bool:
        return behind_pace(
            done=done, minimum=minimum, starts_on=starts_on, due_on=due_on, on=on, share=share
        )

    span = (due_on - starts_on).days
    if span <= 0:  # the whole minimum is owed at once
        return date.min
    # done < minimum × share × elapsed / span  ⇔  elapsed > done × span / (minimum × share)
    elapsed = int(done * span / (Decimal(minimum) * share)) + 1
    first = starts_on + timedelta(days=min(elapsed, span))
    # The division above is exact to 28 digits; the comparison is `behind_pace`'s own.
    while first > starts_on and behind(first - timedelta(days=1)):
        first -= timedelta(days=1)
    while not behind(first):
        first += timedelta(days=1)
    return first
