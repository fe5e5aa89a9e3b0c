"""A newcomer registers online for a rights and duties session (a seat, then the waiting
list, then a cancellation that promotes it); the staff pages of appointments at 360 px and
1280 px. Screenshots go to var/screenshots/ for a human to look at."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from parcours.accounts.models import User
from parcours.appointments.models import CollectiveSession, Seat
from parcours.appointments.services.online import Applicant
from parcours.appointments.services.online_sessions import OnlineRegistration, online_register
from parcours.appointments.services.sessions import seat_register
from parcours.demo.appointments import appointments_seed
from parcours.demo.services import demo_seed
from parcours.territory.models import Office
from parcours.territory.services import reference_load
from tests.browser.conftest import JOURNEY_LANGUAGES, journey_check, prefixed, screenshot
from tests.factories.appointments import book, make_session
from tests.factories.people import make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = [360, 1280]


@pytest.fixture(autouse=True)
def _fresh_limits() -> None:
    cache.clear()  # the rate limits per address and contact live in the cache


@pytest.fixture
def office() -> Office:
    reference_load()
    demo_seed()
    appointments_seed()
    return Office.objects.get(name="CIMB — permanence de Mons")


@pytest.fixture
def coordinator(office: Office) -> User:
    return User.objects.get(email="coordinator.mons@demo.parcours.be")


def _soon(days: int, hour: int = 9) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    while day.weekday() >= 5:  # Saturday and Sunday
        day += timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _fill(page: Page, family: str, email: str) -> None:
    page.fill("input[name=family_name]", family)
    page.fill("input[name=given_names]", "Zahra")
    page.fill("input[name=birth_date]", "1990-05-04")
    page.fill("input[name=email]", email)


def _fits(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize(
    ("language", "width"), [*((language, 360) for language in JOURNEY_LANGUAGES), ("fr", 1280)]
)
def test_a_newcomer_registers_for_a_session_from_the_booking_page(
    page: Page, live_server: LiveServer, office: Office, language: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(prefixed(live_server.url, language, "/book/"))
    page.locator(f'a[href$="/book/sessions/centre/{office.centre_id}/"]').first.click()
    expect(page.locator("[data-session]").first).to_be_visible()
    journey_check(page, language, "sessions-list", width)
    page.locator("[data-session] a.button").first.click()
    _fill(page, "Karimi", "zahra@example.org")
    page.select_option("select[name=interpreter_language]", "ar")
    journey_check(page, language, "sessions-form", width)
    page.locator("form.booking-form button[type=submit]").click()
    expect(page.locator('[data-seat-status="registered"]')).to_be_visible()
    journey_check(page, language, "sessions-done", width)
    seat = Seat.objects.get()
    assert (seat.status, seat.interpreter_language, seat.intake.family_name) == (  # type: ignore[union-attr]
        "registered",
        "ar",
        "Karimi",
    )
    assert "Karimi" not in page.url and "1990" not in page.url


def test_a_full_session_gives_the_waiting_list_and_a_cancellation_promotes_it(
    page: Page, live_server: LiveServer, office: Office, coordinator: User
) -> None:
    session = make_session(office, coordinator, starts_at=_soon(3), capacity=1)
    seat_register(session=session, actor=None, now=timezone.now(), person=make_person())
    page.set_viewport_size({"width": 360, "height": 900})
    page.goto(f"{live_server.url}/book/sessions/{session.pk}/")
    expect(page.locator('[data-seats-left="0"]')).to_be_visible()
    _fill(page, "Rahimi", "rahimi@example.org")
    page.locator("form.booking-form button[type=submit]").click()
    expect(page.locator('[data-seat-status="waiting"][data-position="1"]')).to_be_visible()
    screenshot(page, "sessions-waiting-360px")
    waiting = Seat.objects.get(intake__family_name="Rahimi")
    first = Seat.objects.get(person__isnull=False)
    # The registered person's seat is cancelled by the centre: the waiting list moves up.
    from parcours.appointments.services.sessions import seat_cancel  # noqa: PLC0415

    seat_cancel(seat=first, actor=coordinator, now=timezone.now())
    waiting.refresh_from_db()
    assert waiting.status == "registered"
    assert any("rahimi@example.org" in m.to for m in mail.outbox)


def test_a_registration_is_cancelled_with_the_link_received(
    page: Page, live_server: LiveServer, office: Office, coordinator: User
) -> None:
    session = make_session(office, coordinator, starts_at=_soon(4), capacity=5)
    applicant = Applicant("Karimi", "Zahra", date(1990, 5, 4), "", "zahra@example.org", "fr")
    registration = OnlineRegistration(session=session, applicant=applicant)
    _seat, token = online_register(registration=registration, now=timezone.now())
    page.set_viewport_size({"width": 360, "height": 900})
    page.goto(f"{live_server.url}/book/sessions/registration/{token}/")
    expect(page.locator('[data-seat-status="registered"]')).to_be_visible()
    screenshot(page, "sessions-manage-360px")
    page.locator("form button[type=submit].secondary").click()
    expect(page.locator("p.message[role=status]")).to_be_visible()
    screenshot(page, "sessions-cancelled-360px")
    assert Seat.objects.get().status == "cancelled"


def _staff_data(office: Office, coordinator: User) -> dict[str, int]:
    agent = User.objects.get(email="agent.mons@demo.parcours.be")
    person = make_person(national_number="", interpreter_language="ar")
    now = timezone.now()
    appointment = book(office=office, staff=agent, person=person, starts_at=_soon(1, 10), now=now)
    book(office=office, staff=coordinator, person=person, starts_at=_soon(1, 14), now=now)
    past = make_session(
        office,
        coordinator,
        starts_at=now - timedelta(hours=4),
        now=now - timedelta(days=2),
        title="Droits et devoirs (passée)",
    )
    seat_register(session=past, actor=coordinator, now=now - timedelta(days=1), person=person)
    coming: CollectiveSession = make_session(office, coordinator, starts_at=_soon(5), capacity=3)
    applicant = Applicant("Karimi", "Zahra", date(1990, 5, 4), "", "zahra@example.org", "fr")
    online_register(registration=OnlineRegistration(coming, applicant), now=now)
    return {"appointment": appointment.pk, "past": past.pk, "agent": agent.pk, "person": person.pk}


def _login(page: Page, live_server: LiveServer, user: User) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


@pytest.mark.parametrize("width", WIDTHS)
def test_every_staff_page_of_appointments_fits_the_screen(
    page: Page, live_server: LiveServer, office: Office, coordinator: User, width: int
) -> None:
    ids = _staff_data(office, coordinator)
    _login(page, live_server, coordinator)
    week = _soon(1).date().isoformat()
    pages = {
        "calendar-week": f"offices/{office.pk}/?week={week}",
        "calendar-day": f"offices/{office.pk}/day/?day={week}",
        "calendar-staff": f"staff/{ids['agent']}/?week={week}",
        "appointment": f"{ids['appointment']}/",
        "book": f"new/{ids['person']}/",
        "setup": "setup/",
        "sessions": "sessions/",
        "session-new": "sessions/new/",
        "attendance": f"sessions/{ids['past']}/",
        "interpreters": "interpreters/",
        "intakes": "online/",
        "invite": "invite/",
        "feed": "feed/",
    }
    page.set_viewport_size({"width": width, "height": 900})
    too_wide = {}
    for name, path in pages.items():
        response = page.goto(f"{live_server.url}/staff/appointments/{path}")
        assert response is not None and response.status == 200, name
        screenshot(page, f"staff-appointments-{name}-{width}px")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            too_wide[name] = scroll_width
    assert not too_wide, f"wider than {width} px: {too_wide}"
