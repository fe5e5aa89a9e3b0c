"""Issue 11: the same referral sent twice through the API never makes two people; an
`Idempotency-Key` answers a repeat with the first answer; a probable match is a documented
409; issue 14: a person whose file another centre holds becomes a transfer request."""

from collections.abc import Mapping
from typing import Any

import pytest
from django.test import Client

from parcours.accounts.enums import Role, TokenScope
from parcours.accounts.models import User
from parcours.accounts.tokens import api_token_issue
from parcours.pathways.models import Pathway, Referral, TransferRequest
from parcours.pathways.selectors import commune_people
from parcours.people.models import Person
from parcours.territory.models import Commune
from tests.factories.accounts import make_user
from tests.factories.people import make_pathway

pytestmark = pytest.mark.django_db

KAYA = {
    "family_name": "KAYA",
    "given_names": "Leyla",
    "birth_date": "14/05/1990",
    "sex": "F",
    "commune_nis": "53053",
    "nationalities": "TR",
    "registered_on": "2026-01-15",
    "permit_ordered_on": "2026-01-10",
    "permit_valid_from": "2026-01-10",
    "legal_stay_since": "2025-12-01",
    "street": "Rue de Nimy 4",
    "postal_code": "7000",
}


def _post(token: str, body: Mapping[str, object], key: str = "") -> tuple[int, dict[str, Any]]:
    headers = {"Authorization": f"Bearer {token}"}
    if key:
        headers["Idempotency-Key"] = key
    response = Client().post(
        "/api/v1/referrals", body, content_type="application/json", headers=headers
    )
    return response.status_code, response.json()


@pytest.fixture
def token(commune_mons: User, admin_user: User) -> str:
    return api_token_issue(user=commune_mons, scope=TokenScope.REFERRALS, actor=admin_user)


def test_kaya_leyla_sent_twice_without_a_key_is_one_person(token: str) -> None:
    first_status, first = _post(token, KAYA)
    again_status, again = _post(token, {**KAYA, "family_name": "Kaya", "given_names": "LEYLA"})
    assert (first_status, again_status) == (201, 201)
    assert first["status"] == "recorded" and again["referral_id"] == first["referral_id"]
    assert Person.objects.filter(family_name__iexact="kaya").count() == 1
    assert Pathway.objects.count() == 1 and Referral.objects.count() == 1


def test_the_same_key_gets_the_first_answer(token: str) -> None:
    first = _post(token, KAYA, key="3f1c-kaya")
    assert _post(token, KAYA, key="3f1c-kaya") == first
    assert first[0] == 201 and Person.objects.count() == 1 and Referral.objects.count() == 1


def test_the_same_key_with_another_body_is_a_422(token: str) -> None:
    _post(token, KAYA, key="k-1")
    status, answer = _post(token, {**KAYA, "given_names": "Leyla Nur"}, key="k-1")
    assert status == 422 and "Idempotency-Key" in str(answer["detail"])
    assert Person.objects.count() == 1


def test_a_key_that_is_not_visible_ascii_is_a_400(token: str) -> None:
    status, _answer = _post(token, KAYA, key="x" * 129)
    assert status == 400 and not Person.objects.exists()


def test_a_probable_match_is_a_409_with_its_code_and_nothing_is_recorded(token: str) -> None:
    _post(token, KAYA)
    status, answer = _post(token, {**KAYA, "given_names": "Leila"})
    assert status == 409 and answer["code"] == "probable_match"
    assert Person.objects.count() == 1 and Referral.objects.count() == 1


def test_the_commune_confirms_another_person(token: str) -> None:
    _post(token, KAYA)
    status, _answer = _post(token, {**KAYA, "given_names": "Leila", "confirm_new_person": True})
    assert status == 201 and Person.objects.count() == 2


def test_a_known_person_gets_the_national_number_the_commune_sends(token: str) -> None:
    _post(token, KAYA)
    status, _answer = _post(token, {**KAYA, "national_number": "90.05.14-001.49"})
    assert status == 201
    assert Person.objects.get().national_number == "90051400149"


def test_another_centres_open_file_becomes_a_transfer_request_liege_to_mons(
    agent_liege: User, admin_user: User, territory: None
) -> None:
    """Issue 14 reproduced: Liège's file, the Mons commune's token; nothing moves, nothing is
    shown to Mons."""
    liege = Commune.objects.get(nis_code="62063")
    held = make_pathway(
        actor=agent_liege, commune=liege, street="Rue Léopold 3", postal_code="4000"
    )
    mons = Commune.objects.get(nis_code="53053")
    desk = make_user(email="desk.mons@example.org", role=Role.COMMUNE, commune=mons)
    token = api_token_issue(user=desk, scope=TokenScope.REFERRALS, actor=admin_user)
    body = {
        **KAYA,
        "family_name": "Al-Hassan",
        "given_names": "Amira",
        "birth_date": "30/07/1985",
        "national_number": "85.07.30-033.28",
    }
    status, answer = _post(token, body, key="move-1")
    assert status == 202 and answer["status"] == "transfer_requested"
    asked = TransferRequest.objects.get(pk=answer["transfer_request_id"])
    assert asked.from_centre.code == "CRIPEL" and asked.new_commune == mons
    held.refresh_from_db()
    held.person.refresh_from_db()
    assert held.status == "referred" and held.centre.code == "CRIPEL"
    assert held.person.commune == liege
    assert not commune_people(user=desk).exists()
    assert _post(token, body, key="move-1") == (status, answer)
    assert _post(token, body)[0] == 202 and TransferRequest.objects.count() == 1
