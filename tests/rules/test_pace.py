"""Hours pace: a track is behind when its hours are below the threshold of the hours due pro
rata between the agreement's signature and the track's time limit."""

from datetime import date
from decimal import Decimal

from parcours.rules import default_parameters
from parcours.rules.formulas.pace import behind_pace, hours_due_by

SIGNED, DUE = date(2026, 1, 1), date(2026, 5, 1)  # 120 days for 60 h


def _behind(done: str, on: date, share: str = "0.75") -> bool:
    return behind_pace(
        done=Decimal(done), minimum=60, starts_on=SIGNED, due_on=DUE, on=on, share=Decimal(share)
    )


def test_the_hours_due_grow_from_nothing_at_the_signature_to_the_minimum_at_the_limit() -> None:
    assert hours_due_by(minimum=60, starts_on=SIGNED, due_on=DUE, on=SIGNED) == 0
    assert hours_due_by(minimum=60, starts_on=SIGNED, due_on=DUE, on=date(2026, 3, 2)) == 30
    assert hours_due_by(minimum=60, starts_on=SIGNED, due_on=DUE, on=date(2026, 6, 1)) == 60


def test_a_track_below_the_threshold_of_the_hours_due_is_behind_pace() -> None:
    midway = date(2026, 3, 2)  # 30 h due: 75 % is 22.5 h
    assert _behind("22", midway)
    assert not _behind("22.5", midway)
    assert not _behind("0", SIGNED)  # nothing due yet
    assert not _behind("60", date(2026, 6, 1))  # the minimum is met


def test_the_threshold_is_a_dated_parameter_a_centre_can_review() -> None:
    entry = default_parameters().read("hours_pace_minimum_percent", date(2026, 11, 30))
    assert entry.as_int() == 75
    assert not _behind("22", date(2026, 3, 2), share="0.70")  # 21 h needed at 70 %
