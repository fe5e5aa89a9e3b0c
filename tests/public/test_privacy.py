"""The privacy notice: a public page in the ten portal languages whose retention periods are
the rules parameters; linked from every public page and the booking and self-check forms;
acknowledged by the newcomer in their space or given by staff at the welcome module, shown
on the person page and in the subject-access export."""

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from parcours.accounts.models import User
from parcours.casework.retention import retention_sweep
from parcours.pathways.enums import Status
from parcours.pathways.models import Pathway
from parcours.pathways.parameters import read
from parcours.people.models import Person, PrivacyAcknowledgement
from parcours.people.privacy import NOTICE_VERSION
from parcours.public.views import pages
from parcours.rules import TraceEntry
from parcours.territory.models import Centre
from tests.factories.appointments import make_office
from tests.factories.people import make_pathway

pytestmark = pytest.mark.django_db
ClientFor = Callable[[User | None], Client]
RTL = {"ar", "fa", "ps"}


@pytest.fixture
def amira(agent_mons: User) -> Person:
    return make_pathway(actor=agent_mons, letter_language="ar").person


def _in_space(client: Client, person: Person) -> None:
    session = client.session
    session["space"] = {"person": person.pk, "seen": timezone.now().isoformat()}
    session.save()


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_the_notice_is_a_public_page_in_every_portal_language(
    client: Client, territory: None, code: str
) -> None:
    url = "/privacy/" if code == "fr" else f"/{code}/privacy/"
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<html lang="{code}" dir="{"rtl" if code in RTL else "ltr"}">' in page
    assert "01/12/2026" in page  # the version, NOTICE_VERSION
    assert "www.autoriteprotectiondonnees.be" in page
    assert 'href="/my-space/"' in page or f'href="/{code}/my-space/"' in page


def test_the_retention_periods_are_read_from_the_rules_parameters(
    client: Client, territory: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = client.get("/privacy/").content.decode()
    assert "10 ans après la délivrance de l’attestation" in page.replace("'", "’").replace(
        "&#x27;", "’"
    )
    assert "2 ans après une décision que le parcours ne vous concerne pas" in page
    assert "encore être confirmées" in page  # the periods are marked unconfirmed

    def changed(name: str, on: date) -> TraceEntry:
        entry = read(name, on)
        return replace(entry, value=7, confidence="confirmed")

    monkeypatch.setattr(pages, "read", changed)
    page = client.get("/privacy/").content.decode()
    assert "7 ans après une dispense" in page and "encore être confirmées" not in page


def test_every_public_page_and_the_forms_link_the_notice(client: Client, cimb: Centre) -> None:
    assert 'href="/privacy/"' in client.get("/").content.decode()
    booking = client.get(f"/book/office/{make_office(cimb).pk}/").content.decode()
    assert "data-privacy-link" in booking
    assert 'href="/ar/privacy/"' in client.get("/ar/").content.decode()
    self_check = client.get("/am-i-concerned/").content.decode()
    assert "data-privacy-link" in self_check and 'href="/privacy/"' in self_check


def test_the_newcomer_acknowledges_the_notice_in_their_space_in_the_page_s_language(
    client: Client, amira: Person
) -> None:
    _in_space(client, amira)
    page = client.get("/ar/my-space/mine/").content.decode()
    assert "data-privacy-read" in page
    response = client.post("/ar/my-space/privacy/")
    assert response.status_code == 302
    ack = PrivacyAcknowledgement.objects.get(person=amira)
    assert (ack.version, ack.language, ack.channel, ack.recorded_by) == (
        NOTICE_VERSION,
        "ar",
        "space",
        None,
    )
    page = client.get("/ar/my-space/mine/").content.decode()
    assert "data-privacy-read" not in page and "30/11/2026" in page


def test_the_acknowledgement_needs_the_space_s_code(client: Client, amira: Person) -> None:
    assert client.post("/my-space/privacy/").status_code == 302
    assert client.get("/my-space/privacy/").status_code == 405
    assert not PrivacyAcknowledgement.objects.exists()


def test_staff_record_the_notice_given_at_the_welcome_module_and_the_page_shows_it(
    client_for: ClientFor, agent_mons: User, amira: Person
) -> None:
    client = client_for(agent_mons)
    page = client.get(f"/staff/people/{amira.pk}/").content.decode()
    assert "n'a pas encore été remise" in page.replace("&#x27;", "'")
    response = client.post(f"/staff/people/{amira.pk}/privacy-notice/", {"language": "fa"})
    assert response.status_code == 302
    ack = PrivacyAcknowledgement.objects.get(person=amira)
    assert (ack.language, ack.channel, ack.recorded_by) == ("fa", "welcome", agent_mons)
    page = client.get(f"/staff/people/{amira.pk}/").content.decode()
    assert f"Version {NOTICE_VERSION}, en persan, remise au module d" in page.replace("&#x27;", "'")


def test_a_language_outside_the_portal_s_is_refused_and_nothing_is_recorded(
    client_for: ClientFor, agent_mons: User, agent_liege: User, amira: Person
) -> None:
    client = client_for(agent_mons)
    response = client.post(
        f"/staff/people/{amira.pk}/privacy-notice/", {"language": "xx"}, follow=True
    )
    assert "Choisissez une des langues de la notice." in response.content.decode()
    outsider = client_for(agent_liege).post(
        f"/staff/people/{amira.pk}/privacy-notice/", {"language": "fr"}
    )
    assert outsider.status_code == 404
    assert not PrivacyAcknowledgement.objects.exists()


def test_the_subject_access_export_holds_the_acknowledgement(
    client_for: ClientFor, agent_mons: User, amira: Person
) -> None:
    client = client_for(agent_mons)
    client.post(f"/staff/people/{amira.pk}/privacy-notice/", {"language": "ar"})
    data = json.loads(client.get(f"/staff/people/{amira.pk}/data.json").content)
    rows = data["sections"]["people.privacyacknowledgement"]["rows"]
    assert rows[0]["version"] == NOTICE_VERSION and rows[0]["language"] == "ar"


def test_an_anonymised_person_s_page_says_so_and_refuses_a_new_acknowledgement(
    client_for: ClientFor, agent_mons: User, amira: Person
) -> None:
    Pathway.objects.filter(person=amira).update(
        status=Status.NOT_CONCERNED, closed_on=date(2026, 6, 1)
    )
    assert retention_sweep(today=date(2030, 1, 1)).people == 1
    client = client_for(agent_mons)
    page = client.get(f"/staff/people/{amira.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Anonymisée le 01/01/2030" in text and "Al-Hassan" not in text
    assert "Personne anonymisée" in text
    response = client.post(
        f"/staff/people/{amira.pk}/privacy-notice/", {"language": "fr"}, follow=True
    )
    assert "ont été anonymisées" in response.content.decode()
    assert not PrivacyAcknowledgement.objects.exists()
