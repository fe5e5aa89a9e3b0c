import pytest
import time_machine
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from parcours.territory.services import reference_load
from tests.browser.conftest import JOURNEY_LANGUAGES, journey_check, prefixed, said_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("language", "width"), [*((language, 360) for language in JOURNEY_LANGUAGES), ("fr", 1280)]
)
@time_machine.travel("2026-11-26 10:00 +0100", tick=False)
def test_a_newcomer_checks_whether_the_pathway_is_compulsory(
    page: Page, live_server: LiveServer, language: str, width: int
) -> None:
    reference_load()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(prefixed(live_server.url, language, "/am-i-concerned/"))
    page.get_by_label(said_in(language, "Postal code of the place where you live")).fill("7330")
    page.get_by_label(said_in(language, "Your date of birth")).fill("1990-05-01")
    page.get_by_label(said_in(language, "Your nationality"), exact=True).select_option("SY")
    page.locator("input[name=has_permit][value=yes]").check()
    page.fill("input[name=permit_valid_from]", "2025-06-20")
    page.fill("input[name=permit_ordered_on]", "2025-06-15")
    page.fill("input[name=legal_stay_since]", "2025-06-01")
    journey_check(page, language, "self-check-form", width)
    page.get_by_role("button", name=said_in(language, "See the answer")).click()
    expect(page.get_by_role("heading", level=2)).to_have_text(
        said_in(language, "Yes: the integration pathway is compulsory for you.")
    )
    expect(page.get_by_text("Centre Interculturel de Mons et du Borinage")).to_be_visible()
    journey_check(page, language, "self-check-answer", width)
