"""A referral of a person already known updates where they live, as a correction with its
history; a commune served by another centre moves the open file there."""

import pytest

from parcours.accounts.models import User
from parcours.pathways.enums import Status
from parcours.pathways.models import Pathway, Referral
from parcours.people.models import PersonChange
from parcours.territory.models import Commune
from tests.factories.people import make_pathway

pytestmark = pytest.mark.django_db


def test_a_new_referral_corrects_the_address_with_history(agent_mons: User) -> None:
    first = make_pathway(actor=agent_mons)
    second = make_pathway(actor=agent_mons, street="Grand-Place 1", postal_code="7000")
    assert second.pk == first.pk
    person = first.person
    person.refresh_from_db()
    assert person.street == "Grand-Place 1"
    change = PersonChange.objects.get(person=person, field="street")
    assert change.old_value == "Rue de Nimy 12" and change.new_value == "Grand-Place 1"
    assert change.changed_by == agent_mons and "Mons" in change.reason
    assert Referral.objects.filter(pathway=first).count() == 2


def test_a_referral_without_an_address_keeps_the_known_one(agent_mons: User) -> None:
    first = make_pathway(actor=agent_mons)
    make_pathway(actor=agent_mons, street="")
    first.person.refresh_from_db()
    assert first.person.street == "Rue de Nimy 12"
    assert not PersonChange.objects.filter(person=first.person, field="street").exists()


def test_a_referral_from_a_commune_of_another_centre_transfers_the_open_file(
    agent_mons: User,
) -> None:
    first = make_pathway(actor=agent_mons)
    liege = Commune.objects.get(nis_code="62063")
    moved = make_pathway(actor=None, commune=liege, street="Rue Léopold 3", postal_code="4000")
    first.refresh_from_db()
    assert first.status == Status.TRANSFERRED
    assert moved.centre.code == "CRIPEL" and moved.transferred_from_id == first.pk
    assert moved.person.commune == liege
    assert Pathway.objects.filter(person=first.person, status__in=["referred"]).count() == 1
    assert PersonChange.objects.filter(person=first.person, field="commune").exists()
