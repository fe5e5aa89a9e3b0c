from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date, datetime

import pytest
import time_machine
from django.core import mail
from django.test import Client

from parcours.accounts.models import User
from parcours.appointments.enums import AppointmentStatus, IntakeStatus
from parcours.appointments.models import Appointment, BookingIntake, ClosingDay
from parcours.appointments.services.online import first_welcome_kind
from parcours.appointments.slots import free_slots
from parcours.notifications import sms
from parcours.pathways.models import Pathway
from parcours.territory.models import Office
from tests.factories.appointments import at, said

TODAY = datetime(2026, 12, 1, 8, 0)
MANAGE = "/book/manage/"
Capture = Callable[..., AbstractContextManager[list[Callable[[], object]]]]


def _form(slot: datetime, **extra: str) -> dict[str, str]:
    data = {
        "choice": slot.isoformat(),
        "family_name": "Al Hassan",
        "given_names": "Amira",
        "birth_date": "1985-07-30",
        "phone": "0470 12 34 56",
        "email": "amira@example.org",
        "language": "en",
        "website": "",
    }
    data.update(extra)
    return data


def _url(office: Office) -> str:
    return f"/book/office/{office.pk}/"


def test_no_slot_on_christmas_easter_monday_or_a_centre_closing_day(
    office: Office, agent_mons: User
) -> None:
    ClosingDay.objects.create(centre=office.centre, on=date(2026, 12, 24), reason="Fermeture")
    kind = first_welcome_kind()
    now = at(date(2026, 12, 20), 8)
    days = {
        d.day
        for d in free_slots(office=office, kind=kind, first_day=date(2026, 12, 21), days=7, now=now)
    }
    assert days == {date(2026, 12, 21), date(2026, 12, 22), date(2026, 12, 23)}
    easter = free_slots(
        office=office, kind=kind, first_day=date(2026, 4, 6), days=2, now=at(date(2026, 4, 1), 8)
    )
    assert [d.day for d in easter] == [date(2026, 4, 7)]


@time_machine.travel(TODAY, tick=False)
def test_a_newcomer_books_then_cancels_with_the_link(
    client: Client, office: Office, pathway: Pathway, django_capture_on_commit_callbacks: Capture
) -> None:
    slot = at(date(2026, 12, 2), 9)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(office), _form(slot))
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    intake = BookingIntake.objects.get()
    assert (appointment.starts_at, appointment.intake_id) == (slot, intake.pk)
    assert intake.matched_person == pathway.person  # the duplicate rules of parcours.people
    assert intake.status == IntakeStatus.NEW
    message = mail.outbox[0]
    assert message.attachments[0][0] == "appointment.ics"
    assert "BEGIN:VEVENT" in message.attachments[0][1]
    link = next(line for line in message.body.splitlines() if "/book/manage/" in line)
    assert sms.outbox[0].to == "+32470123456" and link in sms.outbox[0].body
    path = link.split("127.0.0.1:8000")[1]
    assert client.get(path, follow=True).status_code == 200
    assert client.post(MANAGE, {"action": "cancel"}).status_code == 200
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED_BY_PERSON
    assert client.get(path, follow=True).status_code == 404  # the link is spent
    assert "Al Hassan" not in path and "1985" not in path


@time_machine.travel(TODAY, tick=False)
def test_a_newcomer_moves_the_appointment_with_the_link(
    client: Client, office: Office, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(office), _form(at(date(2026, 12, 2), 9)))
    link = next(line for line in mail.outbox[0].body.splitlines() if "/book/manage/" in line)
    path = link.split("127.0.0.1:8000")[1]
    new_slot = at(date(2026, 12, 3), 10)
    client.get(path)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(MANAGE, {"action": "move", "choice": new_slot.isoformat()})
    assert response.status_code == 200
    live = Appointment.objects.get(status=AppointmentStatus.PLANNED)
    assert live.starts_at == new_slot
    # The message after the move carries the new time and a new link, which works.
    body = mail.outbox[0].body
    assert "moved to Thursday 3 December 2026, 10:00" in body
    new_link = next(line for line in body.splitlines() if "/book/manage/" in line)
    assert new_link != link
    assert Client().get(new_link.split("127.0.0.1:8000")[1], follow=True).status_code == 200
    assert Client().get(path, follow=True).status_code == 404  # the first link is spent


@time_machine.travel(TODAY, tick=False)
def test_a_taken_slot_is_refused_with_a_clear_message(client: Client, office: Office) -> None:
    slot = at(date(2026, 12, 2), 9)
    client.post(_url(office), _form(slot))
    response = client.post(_url(office), _form(slot, email="other@example.org", phone=""))
    assert response.status_code == 400
    assert said(response, "This time is no longer free. Choose another one.")
    assert Appointment.objects.count() == 1


@time_machine.travel(TODAY, tick=False)
def test_the_honeypot_refuses_and_nothing_is_stored(client: Client, office: Office) -> None:
    response = client.post(_url(office), _form(at(date(2026, 12, 2), 9), website="http://spam"))
    assert response.status_code == 400
    assert not Appointment.objects.exists() and not BookingIntake.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_open_bookings_per_contact_are_capped(client: Client, office: Office) -> None:
    for hour in (9, 10):
        assert client.post(_url(office), _form(at(date(2026, 12, 2), hour))).status_code == 302
    response = client.post(_url(office), _form(at(date(2026, 12, 2), 11)))
    assert response.status_code == 400
    assert said(
        response,
        "You already have an appointment booked. Use the link you received to move it, "
        "or call the centre.",
    )


@time_machine.travel(TODAY, tick=False)
def test_failed_attempts_from_one_address_do_not_block_a_social_desk(
    client: Client, office: Office
) -> None:
    for i in range(12):
        client.post(
            _url(office),
            _form(
                at(date(2026, 12, 2), 9), email=f"p{i}@example.org", phone="", choice="not a date"
            ),
        )
    response = client.post(_url(office), _form(at(date(2026, 12, 3), 9), email="z@example.org"))
    assert response.status_code == 302


@time_machine.travel(TODAY, tick=False)
def test_a_contact_is_needed(client: Client, office: Office) -> None:
    response = client.post(_url(office), _form(at(date(2026, 12, 2), 9), email="", phone=""))
    assert response.status_code == 400
    assert not BookingIntake.objects.exists()


@pytest.mark.parametrize("path", ["/book/", "/book/manage/not-a-token/"])
def test_public_pages_answer_without_error(client: Client, office: Office, path: str) -> None:
    assert client.get(path, follow=True).status_code in (200, 404)


@time_machine.travel(TODAY, tick=False)
def test_a_new_e_mail_with_the_same_phone_does_not_escape_the_cap(
    client: Client, office: Office
) -> None:
    for hour, email in ((9, "a@example.org"), (10, "b@example.org")):
        response = client.post(_url(office), _form(at(date(2026, 12, 2), hour), email=email))
        assert response.status_code == 302
    response = client.post(_url(office), _form(at(date(2026, 12, 2), 11), email="c@example.org"))
    assert response.status_code == 400
    assert Appointment.objects.count() == 2


@time_machine.travel(TODAY, tick=False)
def test_a_new_e_mail_with_the_same_phone_does_not_escape_the_rate_limit(
    client: Client, office: Office
) -> None:
    taken = at(date(2026, 12, 2), 9)
    for email in ("a@example.org", "b@example.org", "c@example.org"):  # 1 booked, 2 clashes
        client.post(_url(office), _form(taken, email=email))
    response = client.post(_url(office), _form(at(date(2026, 12, 2), 10), email="d@example.org"))
    assert response.status_code == 400
    assert said(
        response,
        "Too many attempts with this phone number or e-mail. Try "
        "again in an hour, or call the centre.",
    )
    assert Appointment.objects.count() == 1
