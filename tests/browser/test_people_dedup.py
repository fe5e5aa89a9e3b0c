"""The dedup, merge and transfer pages in Chromium at 360 px and 1280 px: the merge's
side-by-side comparison, the import preview asking about a probable match, and the transfer
with its confirmation page. Screenshots go to var/screenshots/."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.pathways.models import Transfer
from parcours.pathways.services.referral_import import import_stage
from parcours.territory.models import Centre, Commune
from parcours.territory.services import reference_load
from tests.browser.conftest import screenshot
from tests.factories.accounts import PASSWORD, make_user
from tests.factories.people import make_pathway

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSV = (
    "nom;prenoms;date_naissance;sexe;nationalites;nis_commune;date_inscription\r\n"
    "AL HASAN;Amira;30/07/1985;F;SY;53053;15/01/2026\r\n"
    "Haddad;Rami;02/02/1992;Q;SY;53053;15/01/2026\r\n"
)


@pytest.fixture
def agent() -> User:
    reference_load()
    return make_user(
        email="agent.dedup@example.org", role=Role.AGENT, centre=Centre.objects.get(code="CIMB")
    )


def _fits(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def _login(page: Page, base: str, user: User) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("[name=username]", user.email)
    page.fill("[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()


@pytest.mark.parametrize("width", [360, 1280])
def test_merge_import_and_transfer_pages(
    page: Page, live_server: LiveServer, agent: User, width: int
) -> None:
    base = live_server.url
    page.set_viewport_size({"width": width, "height": 900})
    kept = make_pathway(actor=agent, national_number="", phone="")
    other = make_pathway(actor=agent, family_name="AL HASSAN", new_person=True)
    _login(page, base, agent)
    page.goto(f"{base}/staff/people/{kept.person_id}/merge/?duplicate={other.person_id}")
    expect(page.locator("table.merge-compare")).to_be_visible()
    screenshot(page, f"dedup-merge-{width}px")
    _fits(page, width)
    token = import_stage(content=CSV.encode(), user=agent)
    mons = Commune.objects.get(nis_code="53053")
    page.goto(f"{base}/staff/referrals/import/{token}/?commune={mons.pk}")
    expect(page.locator("fieldset.match-choice")).to_have_count(1)
    screenshot(page, f"dedup-import-preview-{width}px")
    _fits(page, width)
    page.goto(f"{base}/staff/files/{kept.pk}/transfer/")
    liege = Commune.objects.get(nis_code="62063")
    page.select_option("[name=commune]", value=str(liege.pk))
    page.fill("[name=street]", "Rue Léopold 3")
    page.fill("[name=postal_code]", "4000")
    page.fill("[name=moved_on]", "2026-06-01")
    page.fill("[name=reason]", "Déménagement à Liège")
    screenshot(page, f"dedup-transfer-form-{width}px")
    _fits(page, width)
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator("h1")).to_have_text("Dossier transféré")
    assert Transfer.objects.filter(old_pathway=kept).exists()
    screenshot(page, f"dedup-transfer-done-{width}px")
    _fits(page, width)
