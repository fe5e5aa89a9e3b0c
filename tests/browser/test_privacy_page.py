"""The privacy notice on a phone and a desktop, left to right and right to left, and the
newcomer's "I have read it" in the personal space."""

from collections.abc import Iterator

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from parcours.accounts.models import User
from parcours.people.models import PrivacyAcknowledgement
from tests.browser.conftest import prefixed, screenshot
from tests.factories.people import make_pathway

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(params=[360, 1280])
def sized(browser: Browser, request: pytest.FixtureRequest) -> Iterator[tuple[Page, int]]:
    width = int(request.param)
    context = browser.new_context(locale="fr-BE", viewport={"width": width, "height": 800})
    yield context.new_page(), width
    context.close()


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_notice_reads_well_on_a_phone_and_a_desktop(
    sized: tuple[Page, int], live_server: LiveServer, territory: None, language: str
) -> None:
    page, width = sized
    page.goto(prefixed(live_server.url, language, "/privacy/"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    expect(page.locator(".privacy-periods li")).to_have_count(5)
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow, "the page scrolls sideways"
    screenshot(page, f"privacy-{language}-{width}")


def test_the_newcomer_says_they_read_the_notice_in_their_space(
    page: Page, live_server: LiveServer, agent_mons: User, client: Client
) -> None:
    person = make_pathway(actor=agent_mons, letter_language="ar").person
    client.get("/")  # a session the browser can carry
    session = client.session
    session["space"] = {"person": person.pk, "seen": timezone.now().isoformat()}
    session.save()
    page.context.add_cookies(
        [{"name": "sessionid", "value": session.session_key or "", "url": live_server.url}]
    )
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(prefixed(live_server.url, "ar", "/my-space/mine/"))
    page.locator("[data-privacy-read]").click()
    expect(page.locator("[data-privacy-read]")).to_have_count(0)
    screenshot(page, "privacy-space-ar-360")
    assert PrivacyAcknowledgement.objects.filter(person=person, language="ar").exists()


def test_staff_record_the_notice_given_at_the_welcome_module(
    page: Page, live_server: LiveServer, agent_mons: User, client: Client
) -> None:
    person = make_pathway(actor=agent_mons, letter_language="ar").person
    client.force_login(agent_mons, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/staff/people/{person.pk}/#welcome")
    page.locator("#privacy-language").select_option("fa")
    page.get_by_role("button", name="Enregistrer la remise de la notice").click()
    expect(page.locator("#privacy-notice li")).to_have_count(1)
    page.locator("#privacy-notice").screenshot(path=str(screenshot(page, "privacy-staff-1280")))
    assert PrivacyAcknowledgement.objects.filter(person=person, language="fa").exists()
