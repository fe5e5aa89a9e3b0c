import pytest
import time_machine
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from parcours.territory.services import reference_load
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [360, 1280])
@time_machine.travel("2026-11-26 10:00 +0100", tick=False)
def test_a_newcomer_checks_whether_the_pathway_is_compulsory(
    page: Page, live_server: LiveServer, width: int
) -> None:
    reference_load()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/am-i-concerned/")
    page.get_by_label("Code postal du lieu où vous habitez").fill("7330")
    page.get_by_label("Votre date de naissance").fill("1990-05-01")
    page.get_by_label("Votre nationalité", exact=True).select_option("SY")
    page.get_by_label("Oui").check()
    page.get_by_label("Valable à partir du").fill("2025-06-20")
    page.get_by_label("Date de la commande du titre de séjour à la commune").fill("2025-06-15")
    page.get_by_label("Depuis quand séjournez-vous légalement en Belgique ?").fill("2025-06-01")
    screenshot(page, f"self-check-form-{width}px")
    page.get_by_role("button", name="Voir la réponse").click()
    expect(page.get_by_role("heading", level=2)).to_contain_text("obligatoire pour vous")
    expect(page.get_by_text("Centre Interculturel de Mons et du Borinage")).to_be_visible()
    screenshot(page, f"self-check-answer-{width}px")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
