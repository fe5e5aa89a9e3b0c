"""A busy address (a social desk) books on after the browser solved the proof of work."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from parcours.appointments.models import BookingIntake
from parcours.appointments.services.online import BOOKINGS_PER_ADDRESS_PER_HOUR, address_booked
from parcours.demo.appointments import appointments_seed
from parcours.demo.services import demo_seed
from parcours.territory.models import Office
from parcours.territory.services import reference_load
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def office() -> Office:
    reference_load()
    demo_seed()
    appointments_seed()
    return Office.objects.get(name="CIMB — permanence de Mons")


def test_a_busy_address_books_after_the_browser_solved_the_challenge(
    page: Page, live_server: LiveServer, office: Office
) -> None:
    for _n in range(BOOKINGS_PER_ADDRESS_PER_HOUR):
        address_booked("127.0.0.1")
    page.set_viewport_size({"width": 360, "height": 900})
    page.goto(f"{live_server.url}/book/office/{office.pk}/")
    page.locator(".slot").first.click()
    page.fill("input[name=family_name]", "Karimi")
    page.fill("input[name=given_names]", "Zahra")
    page.fill("input[name=birth_date]", "1990-05-04")
    page.fill("input[name=email]", "zahra@example.org")
    page.locator("input[name=interpreter][value=yes]").check()
    page.select_option("select[name=interpreter_language]", "fa")
    expect(page.locator("input[name=pow_nonce]")).not_to_have_value("", timeout=30_000)
    screenshot(page, "booking-challenge-solved-360px")
    page.locator("form.booking-form button[type=submit]").click()
    expect(page.locator("p.message[role=status]")).to_be_visible()
    assert BookingIntake.objects.get().interpreter_language == "fa"
