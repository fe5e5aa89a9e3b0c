"""A coordinator creates an offer (weekdays ticked) and reads the accounts list, in French, at
360 and 1280 px, without sideways scrolling; screenshots under var/screenshots/."""

import pytest
from django.test import Client
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.territory.services import reference_load
from parcours.training.models import Offer, Partner
from tests.browser.conftest import screenshot
from tests.factories.accounts import make_user
from tests.factories.training import make_partner, make_partner_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def coordinator() -> tuple[User, Partner]:
    reference_load()
    from parcours.territory.models import Centre, Commune  # noqa: PLC0415 - after the load

    cimb = Centre.objects.get(code="CIMB")
    user = make_user(
        email="coordination.mons@cimb.example.org",
        full_name="Claire Coordinatrice",
        role=Role.COORDINATOR,
        centre=cimb,
    )
    make_user(
        email="agent.mons@cimb.example.org", full_name="Amir Agent", role=Role.AGENT, centre=cimb
    )
    partner = make_partner(name="École de français de Mons")
    partner.centres.add(cimb)
    make_partner_user(partner, email="secretariat@ecole-francais-mons.example.org")
    make_user(
        email="population@mons.example.org",
        full_name="Service population",
        role=Role.COMMUNE,
        commune=Commune.objects.get(nis_code="53053"),
    )
    return user, partner


def _login(page: Page, live_server: LiveServer, user: User) -> None:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])


def _no_sideways_scroll(page: Page, width: int) -> None:
    # The page a form posts back may be visible before its stylesheet applies: measured then,
    # on a loaded machine, it was the unstyled page's 421 px (the suite of 4 December 2026).
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.lang") == "fr"
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{scroll} px wide at {width} px"


@pytest.mark.parametrize("width", [360, 1280])
def test_the_coordinator_creates_an_offer_and_reads_the_accounts(
    page: Page, live_server: LiveServer, coordinator: tuple[User, Partner], width: int
) -> None:
    user, partner = coordinator
    _login(page, live_server, user)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/staff/manage/partners/{partner.pk}/offers/new/")
    expect(page.get_by_role("group", name="Horaire")).to_be_visible()
    page.get_by_label("Titre").fill("FLE A1 matin")
    page.get_by_label("Commune").select_option(label="Mons")
    page.get_by_label("lundi").check()
    page.get_by_label("jeudi").check()
    page.get_by_label("Heures", exact=True).fill("9 h – 12 h")
    page.get_by_label("Places", exact=True).fill("15")
    page.get_by_label("Au", exact=True).fill("2026-08-01")
    page.get_by_label("Du", exact=True).fill("2026-09-01")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".error-summary")).to_be_visible()  # it ends before it starts
    _no_sideways_scroll(page, width)
    screenshot(page, f"coordinator-offer-form-errors-{width}px")
    page.get_by_label("Au", exact=True).fill("2027-06-30")
    _no_sideways_scroll(page, width)
    screenshot(page, f"coordinator-offer-form-{width}px")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Offre enregistrée.")).to_be_visible()
    assert Offer.objects.get(partner=partner).weekdays == [0, 3]
    expect(page.get_by_role("cell", name="lundi, jeudi")).to_be_visible()
    _no_sideways_scroll(page, width)
    screenshot(page, f"coordinator-partner-{width}px")
    page.goto(f"{live_server.url}/staff/manage/accounts/")
    expect(page.get_by_role("heading", name="Comptes", exact=True)).to_be_visible()
    expect(page.get_by_text("secretariat@ecole-francais-mons.example.org")).to_be_visible()
    _no_sideways_scroll(page, width)
    screenshot(page, f"coordinator-accounts-{width}px")
    page.goto(f"{live_server.url}/staff/manage/accounts/invite/")
    _no_sideways_scroll(page, width)
    screenshot(page, f"coordinator-invite-{width}px")
