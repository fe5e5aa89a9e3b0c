"""A commune reads the answer to a transfer it caused in its inbox;
a commune never sees another person's name on a probable duplicate and never ticks "I checked
the duplicates"; the person page offers the certificate once."""

from collections.abc import Iterator
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.certificates.services import certificate_issue
from parcours.pathways.enums import ReferralSource
from parcours.pathways.models import Notification, TransferRequest
from parcours.pathways.services.intake import ReferralInput, referral_register
from parcours.pathways.services.transfer_answers import (
    transfer_request_accept,
    transfer_request_refuse,
)
from parcours.people.models import Person
from parcours.territory.models import Commune
from tests.factories.accounts import make_user
from tests.factories.people import REFERRED_ON, make_pathway, person_fields
from tests.pathways.journey import do_agreement, do_training, do_welcome
from tests.staff.test_journey_web import PERSON
from tests.types import ClientFor

pytestmark = pytest.mark.django_db


def _asked_by_liege() -> tuple[TransferRequest, User]:
    liege = Commune.objects.get(nis_code="62063")
    desk = make_user(email="desk.liege@example.org", role=Role.COMMUNE, commune=liege)
    fields = person_fields(commune=liege, street="Rue Léopold 3", postal_code="4000")
    data = ReferralInput(
        person=fields, commune=liege, referred_on=REFERRED_ON, source=ReferralSource.API
    )
    asked = referral_register(data=data, actor=desk)
    assert isinstance(asked, TransferRequest)
    return asked, desk


def test_the_commune_reads_in_its_inbox_that_its_transfer_request_was_accepted(
    agent_mons: User, client_for: ClientFor
) -> None:
    make_pathway(actor=agent_mons)
    asked, desk = _asked_by_liege()
    transfer_request_accept(request=asked, actor=agent_mons)
    note = Notification.objects.get(commune=asked.commune)
    assert "CRIPEL" in note.what or "accept" in note.what.lower()
    page = client_for(desk).get(reverse("staff:commune_inbox"))
    assert page.status_code == 200 and f'data-notice="{note.pk}"'.encode() in page.content


def test_the_commune_reads_in_its_inbox_why_its_transfer_request_was_refused(
    agent_mons: User, client_for: ClientFor
) -> None:
    make_pathway(actor=agent_mons)
    asked, desk = _asked_by_liege()
    transfer_request_refuse(request=asked, answer="Still lives in Mons", actor=agent_mons)
    note = Notification.objects.get(commune=asked.commune)
    assert "Still lives in Mons" in note.what
    page = client_for(desk).get(reverse("staff:commune_inbox"))
    assert "Still lives in Mons" in page.content.decode()


def _data(mons: Commune, **changes: str) -> dict[str, object]:
    return {
        **PERSON,
        "national_number": "",
        "commune": mons.pk,
        "referring_commune": mons.pk,
    } | changes


def test_a_commune_told_of_a_probable_duplicate_never_sees_the_other_persons_name(
    agent_mons: User, commune_mons: User, mons: Commune, client_for: ClientFor
) -> None:
    client_for(agent_mons).post(reverse("staff:referral_new"), _data(mons))
    known = Person.objects.get()
    client = client_for(commune_mons)
    form = client.get(reverse("staff:referral_new"))
    assert b"confirm_not_duplicate" not in form.content
    close = _data(mons, family_name="Karimy")
    page = client.post(reverse("staff:referral_new"), close)
    said = page.content.decode()
    assert page.status_code == 200 and Person.objects.count() == 1
    assert known.family_name not in said and 'name="same_as"' not in said
    assert 'name="to_centre"' in said
    sent = client.post(reverse("staff:referral_new"), close | {"to_centre": "1"})
    assert sent.status_code == 302 and Person.objects.count() == 2
    # The centre resolves it: the probable duplicate shows on the new person's page.
    new = Person.objects.exclude(pk=known.pk).get()
    staff_page = client_for(agent_mons).get(reverse("staff:person", args=[new.pk]))
    assert reverse("staff:person_merge", args=[new.pk]).encode() in staff_page.content


def test_the_centre_still_ticks_that_it_checked_the_duplicates(
    agent_mons: User, client_for: ClientFor
) -> None:
    form = client_for(agent_mons).get(reverse("staff:referral_new"))
    assert b"confirm_not_duplicate" in form.content


@pytest.fixture
def _later() -> Iterator[None]:
    with time_machine.travel(date(2027, 3, 1), tick=False):
        yield


@pytest.mark.usefixtures("_later")
def test_the_person_page_no_longer_offers_the_certificate_once_issued(
    agent_mons: User, client_for: ClientFor
) -> None:
    pathway = make_pathway(actor=agent_mons)
    do_welcome(pathway, agent_mons)
    do_agreement(pathway, agent_mons)
    do_training(pathway, agent_mons)
    url = reverse("staff:person", args=[pathway.person_id])
    issue = f'href="{reverse("staff:certificate_new", args=[pathway.pk])}"'.encode()
    client = client_for(agent_mons)
    assert issue in client.get(url).content
    pathway.refresh_from_db()
    certificate_issue(pathway=pathway, on=date(2027, 2, 1), actor=agent_mons)
    page = client.get(url)
    assert issue not in page.content and b"data-certificate-issued" in page.content
