"""Issue 11: the staff's referral form looks for the person first: a person already known
(same names up to accents and order, same birth date) is reused; a probable match is shown
for the user to choose; nothing is created silently."""

import pytest
from django.urls import reverse

from parcours.accounts.models import User
from parcours.pathways.models import Pathway, Referral
from parcours.people.models import Person
from parcours.territory.models import Commune
from tests.staff.test_journey_web import PERSON
from tests.types import ClientFor

pytestmark = pytest.mark.django_db


def _data(mons: Commune, **changes: str) -> dict[str, object]:
    return {
        **PERSON,
        "national_number": "",
        "commune": mons.pk,
        "referring_commune": mons.pk,
    } | changes


def test_the_same_person_typed_again_joins_the_file(
    agent_mons: User, mons: Commune, client_for: ClientFor
) -> None:
    client = client_for(agent_mons)
    first = client.post(reverse("staff:referral_new"), _data(mons))
    again = client.post(
        reverse("staff:referral_new"), _data(mons, family_name="KARÍMI", given_names="reza")
    )
    assert first.status_code == again.status_code == 302 and first["Location"] == again["Location"]
    assert Person.objects.count() == 1 and Pathway.objects.count() == 1


def test_a_probable_match_is_shown_and_the_user_chooses(
    agent_mons: User, mons: Commune, client_for: ClientFor
) -> None:
    client = client_for(agent_mons)
    client.post(reverse("staff:referral_new"), _data(mons))
    known = Person.objects.get()
    close = _data(mons, family_name="Karimy")
    page = client.post(reverse("staff:referral_new"), close)
    assert page.status_code == 200 and Person.objects.count() == 1
    assert f'name="same_as" value="{known.pk}"'.encode() in page.content
    assert reverse("staff:person", args=[known.pk]).encode() in page.content
    chosen = client.post(reverse("staff:referral_new"), close | {"same_as": str(known.pk)})
    assert chosen.status_code == 302 and Person.objects.count() == 1
    assert Referral.objects.count() == 2
    another = client.post(reverse("staff:referral_new"), close | {"confirm_not_duplicate": "on"})
    assert another.status_code == 302 and Person.objects.count() == 2


def test_a_chosen_person_that_is_not_a_match_is_refused(
    agent_mons: User, mons: Commune, client_for: ClientFor
) -> None:
    client = client_for(agent_mons)
    client.post(reverse("staff:referral_new"), _data(mons))
    page = client.post(
        reverse("staff:referral_new"), _data(mons, family_name="Karimy", same_as="999999")
    )
    assert page.status_code == 200 and Person.objects.count() == 1


@pytest.mark.parametrize(
    ("sex", "words"),
    [("M", "né le 12/03/1990, domicilié à"), ("F", "née le"), ("X", "né·e le")],
)
def test_the_probable_match_agrees_with_the_known_persons_sex(
    agent_mons: User, mons: Commune, client_for: ClientFor, sex: str, words: str
) -> None:
    client = client_for(agent_mons)
    client.post(reverse("staff:referral_new"), _data(mons, sex=sex))
    page = client.post(reverse("staff:referral_new"), _data(mons, family_name="Karimy"))
    text = page.content.decode()
    assert "La même personne que" in text and words in text
    if sex == "M":
        assert "née le" not in text and "domiciliée" not in text
