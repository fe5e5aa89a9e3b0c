"""Booking, finished: the window and birth dates enforced by the server, "Book" only where
online times exist, one clear outcome on cancelling with a message, the interpreter
question, and rate limits that count successful bookings per address with a proof of work."""

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date, datetime

import pytest
import time_machine
from django.core import mail
from django.test import Client

from parcours.accounts.models import User
from parcours.appointments.enums import AppointmentStatus
from parcours.appointments.models import Appointment, BookingIntake, InterpreterRequest
from parcours.appointments.services.online import (
    BOOKINGS_PER_ADDRESS_PER_HOUR,
    PER_SLOT_PER_HOUR,
    first_welcome_kind,
)
from parcours.appointments.slots import free_slots
from parcours.core.pow import challenge_new, solution_valid, solve
from parcours.notifications import sms
from parcours.territory.models import Centre, Office
from tests.factories.appointments import at, make_availability, make_office, said

TODAY = datetime(2026, 12, 1, 8, 0)
MANAGE = "/book/manage/"
Capture = Callable[..., AbstractContextManager[list[Callable[[], object]]]]
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_today")]


@pytest.fixture
def _today() -> object:
    with time_machine.travel(TODAY, tick=False):
        yield


def _form(slot: datetime | str, n: int = 0, **extra: str) -> dict[str, str]:
    data = {
        "choice": slot if isinstance(slot, str) else slot.isoformat(),
        "family_name": "Al Hassan",
        "given_names": f"Amira {n}",
        "birth_date": "1985-07-30",
        "phone": "",
        "email": f"amira{n}@example.org",
        "language": "en",
        "website": "",
        "interpreter": "no",
    }
    data.update(extra)
    return data


def _url(office: Office) -> str:
    return f"/book/office/{office.pk}/"


def _times(office: Office, how_many: int) -> list[datetime]:
    days = free_slots(
        office=office, kind=first_welcome_kind(), first_day=date(2026, 12, 2), days=28,
        now=at(date(2026, 12, 1), 8),
    )  # fmt: skip
    return [slot.starts_at for day in days for slot in day.slots][:how_many]


@pytest.mark.parametrize(
    "choice", ["2299-12-02T09:00:00+01:00", "2027-01-04T09:00:00+01:00", "2026-12-01T09:00:00"]
)
def test_a_time_outside_the_booking_window_is_refused(
    client: Client, office: Office, choice: str
) -> None:
    response = client.post(_url(office), _form(choice))
    assert response.status_code == 400
    assert not Appointment.objects.exists() and not BookingIntake.objects.exists()


@pytest.mark.parametrize("born", ["0001-01-01", "9999-12-31", "2026-12-02"])
def test_implausible_birth_dates_are_refused(client: Client, office: Office, born: str) -> None:
    response = client.post(_url(office), _form(_times(office, 1)[0], birth_date=born))
    assert response.status_code == 400
    assert not Appointment.objects.exists()


def test_book_appears_only_for_offices_with_online_times(
    client: Client, office: Office, cimb: Centre, agent_mons: User
) -> None:
    closed = make_office(cimb, name="Permanence sans agenda en ligne")
    make_availability(closed, agent_mons, online=False)
    page = client.get("/book/").content.decode()
    assert f"/book/office/{office.pk}/" in page and f"/book/office/{closed.pk}/" not in page
    finder = client.get("/offices/?q=7000").content.decode()
    assert f"/book/office/{office.pk}/" in finder and f"/book/office/{closed.pk}/" not in finder


def test_cancelling_shows_one_outcome_and_sends_a_message(
    client: Client, office: Office, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(office), _form(_times(office, 1)[0], phone="0470 12 34 56"))
    link = next(line for line in mail.outbox[0].body.splitlines() if "/book/manage/" in line)
    client.get(link.split("127.0.0.1:8000")[1])
    mail.outbox.clear()
    sms.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(MANAGE, {"action": "cancel"})
    assert response.status_code == 200
    assert said(
        response,
        "Your appointment is cancelled. We sent you a message that says so. "
        "You can book another one at any time.",
    )
    assert not said(
        response,
        "This link is not valid any more: the appointment was cancelled "
        "or moved. Call the centre if you need help.",
    )
    assert 'role="alert"' not in response.content.decode()
    assert Appointment.objects.get().status == AppointmentStatus.CANCELLED_BY_PERSON
    assert [m.subject for m in mail.outbox] == ["Your appointment is cancelled"]
    assert len(sms.outbox) == 1 and "cancelled" in sms.outbox[0].body


def test_the_first_appointment_form_asks_for_an_interpreter_and_the_language(
    client: Client, office: Office
) -> None:
    slot = _times(office, 1)[0]
    page = client.get(_url(office)).content.decode()
    assert 'name="interpreter"' in page and 'name="interpreter_language"' in page
    missing = client.post(_url(office), _form(slot, interpreter="yes"))
    assert missing.status_code == 400 and not BookingIntake.objects.exists()
    done = client.post(_url(office), _form(slot, interpreter="yes", interpreter_language="ar"))
    assert done.status_code == 302
    assert BookingIntake.objects.get().interpreter_language == "ar"
    request = InterpreterRequest.objects.get()  # on the centre's list of interpreters to book
    assert (request.language, request.appointment) == ("ar", Appointment.objects.get())


def test_a_busy_address_books_on_after_a_proof_of_work(client: Client, office: Office) -> None:
    times = _times(office, BOOKINGS_PER_ADDRESS_PER_HOUR + 2)
    for n in range(BOOKINGS_PER_ADDRESS_PER_HOUR):
        assert client.post(_url(office), _form(times[n], n)).status_code == 302
    over = BOOKINGS_PER_ADDRESS_PER_HOUR
    refused = client.post(_url(office), _form(times[over], over))
    assert refused.status_code == 400 and "data-pow" in refused.content.decode()
    assert Appointment.objects.count() == BOOKINGS_PER_ADDRESS_PER_HOUR
    challenge = challenge_new(bits=8)
    proof = {"pow_challenge": challenge, "pow_nonce": solve(challenge)}
    assert client.post(_url(office), _form(times[over], over, **proof)).status_code == 302
    # A solved challenge counts once.
    again = client.post(_url(office), _form(times[over + 1], over + 1, **proof))
    assert again.status_code == 400


def test_a_proof_of_work_is_checked() -> None:
    challenge = challenge_new(bits=8)
    nonce = solve(challenge)
    assert not solution_valid(challenge + "x", nonce)
    assert not solution_valid(challenge, "not a number")
    assert not solution_valid(challenge_new(bits=60), "0")  # unsolved
    assert solution_valid(challenge, nonce) and not solution_valid(challenge, nonce)


def test_attempts_at_one_time_are_limited(client: Client, office: Office) -> None:
    slot = _times(office, 1)[0]
    client.post(_url(office), _form(slot, 0))
    for n in range(1, PER_SLOT_PER_HOUR):
        Client().post(_url(office), _form(slot, n))
    response = Client().post(_url(office), _form(slot, 99))
    assert response.status_code == 400
    assert said(response, "Many people are trying this time. Choose another one.")
