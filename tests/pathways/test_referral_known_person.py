"""A referral of a person already known updates where they live, as a correction with its
history; a commune served by another centre moves the open file there."""

from datetime import date

import pytest
from django.urls import reverse

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.pathways.enums import ReferralSource, Status
from parcours.pathways.errors import FileHeldElsewhereError, IdentityMismatchError
from parcours.pathways.models import Pathway, Referral, TransferRequest
from parcours.pathways.selectors import commune_people
from parcours.pathways.services.intake import ReferralInput, referral_register
from parcours.people.models import PersonChange
from parcours.territory.models import Commune
from tests.errors import refused
from tests.factories.accounts import make_user
from tests.factories.people import REFERRED_ON, make_pathway, person_fields
from tests.types import ClientFor

pytestmark = pytest.mark.django_db

MISMATCH = (
    "The national number %(number)s is recorded for a person with another name or birth date: "
    "check the number, the names and the birth date. Nothing was recorded."
)
HELD_ELSEWHERE = (
    "This person's file is held by %(centre)s: send them the referral, or ask the commune of "
    "the new address to refer the person. Nothing was recorded."
)


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


def test_a_referral_from_a_commune_of_another_centre_asks_for_the_file(
    agent_mons: User,
) -> None:
    first = make_pathway(actor=agent_mons)
    liege = Commune.objects.get(nis_code="62063")
    fields = person_fields(commune=liege, street="Rue Léopold 3", postal_code="4000")
    data = ReferralInput(
        person=fields, commune=liege, referred_on=REFERRED_ON, source=ReferralSource.FORM
    )
    asked = referral_register(data=data, actor=None)
    assert isinstance(asked, TransferRequest) and asked.state == TransferRequest.State.PENDING
    assert asked.from_centre.code != "CRIPEL" and asked.to_centre.code == "CRIPEL"
    first.refresh_from_db()
    first.person.refresh_from_db()
    assert first.status == Status.REFERRED and first.person.commune.nis_code == "53053"
    assert not PersonChange.objects.filter(person=first.person, field="commune").exists()


def _liege_referral(
    actor: User | None, source: ReferralSource, **person: object
) -> Referral | TransferRequest:
    liege = Commune.objects.get(nis_code="62063")
    fields = person_fields(commune=liege, street="Rue Léopold 3", postal_code="4000") | person
    data = ReferralInput(person=fields, commune=liege, referred_on=REFERRED_ON, source=source)
    return referral_register(data=data, actor=actor)


@pytest.mark.parametrize(
    "other", [{"family_name": "Dupont"}, {"given_names": "Yara"}, {"birth_date": date(1990, 1, 1)}]
)
def test_a_known_national_number_with_another_name_or_birth_date_is_refused(
    other: dict[str, object], agent_mons: User, agent_liege: User
) -> None:
    first = make_pathway(actor=agent_mons)
    with refused(MISMATCH, IdentityMismatchError):
        _liege_referral(agent_liege, ReferralSource.FORM, **other)
    first.refresh_from_db()
    first.person.refresh_from_db()
    assert first.status == Status.REFERRED and first.person.street == "Rue de Nimy 12"
    assert Pathway.objects.count() == 1 and Referral.objects.count() == 1


def test_a_known_number_is_matched_whatever_the_accents_case_and_order_of_the_names(
    agent_mons: User,
) -> None:
    first = make_pathway(actor=agent_mons)
    again = make_pathway(actor=agent_mons, family_name="AMIRA", given_names="al hassan")
    assert again.pk == first.pk


def test_staff_of_another_centre_never_move_a_person_by_a_referral(
    agent_mons: User, agent_liege: User
) -> None:
    first = make_pathway(actor=agent_mons)
    with pytest.raises(FileHeldElsewhereError, match="Mons"):
        _liege_referral(agent_liege, ReferralSource.FORM)
    first.refresh_from_db()
    first.person.refresh_from_db()
    assert first.status == Status.REFERRED and first.person.commune.nis_code == "53053"
    assert not PersonChange.objects.filter(field="commune").exists()
    assert Pathway.objects.count() == 1


def test_staff_of_another_centre_cannot_read_the_file_after_a_refused_referral(
    agent_mons: User, agent_liege: User, client_for: ClientFor
) -> None:
    first = make_pathway(actor=agent_mons)
    with refused(HELD_ELSEWHERE, FileHeldElsewhereError):
        _liege_referral(agent_liege, ReferralSource.FORM)
    page = client_for(agent_liege).get(reverse("staff:health", args=[first.pk]))
    assert page.status_code == 404


def test_the_commune_of_the_new_address_asks_for_the_file_by_its_api(
    agent_mons: User, territory: None
) -> None:
    """Issue 14: a commune's token never moves another centre's file (Liège → Mons)."""
    first = make_pathway(actor=agent_mons)
    liege = Commune.objects.get(nis_code="62063")
    desk = make_user(email="commune.liege@example.org", role=Role.COMMUNE, commune=liege)
    asked = _liege_referral(desk, ReferralSource.API)
    assert isinstance(asked, TransferRequest)
    first.refresh_from_db()
    assert first.status == Status.REFERRED and first.centre.code != "CRIPEL"
    assert not commune_people(user=desk).exists()
    assert Referral.objects.filter(commune=liege).count() == 0


def test_a_centre_importing_the_list_of_the_new_address_commune_asks_for_the_file(
    agent_mons: User, agent_liege: User
) -> None:
    first = make_pathway(actor=agent_mons)
    asked = _liege_referral(agent_liege, ReferralSource.CSV)
    assert isinstance(asked, TransferRequest) and asked.requested_by == agent_liege
    first.refresh_from_db()
    assert first.status == Status.REFERRED
