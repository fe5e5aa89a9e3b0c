"""A newcomer books a first appointment online, at 360 px and 1280 px."""

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from parcours.appointments.models import Appointment, BookingIntake
from parcours.demo.appointments import appointments_seed
from parcours.demo.services import demo_seed
from parcours.territory.models import Office
from parcours.territory.services import reference_load
from tests.browser.conftest import screenshot

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


@pytest.mark.parametrize("width", [360, 1280])
def test_a_newcomer_books_a_first_appointment(
    page: Page, live_server: LiveServer, office: Office, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/book/")
    page.locator(f'a[href="/book/office/{office.pk}/"]').click()
    first_slot = page.locator(".slot").first
    expect(first_slot).to_be_visible()
    first_slot.click()
    page.fill("input[name=family_name]", "Karimi")
    page.fill("input[name=given_names]", "Zahra")
    page.fill("input[name=birth_date]", "1990-05-04")
    page.fill("input[name=phone]", "0470 11 22 33")
    page.fill("input[name=email]", "zahra@example.org")
    screenshot(page, f"booking-form-{width}px")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.locator("form.booking-form button[type=submit]").click()
    expect(page.locator("p.message[role=status]")).to_be_visible()
    path = screenshot(page, f"booking-done-{width}px")
    assert path.stat().st_size > 10_000
    intake = BookingIntake.objects.get()
    assert (intake.family_name, Appointment.objects.get(intake=intake).intake_id) == (
        "Karimi",
        intake.pk,
    )
    assert "Karimi" not in page.url and "1990" not in page.url


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
