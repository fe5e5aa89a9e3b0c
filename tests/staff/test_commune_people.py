"""A commune sees whether the people it referred, or who live in it, follow the pathway."""

from datetime import date

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


def _shown(client_for: ClientFor, user: User, pathway: Pathway) -> str:
    body = client_for(user).get(URL).content.decode()
    marker = f'data-person="{pathway.person_id}" data-status="'
    assert marker in body
    return body.split(marker, 1)[1].split('"', 1)[0]


def test_a_not_concerned_person_is_never_shown_to_the_commune_as_following_the_pathway(
    commune_mons: User, client_for: ClientFor
) -> None:
    """Regression: an open file of a not-concerned person read "follows the pathway"."""
    pathway = make_pathway(nationalities=["FR"])
    assert pathway.obligation == "not_concerned" and pathway.status == Status.REFERRED
    assert _shown(client_for, commune_mons, pathway) == CommuneStatus.NOT_CONCERNED


def test_a_waived_person_with_an_open_file_is_shown_as_waived_unless_voluntary(
    commune_mons: User, client_for: ClientFor
) -> None:
    waived = make_pathway(nationalities=["TR"])  # standstill nationality
    assert waived.obligation == "waived"
    assert _shown(client_for, commune_mons, waived) == CommuneStatus.WAIVED
    Pathway.objects.filter(pk=waived.pk).update(voluntary=True)
    assert _shown(client_for, commune_mons, waived) == CommuneStatus.FOLLOWS


def test_a_referral_with_only_the_permits_order_date_is_concerned_once_the_permit_is_issued(
    commune_mons: User, client_for: ClientFor
) -> None:
    """Regression: with only the order date the person was "not concerned" (no permit)."""
    pathway = make_pathway(permit_valid_from=None, permit_valid_until=None, legal_stay_since=None)
    assert pathway.obligation == "obligated"
    assert pathway.certificate_by == date(2027, 7, 10)  # 18 months after the order, 10/01/2026
    assert pathway.present_by == date(2026, 4, 15)  # 3 months after the registration
    body = client_for(commune_mons).get(URL).content.decode()
    assert "Concerned once the permit is issued" in body or "Concerné" in body
    assert _shown(client_for, commune_mons, pathway) == CommuneStatus.PERMIT_PENDING


def test_informing_the_commune_reaches_its_inbox_and_no_other_commune(
    commune_mons: User, agent_mons: User, client_for: ClientFor
) -> None:
    """Regression: "inform the commune or the CPAS" was recorded and sent nowhere."""
    pathway = make_pathway()
    notify = reverse("staff:notify", args=[pathway.pk])
    sent = {"recipient": "commune", "what": "Suit le parcours", "sent_on": "2026-11-30"}
    assert client_for(agent_mons).post(notify, sent).status_code == 302
    cpas = {"recipient": "cpas", "what": "Pour le CPAS", "sent_on": "2026-11-30"}
    assert client_for(agent_mons).post(notify, cpas).status_code == 302
    inbox = reverse("staff:commune_inbox")
    body = client_for(commune_mons).get(inbox).content.decode()
    assert "Suit le parcours" in body and "AL-HASSAN Amira" in body and "30/11/2026" in body
    assert "Pour le CPAS" not in body
    assert inbox in client_for(commune_mons).get(reverse("staff:home")).content.decode()
    commune_mons.commune = _liege()
    commune_mons.save()
    assert "Suit le parcours" not in client_for(commune_mons).get(inbox).content.decode()


def test_a_commune_refers_a_newcomer_living_in_it_from_the_web_form(
    commune_mons: User, client_for: ClientFor
) -> None:
    client = client_for(commune_mons)
    url = reverse("staff:referral_new")
    form = client.get(url).context["form"]
    mons = commune_mons.commune
    assert mons is not None
    assert list(form.fields["commune"].queryset) == [mons]
    assert list(form.fields["referring_commune"].queryset) == [mons]
    data = {
        "family_name": "Kaya",
        "given_names": "Leyla",
        "birth_date": "1992-04-03",
        "sex": "F",
        "nationalities_0": "SY",
        "languages_0": "ar",
        "letter_language": "fr",
        "commune": mons.pk,
        "referring_commune": mons.pk,
        "registered_on": "2026-11-02",
        "permit_ordered_on": "2026-11-02",
        "referred_on": "2026-11-30",
    }
    elsewhere = client.post(url, data | {"commune": _liege().pk})
    assert elsewhere.status_code == 200 and not Pathway.objects.exists()
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == URL
    pathway = Pathway.objects.get()
    assert Referral.objects.get(pathway=pathway).commune == mons
    assert _shown(client_for, commune_mons, pathway) == CommuneStatus.PERMIT_PENDING
