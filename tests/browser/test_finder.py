import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from parcours.demo.services import demo_seed
from parcours.territory.services import reference_load
from tests.browser.conftest import JOURNEY_LANGUAGES, journey_check, prefixed, said_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeded() -> None:
    reference_load()
    demo_seed()


@pytest.mark.parametrize(
    ("language", "width"), [*((language, 360) for language in JOURNEY_LANGUAGES), ("fr", 1280)]
)
def test_a_newcomer_finds_the_nearest_office_from_a_postal_code(
    page: Page, live_server: LiveServer, seeded: None, language: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(prefixed(live_server.url, language, "/offices/"))
    page.get_by_label(said_in(language, "Your postal code or locality")).fill("7000")
    page.get_by_role("button", name=said_in(language, "Search")).click()
    expect(page.get_by_text(said_in(language, "Appointments are compulsory."))).to_be_visible()
    expect(page.get_by_text("Centre Interculturel de Mons et du Borinage")).to_be_visible()
    offices = page.locator(".office h4")
    expect(offices.first).to_contain_text("permanence de Mons")
    path = journey_check(page, language, "finder", width)
    assert path.stat().st_size > 10_000


def test_the_finder_works_without_javascript(
    browser_no_js: Page, live_server: LiveServer, seeded: None
) -> None:
    browser_no_js.goto(f"{live_server.url}/offices/?q=st+ghislain")
    expect(browser_no_js.get_by_text("Votre centre d’intégration est").first).to_be_visible()
    expect(browser_no_js.locator("h3").first).to_contain_text("Saint-Ghislain")


def test_a_brussels_code_is_answered_plainly(
    page: Page, live_server: LiveServer, seeded: None
) -> None:
    page.goto(f"{live_server.url}/offices/")
    page.get_by_label("Votre code postal ou votre localité").fill("1000")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Région de Bruxelles-Capitale")).to_be_visible()
    screenshot(page, "finder-1000-1280px")
