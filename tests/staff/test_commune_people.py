"""A commune sees whether the people it referred, or who live in it, follow the pathway."""

import pytest
from django.urls import reverse

from parcours.accounts.models import User
from parcours.audit.models import AccessEvent
from parcours.pathways.enums import CommuneStatus, Status
from parcours.pathways.models import Pathway, Referral
from parcours.territory.models import Commune
from tests.factories.people import NATIONAL_NUMBER, make_pathway
from tests.types import ClientFor

pytestmark = pytest.mark.django_db

URL = reverse("staff:commune_people")


def _liege() -> Commune:
    return Commune.objects.get(nis_code="62063")


def test_a_commune_sees_the_people_living_in_it_or_it_referred_and_nobody_else(
    commune_mons: User, client_for: ClientFor
) -> None:
    resident = make_pathway(family_name="Resident", national_number="")
    moved = make_pathway(family_name="Moved", national_number="", commune=_liege())
    Referral.objects.filter(pathway=moved).update(commune=commune_mons.commune)
    elsewhere = make_pathway(family_name="Elsewhere", national_number="", commune=_liege())

    body = client_for(commune_mons).get(URL).content.decode()

    assert f'data-person="{resident.person_id}"' in body
    assert f'data-person="{moved.person_id}"' in body
    assert f'data-person="{elsewhere.person_id}"' not in body


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        (Status.REFERRED, CommuneStatus.FOLLOWS),
        (Status.IN_TRAINING, CommuneStatus.FOLLOWS),
        (Status.SUSPENDED, CommuneStatus.FOLLOWS),
        (Status.COMPLETED, CommuneStatus.COMPLETED),
        (Status.WAIVED, CommuneStatus.WAIVED),
        (Status.NOT_CONCERNED, CommuneStatus.NOT_CONCERNED),
        (Status.NON_COMPLIANT, CommuneStatus.DOES_NOT_FOLLOW),
        (Status.REPORTED, CommuneStatus.DOES_NOT_FOLLOW),
        (Status.WITHDRAWN, CommuneStatus.DOES_NOT_FOLLOW),
    ],
)
def test_the_commune_reads_only_a_minimal_status_in_words(
    status: Status, shown: CommuneStatus, commune_mons: User, client_for: ClientFor
) -> None:
    pathway = make_pathway()
    Pathway.objects.filter(pk=pathway.pk).update(status=status)

    body = client_for(commune_mons).get(URL).content.decode()

    assert f'data-person="{pathway.person_id}" data-status="{shown.value}"' in body


def test_the_list_shows_name_and_birth_year_and_no_other_detail(
    commune_mons: User, client_for: ClientFor
) -> None:
    make_pathway()

    body = client_for(commune_mons).get(URL).content.decode()

    assert "AL-HASSAN Amira" in body and "1985" in body
    for detail in ("30/07/1985", NATIONAL_NUMBER, "amira@example.org", "Rue de Nimy", "+32"):
        assert detail not in body


def test_every_person_listed_is_recorded_in_the_access_log(
    commune_mons: User, client_for: ClientFor
) -> None:
    pathway = make_pathway()

    client_for(commune_mons).get(URL)

    assert AccessEvent.objects.filter(user=commune_mons, person=pathway.person).count() == 1


def test_the_list_is_paginated_and_the_commune_home_links_to_it(
    commune_mons: User, client_for: ClientFor
) -> None:
    for number in range(51):
        make_pathway(family_name=f"Person{number:02d}", national_number="")
    client = client_for(commune_mons)

    first = client.get(URL)
    second = client.get(URL, {"page": 2})

    assert len(first.context["rows"]) == 50 and len(second.context["rows"]) == 1
    assert URL in client.get(reverse("staff:home")).content.decode()


def test_a_commune_user_of_another_commune_sees_none_of_them(
    commune_mons: User, client_for: ClientFor
) -> None:
    make_pathway()
    commune_mons.commune = _liege()
    commune_mons.save()

    assert client_for(commune_mons).get(URL).context["rows"] == []
