"""An agent's main journey through the back-office, at 360 px and 1280 px: log in, worklist,
referral form, person page, the welcome module's parts, agreement, certificate, and the public
verification page. Screenshots go to var/screenshots/ for a human to look at."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.pathways.models import Pathway
from parcours.territory.models import Centre
from parcours.territory.services import reference_load
from tests.browser.conftest import screenshot
from tests.factories.accounts import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def agent() -> User:
    reference_load()
    return make_user(
        email="agent.walk@example.org", role=Role.AGENT, centre=Centre.objects.get(code="CIMB")
    )


def _fits(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def _submit(page: Page) -> None:
    page.locator("main form button[type=submit]").last.click()


def _refer(page: Page, base: str) -> None:
    page.goto(f"{base}/staff/referrals/new/")
    for name, value in {
        "family_name": "Karimi",
        "given_names": "Zahra",
        "birth_date": "1990-05-04",
        "registered_on": "2026-01-15",
        "permit_ordered_on": "2026-01-10",
        "permit_valid_from": "2026-01-10",
        "legal_stay_since": "2025-12-01",
        "street": "Rue de Nimy 12",
        "postal_code": "7000",
        "referred_on": "2026-03-02",
    }.items():
        page.fill(f"[name={name}]", value)
    page.select_option("[name=sex]", "F")
    page.select_option("[name=nationalities_0]", "AF")
    page.select_option("[name=commune]", label="Mons")
    page.select_option("[name=referring_commune]", label="Mons")


@pytest.mark.parametrize("width", [360, 1280])
def test_an_agent_walks_a_file_from_referral_to_the_agreement(
    page: Page, live_server: LiveServer, agent: User, width: int
) -> None:
    base = live_server.url
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base}/accounts/login/")
    page.fill("[name=username]", agent.email)
    page.fill("[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.goto(f"{base}/staff/worklist/")
    screenshot(page, f"casework-worklist-{width}px")
    _fits(page, width)
    _refer(page, base)
    screenshot(page, f"casework-referral-{width}px")
    _fits(page, width)
    _submit(page)
    expect(page.locator("#book-appointment")).to_be_visible()
    pathway = Pathway.objects.get()
    screenshot(page, f"casework-person-{width}px")
    _fits(page, width)
    parts = {
        "rights": {"given_on": "2026-03-20"},
        "french-test": {"tested_on": "2026-03-20", "notes": "A1"},
        "help": {"helped_on": "2026-03-20", "what": "Health insurance"},
        "assessment": {"assessed_on": "2026-03-20", "situation": "Two children."},
    }
    for part, values in parts.items():
        page.goto(f"{base}/staff/files/{pathway.pk}/{part}/")
        for name, value in values.items():
            page.fill(f"main [name={name}]", value)
        screenshot(page, f"casework-welcome-{part}-{width}px")
        _submit(page)
        expect(page.locator("#book-appointment")).to_be_visible()
    page.goto(f"{base}/staff/files/{pathway.pk}/welcome-done/")
    page.fill("[name=on]", "2026-03-25")
    _submit(page)
    page.goto(f"{base}/staff/files/{pathway.pk}/agreement/")
    screenshot(page, f"casework-agreement-{width}px")
    _submit(page)
    page.goto(f"{base}/staff/files/{pathway.pk}/agreement/1/sign/")
    page.fill("[name=signed_on]", "2026-04-01")
    page.select_option("[name=method]", "screen")
    _submit(page)
    pathway.refresh_from_db()
    assert pathway.agreed_on is not None
    page.goto(f"{base}/staff/files/{pathway.pk}/certificate/")
    screenshot(page, f"casework-certificate-{width}px")
    _fits(page, width)
    page.goto(f"{base}/verify/not-a-real-code-0000/")
    screenshot(page, f"casework-verify-{width}px")
    _fits(page, width)
