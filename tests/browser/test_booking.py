"""A newcomer books a first appointment online and cancels it with the link received, in
French, Arabic and Ukrainian at 360 px (and French at 1280 px)."""

import pytest
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from parcours.appointments.enums import AppointmentStatus
from parcours.appointments.models import Appointment, BookingIntake
from parcours.demo.appointments import appointments_seed
from parcours.demo.services import demo_seed
from parcours.territory.models import Office
from parcours.territory.services import reference_load
from tests.browser.conftest import JOURNEY_LANGUAGES, journey_check, prefixed, said_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    """The booking limits count per address and contact in the cache: start from zero."""
    cache.clear()


@pytest.fixture
def office() -> Office:
    reference_load()
    demo_seed()
    appointments_seed()
    return Office.objects.get(name="CIMB — permanence de Mons")


@pytest.mark.parametrize(
    ("language", "width"), [*((language, 360) for language in JOURNEY_LANGUAGES), ("fr", 1280)]
)
def test_a_newcomer_books_a_first_appointment_then_cancels_it(
    page: Page, live_server: LiveServer, office: Office, language: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(prefixed(live_server.url, language, "/book/"))
    page.locator(f'a[href$="/book/office/{office.pk}/"]').first.click()
    first_slot = page.locator(".slot").first
    expect(first_slot).to_be_visible()
    first_slot.click()
    page.fill("input[name=family_name]", "Karimi")
    page.fill("input[name=given_names]", "Zahra")
    page.fill("input[name=birth_date]", "1990-05-04")
    page.fill("input[name=phone]", "0470 11 22 33")
    page.fill("input[name=email]", "zahra@example.org")
    journey_check(page, language, "booking-form", width)
    page.locator("form.booking-form button[type=submit]").click()
    expect(page.locator("p.message[role=status]")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        said_in(language, "Your appointment is booked")
    )
    path = journey_check(page, language, "booking-done", width)
    assert path.stat().st_size > 10_000
    intake = BookingIntake.objects.get()
    appointment = Appointment.objects.get(intake=intake)
    assert intake.family_name == "Karimi"
    assert "Karimi" not in page.url and "1990" not in page.url
    # The link of the confirmation received opens the appointment; it is cancelled there.
    confirmation = mail.outbox[-1]
    assert confirmation.to == ["zahra@example.org"]
    link = next(line for line in str(confirmation.body).split() if "/book/manage/" in line)
    page.goto(live_server.url + link[link.index("/", link.index("//") + 2) :])
    journey_check(page, language, "booking-manage", width)
    sent = len(mail.outbox)
    page.get_by_role("button", name=said_in(language, "Cancel the appointment")).click()
    expect(page.locator("p.message[role=status]")).to_have_text(
        said_in(
            language,
            "Your appointment is cancelled. We sent you a message that says so. "
            "You can book another one at any time.",
        )
    )
    journey_check(page, language, "booking-cancelled", width)
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED_BY_PERSON
    assert [m.to for m in mail.outbox[sent:]] == [["zahra@example.org"]]


def test_a_missing_contact_is_explained_and_nothing_is_stored(
    page: Page, live_server: LiveServer, office: Office
) -> None:
    page.set_viewport_size({"width": 360, "height": 900})
    page.goto(f"{live_server.url}/book/office/{office.pk}/")
    page.locator(".slot").first.click()
    page.fill("input[name=family_name]", "Karimi")
    page.fill("input[name=given_names]", "Zahra")
    page.fill("input[name=birth_date]", "1990-05-04")
    page.locator("form.booking-form button[type=submit]").click()
    summary = page.locator("[data-error-summary][role=alert]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()  # the error summary takes the focus (static/js/forms.js)
    expect(summary).to_contain_text("Indiquez un numéro de téléphone ou une adresse e-mail")
    screenshot(page, "booking-error-360px")
    assert not BookingIntake.objects.exists()
