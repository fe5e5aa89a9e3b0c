"""The Region reads the statistics on a laptop and on a phone: nothing overflows the screen."""

from datetime import date

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.territory.services import reference_load
from tests.browser.conftest import screenshot
from tests.factories.accounts import PASSWORD, make_user
from tests.factories.people import make_pathway

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def region_user() -> User:
    reference_load()
    for i in range(7):
        make_pathway(national_number="", family_name=f"Stat{i}", referred_on=date(2026, 3, 2 + i))
    make_pathway(
        national_number="", family_name="Vol", voluntary=True, referred_on=date(2026, 5, 4)
    )
    return make_user(email="region.stats@example.org", role=Role.REGION)


@pytest.mark.parametrize("width", [360, 1280])
def test_the_region_reads_the_statistics(
    page: Page, live_server: LiveServer, region_user: User, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", region_user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.goto(f"{live_server.url}/staff/statistics/?start=2026-01-01&end=2026-11-30")
    expect(page.locator("h1")).to_have_text("Statistiques")
    expect(page.locator("#figure-funnel table")).to_be_visible()
    screenshot(page, f"statistics-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
