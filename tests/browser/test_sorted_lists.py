"""The worklist sorted by name and the partner's referrals sorted and downloadable, at 360 and
1280 px: no sideways scroll, the sorted column says so (aria-sort)."""

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
from tests.browser.conftest import screenshot
from tests.factories.accounts import make_user
from tests.factories.people import make_pathway
from tests.factories.training import make_enrolment, make_offer, make_partner, make_partner_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PEOPLE = [("Mukendi", "Grâce"), ("Haddad", "Yara"), ("Zeller", "Anna"), ("Karimi", "Reza")]


@pytest.fixture
def people() -> tuple[User, User]:
    reference_load()
    from parcours.territory.models import Centre  # noqa: PLC0415 - after the reference load

    centre = Centre.objects.get(code="CIMB")
    coordinator = make_user(email="coord@example.org", role=Role.COORDINATOR, centre=centre)
    agent = make_user(email="agent@example.org", role=Role.AGENT, centre=centre)
    partner = make_partner(name="École de français de Mons")
    partner_user = make_partner_user(partner)
    offer = make_offer(partner, Track.FRENCH, title="FLE A1 matin", weekdays=[0, 1, 2, 3, 4])
    since = timezone.localdate() - timedelta(days=60)
    for index, (family, given) in enumerate(PEOPLE):
        pathway = make_pathway(
            actor=agent, family_name=family, given_names=given, national_number=""
        )
        make_enrolment(
            pathway, offer, agent=agent, partner_user=partner_user, accepted=index > 0, on=since
        )
    return coordinator, partner_user


def _login(page: Page, live_server: LiveServer, user: User) -> None:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])


@pytest.mark.parametrize("width", [360, 1280])
def test_the_sorted_worklist_and_partner_list_fit_the_screen(
    page: Page, live_server: LiveServer, people: tuple[User, User], width: int
) -> None:
    coordinator, partner_user = people
    page.set_viewport_size({"width": width, "height": 900})
    _login(page, live_server, coordinator)
    page.goto(f"{live_server.url}/staff/worklist/?scope=centre&all=1")
    if width > 360:
        page.locator("th[aria-sort] a", has_text="Personne").click()
    else:  # the headers are hidden in the stacked layout: the form's own choice
        page.select_option("#f-sort", "name")
        page.locator("form.filters button[type=submit]").click()
    expect(page.locator('th[aria-sort="ascending"]')).to_contain_text("Personne")
    names = page.locator("table.worklist tbody td:first-child a").all_inner_texts()
    assert names == sorted(names)
    screenshot(page, f"worklist-sorted-name-{width}px")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.context.clear_cookies()
    _login(page, live_server, partner_user)
    page.goto(f"{live_server.url}/partner/?sort=-name")
    expect(page.locator('table[data-list=accepted] th[aria-sort="descending"]')).to_be_visible()
    accepted = page.locator("table[data-list=accepted] td:first-child a").all_inner_texts()
    assert accepted == sorted(accepted, reverse=True)
    expect(page.locator("a[data-export=xlsx]").first).to_be_visible()
    screenshot(page, f"partner-referrals-sorted-{width}px")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
