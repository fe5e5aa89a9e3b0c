"""Issue 11 and 14: a transfer asks for the new address and commune, ends on a confirmation
page, tells the receiving centre and keeps the clock; a referral for another centre's file is
a request that centre accepts or refuses, and nothing of the file is shown until then."""

import pytest
from django.urls import reverse

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.pathways.enums import ReferralSource, Status
from parcours.pathways.models import Pathway, Referral, Transfer, TransferRequest
from parcours.pathways.selectors import commune_people
from parcours.pathways.services.intake import ReferralInput, referral_register
from parcours.people.models import PersonChange
from parcours.territory.models import Commune
from tests.factories.accounts import make_user
from tests.factories.people import REFERRED_ON, make_pathway, person_fields
from tests.types import ClientFor

pytestmark = pytest.mark.django_db

CLOCK = ("referred_on", "present_by", "certificate_by", "obligation")


def test_the_staff_transfer_asks_the_address_and_ends_on_a_confirmation(
    agent_mons: User, agent_liege: User, client_for: ClientFor
) -> None:
    file = make_pathway(actor=agent_mons)
    before = [getattr(file, name) for name in CLOCK]
    liege = Commune.objects.get(nis_code="62063")
    client = client_for(agent_mons)
    url = reverse("staff:transfer", args=[file.pk])
    form = client.get(url)
    assert form.status_code == 200 and b'name="street"' in form.content
    assert f'value="{liege.pk}"'.encode() in form.content
    mons = Commune.objects.get(nis_code="53053")
    assert f'<option value="{mons.pk}"'.encode() not in form.content  # served by this centre
    done = client.post(
        url,
        {
            "commune": liege.pk,
            "street": "Rue Léopold 3",
            "postal_code": "4000",
            "moved_on": "01/06/2026",
            "reason": "Moved to Liège",
        },
    )
    transfer = Transfer.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse(
        "staff:transfer_done", args=[transfer.pk]
    )
    page = client.get(done["Location"])
    assert (
        page.status_code == 200 and "CRIPEL" in page.content.decode()
    ) or "Liège" in page.content.decode()
    new = transfer.new_pathway
    assert [getattr(new, name) for name in CLOCK] == before and new.centre.code == "CRIPEL"
    new.person.refresh_from_db()
    assert new.person.commune == liege and new.person.street == "Rue Léopold 3"
    assert PersonChange.objects.filter(person=new.person, field="commune").exists()
    inbox = client_for(agent_liege).get(reverse("staff:transfers"))
    assert reverse("staff:person", args=[new.person_id]).encode() in inbox.content
    assert client_for(agent_liege).get(done["Location"]).status_code == 404


def test_a_bad_transfer_changes_nothing(agent_mons: User, client_for: ClientFor) -> None:
    file = make_pathway(actor=agent_mons)
    mons = Commune.objects.get(nis_code="53053")
    page = client_for(agent_mons).post(
        reverse("staff:transfer", args=[file.pk]),
        {"commune": mons.pk, "street": "x", "postal_code": "70", "moved_on": "x", "reason": ""},
    )
    assert page.status_code == 200 and not Transfer.objects.exists()


def _asked_by_liege(territory: None = None) -> TransferRequest:
    liege = Commune.objects.get(nis_code="62063")
    desk = make_user(email="desk.liege@example.org", role=Role.COMMUNE, commune=liege)
    fields = person_fields(commune=liege, street="Rue Léopold 3", postal_code="4000")
    data = ReferralInput(
        person=fields, commune=liege, referred_on=REFERRED_ON, source=ReferralSource.API
    )
    asked = referral_register(data=data, actor=desk)
    assert isinstance(asked, TransferRequest)
    return asked


def test_the_holding_centre_accepts_the_request(
    agent_mons: User, agent_liege: User, client_for: ClientFor
) -> None:
    file = make_pathway(actor=agent_mons)
    before = [getattr(file, name) for name in CLOCK]
    asked = _asked_by_liege()
    desk = asked.requested_by
    assert desk is not None and not commune_people(user=desk).exists()
    assert (
        client_for(agent_liege).get(reverse("staff:transfer_request", args=[asked.pk])).status_code
        == 404
    )
    client = client_for(agent_mons)
    inbox = client.get(reverse("staff:transfers"))
    assert reverse("staff:transfer_request", args=[asked.pk]).encode() in inbox.content
    client.post(reverse("staff:transfer_request", args=[asked.pk]), {"accept": "1"})
    asked.refresh_from_db()
    assert asked.state == TransferRequest.State.ACCEPTED and asked.transfer is not None
    new = asked.transfer.new_pathway
    assert new.centre.code == "CRIPEL" and [getattr(new, n) for n in CLOCK] == before
    file.refresh_from_db()
    assert file.status == Status.TRANSFERRED
    assert Referral.objects.filter(pathway=new, commune__nis_code="62063").exists()
    assert commune_people(user=desk).exists()


def test_the_holding_centre_refuses_the_request_with_a_reason(
    agent_mons: User, client_for: ClientFor
) -> None:
    file = make_pathway(actor=agent_mons)
    asked = _asked_by_liege()
    client = client_for(agent_mons)
    url = reverse("staff:transfer_request", args=[asked.pk])
    page = client.post(url, {"refuse": "1", "answer": ""})
    assert page.status_code == 200
    asked.refresh_from_db()
    assert asked.state == TransferRequest.State.PENDING
    client.post(url, {"refuse": "1", "answer": "Not moved: wrong address"})
    asked.refresh_from_db()
    assert asked.state == TransferRequest.State.REFUSED
    file.refresh_from_db()
    assert file.status == Status.REFERRED and Pathway.objects.count() == 1
    again = client.post(url, {"accept": "1"}, follow=True)
    said = again.content.decode()
    assert again.status_code == 200 and ("already answered" in said or "déjà reçu" in said)
    asked.refresh_from_db()
    assert asked.state == TransferRequest.State.REFUSED
