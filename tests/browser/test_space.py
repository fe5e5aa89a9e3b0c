"""A newcomer enters the personal space with a code, and anyone verifies a certificate, on a
phone (360 px)."""

import re
from collections.abc import Iterator
from datetime import date

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from parcours.accounts.models import User
from parcours.appointments.models import Appointment
from parcours.appointments.services.setup import kinds_ensure
from parcours.certificates.models import Certificate
from parcours.certificates.services import certificate_issue
from tests.browser.conftest import JOURNEY_LANGUAGES, journey_check, prefixed, screenshot
from tests.factories.appointments import at, book, make_availability, make_office
from tests.factories.people import make_pathway
from tests.pathways.journey import do_agreement, do_training, do_welcome

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def certificate(agent_mons: User) -> Iterator[Certificate]:
    with time_machine.travel(date(2027, 3, 1), tick=False):
        pathway = make_pathway(actor=agent_mons, letter_language="fr")
        do_welcome(pathway, agent_mons)
        do_agreement(pathway, agent_mons)
        do_training(pathway, agent_mons)
        issued = certificate_issue(pathway=pathway, on=date(2027, 2, 1), actor=agent_mons)
    yield issued


@pytest.fixture
def appointment(certificate: Certificate, agent_mons: User) -> Appointment:
    assert agent_mons.centre is not None
    kinds_ensure()  # the kinds of appointment: a transactional test flushed the migrations' rows
    office = make_office(agent_mons.centre)
    make_availability(office, agent_mons)
    person = certificate.pathway.person
    starts_at = at(date(2026, 12, 2), 9)
    now = timezone.now()
    return book(office=office, staff=agent_mons, person=person, starts_at=starts_at, now=now)


def _fits(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("language", JOURNEY_LANGUAGES)
def test_a_newcomer_enters_the_personal_space_with_a_code(
    page: Page,
    live_server: LiveServer,
    certificate: Certificate,
    appointment: Appointment,
    language: str,
) -> None:
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(prefixed(live_server.url, language, "/my-space/"))
    page.fill("input[name=contact]", "amira@example.org")
    page.fill("input[name=birth_date]", "1985-07-30")
    journey_check(page, language, "space-enter")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("input[name=code]")).to_be_visible()
    assert page.locator("input[name=code]").get_attribute("autocomplete") == "off"
    code = re.search(r"\b(\d{6})\b", str(mail.outbox[-1].body))
    assert code is not None
    page.fill("input[name=code]", code.group(1))
    journey_check(page, language, "space-code")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#space-hours")).to_be_visible()
    mine = page.locator("section[aria-labelledby=space-appointments]")
    expect(mine).to_contain_text(appointment.office.name)
    expect(
        mine.locator(f'form[action$="/my-space/appointments/{appointment.pk}/manage/"]')
    ).to_have_count(1)
    expect(page.locator("section[aria-labelledby=space-documents]")).to_contain_text(
        certificate.number
    )
    journey_check(page, language, "space-home")
    with page.expect_download() as download:
        page.locator("a[data-download=json]").click()
    assert download.value.suggested_filename == "my-data.json"
    page.locator("button[data-leave]").click()
    expect(page.locator("input[name=contact]")).to_be_visible()
    page.goto(prefixed(live_server.url, language, "/my-space/mine/"))
    expect(page.locator("input[name=contact]")).to_be_visible()  # left: back at the door


@pytest.mark.parametrize("language", JOURNEY_LANGUAGES)
def test_anyone_verifies_a_certificate_by_its_number_on_a_phone(
    page: Page, live_server: LiveServer, certificate: Certificate, language: str
) -> None:
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(prefixed(live_server.url, language, "/verify/"))
    page.fill("input[name=reference]", certificate.number)
    page.fill("input[name=birth_date]", "1985-07-30")
    journey_check(page, language, "verify-form")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("[data-verify=valid]")).to_be_visible()
    expect(page.locator("[data-verify=valid]")).to_contain_text(certificate.number)
    journey_check(page, language, "verify-number")
    page.goto(prefixed(live_server.url, language, f"/verify/{certificate.code}/"))
    expect(page.locator("[data-verify=valid]")).to_be_visible()
    journey_check(page, language, "verify-qr")
    page.goto(f"{live_server.url}/en/verify/{certificate.code}/")
    expect(page.locator("[data-verify=valid]")).to_contain_text("Valid certificate")
    screenshot(page, "verify-qr-en-360px")
    _fits(page, 360)
