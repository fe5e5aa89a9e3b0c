"""The French track ends only on proof, and hours never count twice."""

from datetime import date
from decimal import Decimal

import pytest

from parcours.accounts.models import User
from parcours.pathways.facts import french_level
from parcours.pathways.models import Evaluation, Pathway
from parcours.rules.errors import RulesError
from parcours.training.ledger import hours_by_track
from parcours.training.models import Enrolment
from parcours.training.selectors import ledger_terms
from parcours.training.services.attendance import (
    AttendanceError,
    attendance_record_statement,
)
from tests.errors import refused
from tests.factories.training import record_hours

pytestmark = pytest.mark.django_db
TODAY = date(2026, 5, 29)


def test_an_evaluations_french_level_alone_does_not_end_the_french_track(
    agreed: Pathway, agent_mons: User
) -> None:
    before = french_level(agreed)  # the French test of the welcome module
    Evaluation.objects.create(
        pathway=agreed,
        held_on=date(2026, 5, 1),
        access_to_training="ok",
        attendance="ok",
        french_level="B1",
        held_by=agent_mons,
    )
    assert before != "B1"
    assert french_level(agreed) == before


def test_session_hours_on_a_date_an_attestation_covers_are_refused(
    enrolled: Enrolment, agent_mons: User
) -> None:
    attendance_record_statement(
        enrolment=enrolled,
        hours=Decimal(20),
        period_from=date(2026, 5, 1),
        up_to=date(2026, 5, 10),
        actor=agent_mons,
        today=TODAY,
    )
    with refused(
        "%(n)s entry has an error: nothing was recorded.",
        AttendanceError,
        plural="%(n)s entries have an error: nothing was recorded.",
    ):
        record_hours(enrolled, {date(2026, 5, 6): "2"})
    record_hours(enrolled, {date(2026, 5, 12): "2"})  # after the period: counted
    assert hours_by_track(enrolled.pathway) == {"french": 22.0}


def test_a_missing_exit_level_parameter_is_an_error_not_a_silent_none(
    agreed: Pathway, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing(name: str, on: date) -> object:
        raise RulesError(f"{name}: no value in force on {on}")

    monkeypatch.setattr("parcours.pathways.parameters.read", missing)
    with pytest.raises(RulesError):
        ledger_terms(agreed)
