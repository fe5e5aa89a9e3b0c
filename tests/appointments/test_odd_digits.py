"""Digits other than 0-9 (superscripts, Arabic-Indic) posted to the appointment pages are
refused or ignored, never a server error."""

from datetime import datetime

import pytest

from parcours.accounts.models import User
from parcours.appointments.models import BookingIntake, CollectiveSession
from parcours.territory.models import Office
from tests.appointments.conftest import NOW_DAY
from tests.factories.appointments import at, make_session, next_weekday
from tests.types import ClientFor

# Unicode digits that str.isdigit() accepts and int() refuses.
ODD_DIGITS = ["²", "١٢", "٣"]


@pytest.fixture
def session(office: Office, coordinator_mons: User, now: datetime) -> CollectiveSession:
    return make_session(
        office, coordinator_mons, starts_at=at(next_weekday(NOW_DAY, 1), 9), now=now
    )


@pytest.mark.parametrize("value", ODD_DIGITS)
def test_odd_digits_in_the_attendance_form_are_ignored(
    client_for: ClientFor, coordinator_mons: User, session: CollectiveSession, value: str
) -> None:
    url = f"/staff/appointments/sessions/{session.pk}/attendance/"
    response = client_for(coordinator_mons).post(url, {"present": [value]})
    assert response.status_code == 302


@pytest.mark.parametrize("value", ODD_DIGITS)
def test_odd_digits_as_a_file_number_are_refused_with_a_message(
    client_for: ClientFor, agent_mons: User, value: str
) -> None:
    assert agent_mons.centre_id is not None
    intake = BookingIntake.objects.create(
        centre_id=agent_mons.centre_id,
        family_name="Karimi",
        given_names="Zahra",
        birth_date=datetime(1990, 5, 4).date(),
        email="zahra@example.org",
        contact_key="k",
    )
    url = f"/staff/appointments/online/{intake.pk}/link/"
    response = client_for(agent_mons).post(url, {"person_id": value})
    assert response.status_code == 302
    intake.refresh_from_db()
    assert intake.matched_person is None


@pytest.mark.parametrize("value", ODD_DIGITS)
def test_odd_digits_in_the_invitation_forms_are_ignored(
    client_for: ClientFor, agent_mons: User, office: Office, value: str
) -> None:
    client = client_for(agent_mons)
    letters = client.post("/staff/appointments/invite/letters.pdf", {"appointment": [value]})
    assert letters.status_code == 302
    form = {
        "office": office.pk,
        "kind": 1,
        "first_day": "2026-12-01",
        "days": 5,
        "person": [value],
    }
    assert client.post("/staff/appointments/invite/", form).status_code in (200, 400)
