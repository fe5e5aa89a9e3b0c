"""Completion: what is missing before the certificate can be issued."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parcours.rules import Progress, RulesInputError, completion

ON = date(2025, 8, 1)
WELCOME = ("social_assessment", "rights_and_duties", "french_test", "administrative_help")


def test_a_missing_item_carries_its_numbers_in_the_message() -> None:
    outcome = completion(Progress(WELCOME, ("citizenship",), {"citizenship": 12.5}), on=ON)
    (missing,) = outcome.reasons
    assert missing.render(lambda text: text) == "Citizenship training: 12.5 of 60 hours attended."
    assert missing.legal_basis


def test_an_unknown_track_is_refused() -> None:
    with pytest.raises(RulesInputError, match="tracks"):
        completion(Progress(WELCOME, ("dutch",)), on=ON)


def test_the_trace_shows_the_minimums_applied() -> None:
    outcome = completion(
        Progress(WELCOME, ("citizenship", "french"), {"citizenship": 60, "french": 400}), on=ON
    )
    assert {entry.parameter for entry in outcome.trace} >= {
        "citizenship_minimum_hours",
        "french_minimum_hours",
        "french_exit_level",
        "welcome_module_parts",
    }


@settings(max_examples=150, deadline=None, database=None)
@given(st.floats(0, 1000), st.sampled_from([None, "A1", "A2", "B1", "C2"]))
def test_reaching_a2_or_400_hours_always_closes_the_french_track(
    hours: float, level: str | None
) -> None:
    outcome = completion(
        Progress(WELCOME, ("french",), {"french": hours, "citizenship": 60}, level), on=ON
    )
    closed = hours >= 400 or level in {"A2", "B1", "C2"}
    assert (outcome.status == "complete") == closed


@settings(max_examples=100, deadline=None, database=None)
@given(st.sets(st.sampled_from(WELCOME)))
def test_every_welcome_part_not_done_is_listed(done: set[str]) -> None:
    outcome = completion(Progress(tuple(done), (), {"citizenship": 60}), on=ON)
    assert set(outcome.reason_codes) == {f"welcome_{part}_missing" for part in set(WELCOME) - done}
