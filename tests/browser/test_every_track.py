"""Every track is deliverable: from the agreement to the certificate with the demo's FOREM-like
orientation body for the job-orientation track, and an attestation whose period overlaps the
partner's rows, resolved by the agent — at 360 and 1280 px. Screenshots in var/screenshots/."""

import pytest
from django.test import Client
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from parcours.accounts.models import User
from parcours.demo.services import demo_seed
from parcours.demo.training import ISP_USER, PARTNER_USER, demo_offers
from parcours.pathways.enums import Status
from parcours.pathways.models import Pathway
from parcours.pathways.services.welcome import (
    administrative_help_record,
    assessment_record,
    french_test_record,
    rights_session_record,
    welcome_complete,
)
from parcours.people.enums import CefrLevel
from parcours.territory.services import reference_load
from parcours.training.ledger import hours_by_track
from tests.browser.conftest import screenshot
from tests.factories.people import make_pathway

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TODAY = "2026-11-30"  # the frozen clock's day (tests/clock.py)


@pytest.fixture
def welcomed() -> Pathway:
    """A newcomer whose welcome module found French and job orientation needed."""
    reference_load()
    demo_seed()
    demo_offers()
    agent = User.objects.get(email="agent.mons@demo.parcours.be")
    pathway = make_pathway(actor=agent, national_number="")
    on = pathway.referred_on
    assessment_record(
        pathway=pathway,
        sections={"situation": "Cherche un emploi."},
        tracks_needed=["french", "job_orientation"],
        assessed_on=on,
        actor=agent,
        health="",
    )
    rights_session_record(pathway=pathway, given_on=on, language="fr", themes="", actor=agent)
    french_test_record(pathway=pathway, tested_on=on, level=CefrLevel.A1, notes="", actor=agent)
    administrative_help_record(
        pathway=pathway, helped_on=on, what="Mutuelle", referred_to="", actor=agent
    )
    return welcome_complete(pathway=pathway, on=on, actor=agent)


def _as(page: Page, live_server: LiveServer, email: str, width: int) -> None:
    client = Client()
    client.force_login(
        User.objects.get(email=email), backend="django.contrib.auth.backends.ModelBackend"
    )
    page.context.clear_cookies()
    cookie = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
    page.set_viewport_size({"width": width, "height": 900})


def _fits(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def _submit(page: Page, form: str = "main form") -> None:
    page.locator(f"{form} button[type=submit]").last.click()


def _partner_accepts(page: Page, base: str, name: str, hours: str) -> None:
    page.goto(f"{base}/partner/")
    page.locator("table[data-list=referred] tr", has_text=name).locator("a").first.click()
    page.locator("input[name=answer][value=accepted]").check()
    page.fill("[name=starts_on]", TODAY)
    _submit(page, "form[action*=answer]")
    page.fill("form[action*=hours] [name=attended_on]", TODAY)
    page.fill("form[action*=hours] [name=hours]", hours)
    _submit(page, "form[action*=hours]")
    expect(page.locator("table").last).to_contain_text(hours)


def _attest(page: Page, base: str, pathway: Pathway, values: dict[str, str]) -> None:
    page.goto(f"{base}/staff/files/{pathway.pk}/hours/")
    page.select_option("[name=track]", values.pop("track"))
    page.select_option("[name=body]", label=values.pop("body"))
    for name, value in values.items():
        page.fill(f"main [name={name}]", value)
    _submit(page)


@pytest.mark.parametrize("width", [360, 1280])
def test_the_job_orientation_track_is_completed_from_the_agreement_to_the_certificate(
    page: Page, live_server: LiveServer, welcomed: Pathway, width: int
) -> None:
    base, pathway = live_server.url, welcomed
    _as(page, live_server, "agent.mons@demo.parcours.be", width)
    page.goto(f"{base}/staff/files/{pathway.pk}/agreement/")
    _submit(page)
    page.goto(f"{base}/staff/files/{pathway.pk}/agreement/1/sign/")
    page.select_option("[name=method]", "screen")
    _submit(page)
    page.goto(f"{base}/staff/training/files/{pathway.pk}/refer/")
    screenshot(page, f"tracks-refer-{width}px")
    _fits(page, width)
    for title in ("Orientation socioprofessionnelle", "alpha à A2"):
        page.locator("article.match", has_text=title).locator("button[type=submit]").click()
        page.goto(f"{base}/staff/training/files/{pathway.pk}/refer/")

    _as(page, live_server, ISP_USER, width)
    _partner_accepts(page, base, "AL-HASSAN", "4")
    screenshot(page, f"tracks-isp-partner-{width}px")
    _fits(page, width)
    _as(page, live_server, PARTNER_USER, width)
    _partner_accepts(page, base, "AL-HASSAN", "9")

    _as(page, live_server, "agent.mons@demo.parcours.be", width)
    period = {"period_from": "2026-11-02", "attended_on": TODAY}
    french = "École de français de démonstration (Mons) — Français langue étrangère"
    _attest(page, base, pathway, {"track": "french", "body": french, "hours": "391", **period})
    expect(page.locator("main table")).to_contain_text("9")  # the partner's 9 h, shown
    screenshot(page, f"tracks-attestation-overlap-{width}px")
    _fits(page, width)
    assert hours_by_track(pathway)["french"] == 9.0  # nothing replaced, nothing added yet
    page.locator("input[name=overlap][value=additional]").check()
    _submit(page)
    outside = "Un organisme hors Parcours (nom ci-dessous)"
    citizenship = {"track": "citizenship", "body": outside, "hours": "60", **period}
    _attest(page, base, pathway, {**citizenship, "outside_body": "Lire et Écrire — Mons"})
    assert hours_by_track(pathway) == {"french": 400.0, "job_orientation": 4.0, "citizenship": 60.0}
    page.goto(f"{base}/staff/people/{pathway.person_id}/")
    screenshot(page, f"tracks-person-hours-{width}px")
    page.goto(f"{base}/staff/files/{pathway.pk}/certificate/")
    _submit(page)
    pathway.refresh_from_db()
    assert pathway.status == Status.COMPLETED
