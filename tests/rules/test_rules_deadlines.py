"""The legal clock: base dates, adjustments and the explanation of each date."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parcours.rules import (
    Adjustment,
    ExtensionLimitExceeded,
    PathwayDates,
    RuleNotInForce,
    legal_clock,
)
from parcours.rules.dates import add_months

SIGNED = date(2025, 8, 1)
BASE = PathwayDates(
    registered_on=date(2025, 6, 15),
    permit_ordered_on=date(2025, 6, 15),
    agreement_signed_on=SIGNED,
    tracks=("citizenship", "french"),
)


def due(dates: PathwayDates, name: str) -> date:
    deadline = legal_clock(dates, on=SIGNED).deadline(name)
    assert deadline is not None
    return deadline.due_on


def test_each_deadline_explains_its_base_date_and_delay() -> None:
    deadline = legal_clock(BASE, on=SIGNED).deadline("certificate_by")
    assert deadline is not None
    assert (
        deadline.steps[0].detail == "permit ordered on 2025-06-15 + certificate_delay (18 months)"
    )


def test_an_extension_adds_a_step_with_its_reason() -> None:
    extension = Adjustment("extension", "illness certified", date(2026, 5, 1), months=3)
    deadline = legal_clock(replace(BASE, adjustments=(extension,)), on=SIGNED).deadline(
        "certificate_by"
    )
    assert deadline is not None
    assert deadline.due_on == date(2027, 3, 15)
    assert [step.kind for step in deadline.steps] == ["base", "extension"]
    assert "illness certified" in deadline.steps[1].detail


def test_the_person_is_late_from_the_day_after_the_deadline() -> None:
    deadline = legal_clock(BASE, on=SIGNED).deadline("present_by")
    assert deadline is not None
    assert not deadline.is_late(date(2025, 9, 15))
    assert deadline.is_late(date(2025, 9, 16))


def test_extensions_past_the_maximum_raise_a_clear_error() -> None:
    extension = Adjustment("extension", "long", date(2026, 5, 1), months=24)
    with pytest.raises(ExtensionLimitExceeded, match="2028-06-15"):
        legal_clock(replace(BASE, adjustments=(extension,)), on=SIGNED)


def test_the_clock_is_not_in_force_before_the_first_regime() -> None:
    with pytest.raises(RuleNotInForce):
        legal_clock(BASE, on=date(2014, 3, 26))


def test_evaluations_are_never_more_than_the_interval_apart() -> None:
    outcome = legal_clock(
        replace(BASE, evaluations_held=(date(2026, 1, 5), date(2026, 7, 1))),
        on=SIGNED,
    )
    held = [item for item in outcome.deadlines if item.name.startswith("evaluation_")]
    assert [item.due_on for item in held] == [
        add_months(SIGNED, 6),
        add_months(date(2026, 1, 5), 6),
    ]
    assert [step.kind for step in held[0].steps] == ["base", "evaluation_held"]
    upcoming = outcome.deadline("next_evaluation_by")
    assert upcoming is not None
    assert upcoming.due_on == add_months(date(2026, 7, 1), 6)


@settings(max_examples=100, deadline=None, database=None)
@given(st.integers(1, 40), st.integers(1, 365))
def test_a_suspension_never_brings_a_deadline_forward(start: int, length: int) -> None:
    first = date(2025, 8, 1) + (date(2025, 8, start % 28 + 1) - date(2025, 8, 1))
    suspension = Adjustment(
        "suspension", "clock stopped", first, until=date.fromordinal(first.toordinal() + length - 1)
    )
    moved = legal_clock(replace(BASE, adjustments=(suspension,)), on=SIGNED)
    before = {item.name: item.due_on for item in legal_clock(BASE, on=SIGNED).deadlines}
    for item in moved.deadlines:
        if item.name in before:
            assert item.due_on >= before[item.name]
