"""Newcomers register online for a rights and duties session: seats, waiting list, the link
to cancel (which promotes the waiting list), and the same abuse limits as online booking."""

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date, datetime

import pytest
import time_machine
from django.core import mail
from django.test import Client

from parcours.accounts.models import User
from parcours.appointments.enums import SeatStatus
from parcours.appointments.models import BookingIntake, CollectiveSession, Seat
from parcours.appointments.services.online import PER_ADDRESS_PER_HOUR
from parcours.appointments.services.sessions import seat_register, session_cancel
from parcours.notifications import sms
from parcours.pathways.models import Pathway
from parcours.territory.models import Office
from tests.factories.appointments import at, make_session
from tests.factories.people import make_person

TODAY = datetime(2026, 12, 1, 8, 0)
DAY = date(2026, 12, 3)
Capture = Callable[..., AbstractContextManager[list[Callable[[], object]]]]
pytestmark = pytest.mark.usefixtures("_frozen")


@pytest.fixture
def _frozen() -> object:
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def session(office: Office, coordinator_mons: User) -> CollectiveSession:
    return make_session(
        office,
        coordinator_mons,
        starts_at=at(DAY, 9),
        capacity=2,
        now=at(date(2026, 11, 30), 8),
        interpreter_languages=["ar", "uk"],
    )


def _form(**extra: str) -> dict[str, str]:
    data = {
        "family_name": "Al Hassan",
        "given_names": "Amira",
        "birth_date": "1985-07-30",
        "phone": "0470 12 34 56",
        "email": "amira@example.org",
        "language": "en",
        "interpreter_language": "ar",
        "website": "",
    }
    data.update(extra)
    return data


def _url(session: CollectiveSession) -> str:
    return f"/book/sessions/{session.pk}/"


def _fill(session: CollectiveSession, capacity: int) -> None:
    for i in range(capacity):
        person = make_person(national_number="", family_name=f"Plein{i}", given_names="Test")
        seat_register(session=session, actor=None, now=at(date(2026, 11, 30), 9), person=person)


def _link(body: object) -> str:
    line = next(line for line in str(body).splitlines() if "/book/sessions/registration/" in line)
    return line.split("127.0.0.1:8000")[1].strip()


def test_the_centre_page_lists_coming_sessions_with_seats_left_and_languages(
    client: Client, session: CollectiveSession, office: Office, coordinator_mons: User
) -> None:
    closed = make_session(
        office, coordinator_mons, starts_at=at(DAY, 13), online_registration=False
    )
    other = make_session(
        office, coordinator_mons, starts_at=at(DAY, 13), counts_as_rights_and_duties=False
    )
    cancelled = make_session(office, coordinator_mons, starts_at=at(date(2026, 12, 4), 9))
    session_cancel(session=cancelled, actor=coordinator_mons)
    seat_register(session=session, actor=None, now=at(date(2026, 11, 30), 9), person=make_person())
    response = client.get(f"/book/sessions/centre/{office.centre_id}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-session="{session.pk}"' in html and 'data-seats-left="1"' in html
    assert "العربيّة" in html and "Українська" in html  # interpreting, each in its own name
    for hidden in (closed, other, cancelled):
        assert f'data-session="{hidden.pk}"' not in html
    assert (
        f"/book/sessions/centre/{office.centre_id}/"
        in client.get("/book/sessions/").content.decode()
    )


def test_a_newcomer_registers_and_receives_the_link_to_cancel(
    client: Client,
    session: CollectiveSession,
    pathway: Pathway,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(session), _form())
    assert response.status_code == 302 and response["Location"] == "/book/sessions/registered/"
    seat = Seat.objects.get()
    intake = BookingIntake.objects.get()
    assert (seat.status, seat.intake_id, seat.interpreter_language) == (
        "registered",
        intake.pk,
        "ar",
    )
    assert intake.matched_person == pathway.person  # the duplicate rules of parcours.people
    assert "BEGIN:VEVENT" in mail.outbox[0].attachments[0][1]
    link = _link(mail.outbox[0].body)
    assert sms.outbox[0].to == "+32470123456" and link in sms.outbox[0].body
    done = client.get("/book/sessions/registered/")
    assert 'data-seat-status="registered"' in done.content.decode()
    assert client.get(link, follow=True).status_code == 200


def test_a_full_session_puts_the_newcomer_on_the_waiting_list_and_says_so(
    client: Client, session: CollectiveSession, django_capture_on_commit_callbacks: Capture
) -> None:
    _fill(session, 2)
    page = client.get(_url(session)).content.decode()
    assert 'data-seats-left="0"' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(session), _form())
    assert Seat.objects.get(intake__isnull=False).status == SeatStatus.WAITING
    done = client.get("/book/sessions/registered/").content.decode()
    assert 'data-seat-status="waiting"' in done and 'data-position="1"' in done
    assert "waiting list, position 1" in mail.outbox[0].body


def test_cancelling_with_the_link_frees_the_seat_for_the_first_on_the_waiting_list(
    client: Client, session: CollectiveSession, django_capture_on_commit_callbacks: Capture
) -> None:
    _fill(session, 1)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(session), _form())
        client.post(_url(session), _form(email="second@example.org", phone="0470 99 88 77"))
    first, second = Seat.objects.filter(intake__isnull=False).order_by("pk")
    assert (first.status, second.status) == ("registered", "waiting")
    link = _link(mail.outbox[0].body)
    client.get(link)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/book/sessions/registration/", {"action": "cancel"})
    assert response.status_code == 200
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("cancelled", "registered")
    assert mail.outbox[-1].to == ["second@example.org"]
    assert "A seat freed up" in mail.outbox[-1].body
    assert client.get(link, follow=True).status_code == 404  # a spent link says so


def test_the_honeypot_refuses_and_nothing_is_stored(
    client: Client, session: CollectiveSession
) -> None:
    response = client.post(_url(session), _form(website="http://spam.example"))
    assert response.status_code == 400
    assert not Seat.objects.exists() and not BookingIntake.objects.exists()


def test_a_missing_contact_or_an_unplanned_language_is_explained(
    client: Client, session: CollectiveSession
) -> None:
    assert client.post(_url(session), _form(phone="", email="")).status_code == 400
    assert client.post(_url(session), _form(interpreter_language="fa")).status_code == 400
    assert not Seat.objects.exists()


def test_the_same_contact_cannot_register_twice_for_one_session(
    client: Client, session: CollectiveSession
) -> None:
    client.post(_url(session), _form())
    response = client.post(_url(session), _form(given_names="Amira B."))
    assert response.status_code == 400
    assert Seat.objects.count() == 1


def test_the_open_booking_cap_per_contact_applies_to_sessions(
    client: Client, session: CollectiveSession, office: Office, coordinator_mons: User
) -> None:
    later = [
        make_session(office, coordinator_mons, starts_at=at(date(2026, 12, 7 + i), 9))
        for i in range(2)
    ]
    client.post(_url(session), _form())
    client.post(_url(later[0]), _form())
    response = client.post(_url(later[1]), _form())
    assert response.status_code == 400
    assert Seat.objects.count() == 2


def test_too_many_attempts_from_one_address_are_refused(
    client: Client, session: CollectiveSession
) -> None:
    for _ in range(PER_ADDRESS_PER_HOUR):
        client.post(_url(session), _form(phone="", email=""))
    response = client.post(_url(session), _form())
    assert response.status_code == 400
    assert not Seat.objects.exists()


def test_a_session_closed_to_online_registration_or_of_another_kind_is_not_found(
    client: Client, office: Office, coordinator_mons: User
) -> None:
    closed = make_session(
        office, coordinator_mons, starts_at=at(DAY, 13), online_registration=False
    )
    assert client.get(_url(closed)).status_code == 404
    assert client.post(_url(closed), _form()).status_code == 404
    assert client.get("/book/sessions/registration/not-a-token/", follow=True).status_code == 404


def test_the_office_finder_and_the_booking_start_page_link_to_the_sessions(
    client: Client, office: Office
) -> None:
    link = f"/book/sessions/centre/{office.centre_id}/"
    assert link in client.get("/book/").content.decode()
    finder = client.get("/offices/", {"q": "7000"}).content.decode()
    assert f"/book/office/{office.pk}/" in finder and link in finder
