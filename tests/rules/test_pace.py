"""Hours pace: a track is behind when its hours are below the threshold of the hours due pro
rata between the agreement's signature and the track's time limit."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from parcours.rules import default_parameters
from parcours.rules.formulas.pace import behind_from, behind_pace, hours_due_by

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


def test_the_day_a_track_falls_behind_is_the_first_day_behind_pace() -> None:
    # 22.5 h is 75 % of the 30 h due at midway (2 March); 22 h falls behind a day earlier.
    first = behind_from(
        done=Decimal(22), minimum=60, starts_on=SIGNED, due_on=DUE, share=Decimal("0.75")
    )
    assert first == date(2026, 3, 1)
    assert _behind("22", first) and not _behind("22", first - timedelta(days=1))

    def falls(done: int) -> date | None:
        return behind_from(
            done=Decimal(done), minimum=60, starts_on=SIGNED, due_on=DUE, share=Decimal("0.75")
        )

    assert falls(45) is None  # 75 % of the minimum: never behind
    assert falls(60) is None
    assert falls(0) == SIGNED + timedelta(days=1)


@given(
    done=st.decimals(min_value=0, max_value=500, places=2),
    minimum=st.integers(min_value=1, max_value=500),
    span=st.integers(min_value=1, max_value=800),
    percent=st.integers(min_value=1, max_value=100),
)
def test_behind_from_agrees_with_behind_pace_on_every_day(
    done: Decimal, minimum: int, span: int, percent: int
) -> None:
    share = Decimal(percent) / 100
    due = SIGNED + timedelta(days=span)
    first = behind_from(done=done, minimum=minimum, starts_on=SIGNED, due_on=due, share=share)

    def behind(on: date) -> bool:
        return behind_pace(
            done=done, minimum=minimum, starts_on=SIGNED, due_on=due, on=on, share=share
        )

    after = due + timedelta(days=30)
    if first is None:
        assert not behind(due) and not behind(after)
        return
    assert SIGNED < first <= due
    assert behind(first) and behind(due) and behind(after)
    assert not behind(first - timedelta(days=1))
