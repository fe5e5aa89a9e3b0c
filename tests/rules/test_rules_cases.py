"""Every YAML case of `parcours/rules/cases/` runs here, named by its sentence."""

from __future__ import annotations

import pytest

from parcours.rules.casebook import Case, check_case, load_cases
from parcours.rules.territory import Territory

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_case(case: Case, territory: Territory) -> None:
    assert check_case(case, territory=territory) == []


def test_the_casebook_holds_at_least_sixty_cases() -> None:
    assert len(CASES) >= 60


def test_the_casebook_covers_the_three_rules() -> None:
    assert {case.rule for case in CASES} == {"eligibility", "legal_clock", "completion"}
