"""A partner body answers a referral in its inbox and fills the class grid, at 360 and 1280 px."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.territory.services import reference_load
from parcours.training.enums import Track
from parcours.training.models import Attendance, Enrolment, Offer
from tests.browser.conftest import screenshot
from tests.factories.accounts import make_user
from tests.factories.people import make_pathway
from tests.factories.training import make_enrolment, make_offer, make_partner, make_partner_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PEOPLE = [("Haddad", "Yara"), ("Karimi", "Reza"), ("Mukendi", "Grâce")]


@pytest.fixture
def partner_class() -> tuple[User, Offer]:
    reference_load()
    from parcours.territory.models import Centre  # noqa: PLC0415 - after the reference load

    agent = make_user(
        email="agent@example.org", role=Role.AGENT, centre=Centre.objects.get(code="CIMB")
    )
    partner = make_partner(name="École de français de Mons")
    user = make_partner_user(partner)
    offer = make_offer(partner, Track.FRENCH, title="FLE A1 matin", weekdays=[0, 1, 2, 3, 4])
    since = timezone.localdate() - timedelta(days=60)
    for index, (family, given) in enumerate(PEOPLE):
        pathway = make_pathway(
            actor=agent, family_name=family, given_names=given, national_number=""
        )
        make_enrolment(pathway, offer, agent=agent, partner_user=user, accepted=index > 0, on=since)
    return user, offer


def _login(page: Page, live_server: LiveServer, user: User) -> None:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])


@pytest.mark.parametrize("width", [360, 1280])
def test_the_partner_answers_a_referral_and_fills_the_class_grid(
    page: Page, live_server: LiveServer, partner_class: tuple[User, Offer], width: int
) -> None:
    user, offer = partner_class
    _login(page, live_server, user)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/partner/")
    expect(page.locator("table[data-list=referred] tr[data-enrolment]")).to_have_count(1)
    screenshot(page, f"partner-inbox-{width}px")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.locator("table[data-list=referred] tbody a").first.click()
    page.locator("input[name=answer][value=accepted]").check()
    page.fill("input[name=starts_on]", (timezone.localdate() - timedelta(days=50)).isoformat())
    screenshot(page, f"partner-answer-{width}px")
    page.locator("#answer button[type=submit]").click()
    expect(page.locator("[data-status=accepted]")).to_be_visible()
    assert Enrolment.objects.filter(status="accepted").count() == len(PEOPLE)

    page.goto(f"{live_server.url}/partner/offers/{offer.pk}/grid/")
    inputs = page.locator("#grid tbody input")
    expect(page.locator("#grid tbody tr")).to_have_count(len(PEOPLE))
    inputs.nth(0).fill("3")
    inputs.nth(1).fill("abc")
    page.locator("#grid-form button[type=submit]").click()
    expect(page.locator("#grid-errors")).to_be_visible()
    expect(page.locator("input[aria-invalid=true]")).to_have_count(1)
    screenshot(page, f"partner-grid-error-{width}px")
    assert not Attendance.objects.exists()

    page.locator("input[aria-invalid=true]").fill("2,5")
    page.locator("#grid-form button[type=submit]").click()
    expect(page.locator("#grid-errors")).to_have_count(0)
    screenshot(page, f"partner-grid-saved-{width}px")
    assert sorted(str(a.hours) for a in Attendance.objects.all()) == ["2.50", "3.00"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
