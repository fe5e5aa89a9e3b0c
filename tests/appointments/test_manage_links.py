"""The links a newcomer receives: they act only before the appointment starts, leave no
token in URLs after the first visit, and bad values posted to the booking pages are refused
with a message, never a server error."""

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date, datetime

import pytest
import time_machine
from django.core import mail
from django.test import Client

from parcours.accounts.models import User
from parcours.appointments.enums import AppointmentStatus
from parcours.appointments.models import Appointment, Seat
from parcours.appointments.services.booking import (
    appointment_reschedule,
    appointment_set_status,
)
from parcours.appointments.services.online import (
    Applicant,
    OnlineBooking,
    online_book,
)
from parcours.appointments.services.online_sessions import OnlineRegistration, online_register
from parcours.core.errors import DomainError
from parcours.pathways.models import Pathway
from parcours.territory.models import Office
from tests.factories.appointments import at, book, make_session

TODAY = datetime(2026, 12, 1, 8, 0)
SLOT_DAY = date(2026, 12, 2)
MANAGE = "/book/manage/"
Capture = Callable[..., AbstractContextManager[list[Callable[[], object]]]]


def _booked(office: Office, now: datetime, hour: int = 9) -> tuple[Appointment, str]:
    booking = OnlineBooking(
        office=office,
        starts_at=at(SLOT_DAY, hour),
        family_name="Al Hassan",
        given_names="Amira",
        birth_date=date(1985, 7, 30),
        phone="0470 12 34 56",
        email="amira@example.org",
        language="en",
    )
    return online_book(booking=booking, now=now)


def _form(choice: str) -> dict[str, str]:
    return {
        "choice": choice,
        "family_name": "Al Hassan",
        "given_names": "Amira",
        "birth_date": "1985-07-30",
        "phone": "0470 12 34 56",
        "email": "amira@example.org",
        "language": "en",
        "website": "",
    }


@time_machine.travel(TODAY, tick=False)
def test_the_first_visit_keeps_the_token_out_of_the_url_and_sends_no_referrer(
    client: Client, office: Office
) -> None:
    _appointment, token = _booked(office, at(date(2026, 12, 1), 8))
    first = client.get(f"/book/manage/{token}/")
    assert first.status_code == 302 and first["Location"] == MANAGE
    assert first["Referrer-Policy"] == "no-referrer"
    page = client.get(MANAGE)
    # same-origin, not no-referrer: the page's own forms must carry their origin (CSRF).
    assert page.status_code == 200 and page["Referrer-Policy"] == "same-origin"
    assert token not in page.content.decode()
    assert token not in str(dict(client.session))  # only the digest is kept


@time_machine.travel(TODAY, tick=False)
def test_a_seat_link_also_leaves_the_token_url_at_once(
    client: Client, office: Office, coordinator_mons: User
) -> None:
    session = make_session(
        office, coordinator_mons, starts_at=at(SLOT_DAY, 9), now=at(date(2026, 11, 30), 8)
    )
    applicant = Applicant("Karimi", "Zahra", date(1990, 5, 4), "", "zahra@example.org", "fr")
    registration = OnlineRegistration(session=session, applicant=applicant)
    _seat, token = online_register(registration=registration, now=at(date(2026, 12, 1), 8))
    first = client.get(f"/book/sessions/registration/{token}/")
    assert first.status_code == 302 and first["Location"] == "/book/sessions/registration/"
    page = client.get("/book/sessions/registration/")
    assert 'data-seat-status="registered"' in page.content.decode()
    assert page["Referrer-Policy"] == "same-origin"
    client.post("/book/sessions/registration/", {"action": "cancel"})
    assert Seat.objects.get().status == "cancelled"


def test_the_link_can_no_longer_cancel_once_the_appointment_has_started(
    client: Client, office: Office
) -> None:
    appointment, token = _booked(office, at(date(2026, 12, 1), 8))  # online: from tomorrow
    with time_machine.travel(at(SLOT_DAY, 8), tick=False):  # the session cookie lasts hours
        client.get(f"/book/manage/{token}/")
    with time_machine.travel(at(SLOT_DAY, 9, 10), tick=False):
        page = client.get(MANAGE)
        assert 'data-started="true"' in page.content.decode()
        client.post(MANAGE, {"action": "cancel"})
        later = at(date(2026, 12, 3), 10).isoformat()
        client.post(MANAGE, {"action": "move", "choice": later})
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.PLANNED  # still there to be marked a no-show
    assert Appointment.objects.count() == 1


def test_a_started_appointment_cannot_be_cancelled_by_the_person_or_moved(
    office: Office, agent_mons: User, pathway: Pathway
) -> None:
    now = at(date(2026, 12, 1), 8)
    appointment = book(
        office=office, staff=agent_mons, person=pathway.person, starts_at=at(SLOT_DAY, 9), now=now
    )
    started = at(SLOT_DAY, 9, 5)
    with pytest.raises(DomainError, match="already started"):
        appointment_set_status(
            appointment=appointment,
            to=AppointmentStatus.CANCELLED_BY_PERSON,
            actor=agent_mons,
            now=started,
        )
    with pytest.raises(DomainError, match="already started"):
        appointment_reschedule(
            appointment=appointment,
            starts_at=at(date(2026, 12, 3), 9),
            actor=agent_mons,
            now=started,
        )
    appointment_set_status(
        appointment=appointment, to=AppointmentStatus.NO_SHOW, actor=agent_mons, now=started
    )


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    "choice",
    ["2026-12-02T09:00", "2026-12-02T09:00:00", "0001-01-01T00:00", "9999-12-31T23:59+14:00"],
)
def test_a_time_without_offset_or_out_of_range_is_not_a_server_error(
    client: Client, office: Office, choice: str
) -> None:
    response = client.post(f"/book/office/{office.pk}/", _form(choice))
    assert response.status_code in (302, 400)


@time_machine.travel(TODAY, tick=False)
def test_a_time_without_offset_is_read_in_local_time(client: Client, office: Office) -> None:
    response = client.post(f"/book/office/{office.pk}/", _form("2026-12-02T09:00"))
    assert response.status_code == 302
    assert Appointment.objects.get().starts_at == at(SLOT_DAY, 9)


@time_machine.travel(TODAY, tick=False)
def test_moving_to_a_time_without_offset_works(client: Client, office: Office) -> None:
    _appointment, token = _booked(office, at(date(2026, 12, 1), 8))
    client.get(f"/book/manage/{token}/")
    response = client.post(MANAGE, {"action": "move", "choice": "2026-12-03T10:00"})
    assert response.status_code == 200
    live = Appointment.objects.get(status=AppointmentStatus.PLANNED)
    assert live.starts_at == at(date(2026, 12, 3), 10)


@time_machine.travel(TODAY, tick=False)
def test_a_failing_mail_server_neither_fails_nor_undoes_the_booking(
    client: Client,
    office: Office,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    def broken(*args: object) -> None:
        raise ConnectionError("SMTP down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/book/office/{office.pk}/", _form(at(SLOT_DAY, 9).isoformat()))
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    keys = set(appointment.deliveries.values_list("key", flat=True))
    assert keys == {f"confirmation:{appointment.pk}:sms"}  # the e-mail will be retried


@time_machine.travel(TODAY, tick=False)
def test_a_confirmation_is_sent_once_per_channel_even_when_the_task_runs_twice(
    office: Office, django_capture_on_commit_callbacks: Capture
) -> None:
    from parcours.appointments.services.deliveries import confirmation_send  # noqa: PLC0415

    with django_capture_on_commit_callbacks(execute=True):
        appointment, token = _booked(office, at(date(2026, 12, 1), 8))
    assert len(mail.outbox) == 1
    assert not confirmation_send(appointment_id=appointment.pk, channel="email", token=token)  # type: ignore[arg-type]
    assert len(mail.outbox) == 1
