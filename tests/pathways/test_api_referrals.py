import re

import pytest
from django.test import Client

from parcours.accounts.enums import TokenScope
from parcours.accounts.models import User
from parcours.accounts.tokens import api_token_issue
from parcours.pathways.models import Referral
from tests.factories.people import make_pathway

pytestmark = pytest.mark.django_db

BODY = {
    "family_name": "Haddad",
    "given_names": "Yara",
    "birth_date": "02/02/1992",
    "sex": "F",
    "commune_nis": "53053",
    "nationalities": "SY",
    "national_number": "85.07.30-033.28",
    "registered_on": "2026-01-15",
    "permit_ordered_on": "2026-01-10",
    "permit_valid_from": "2026-01-10",
    "legal_stay_since": "2025-12-01",
}


def _post(client: Client, token: str, body: dict[str, str]) -> tuple[int, dict[str, object]]:
    response = client.post(
        "/api/v1/referrals",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    return response.status_code, response.json()


def test_a_commune_refers_a_newcomer_with_its_token(commune_mons: User, admin_user: User) -> None:
    token = api_token_issue(user=commune_mons, scope=TokenScope.REFERRALS, actor=admin_user)
    status, body = _post(Client(), token, BODY)
    assert status == 201 and body["received"] is True
    referral = Referral.objects.get()
    assert referral.source == "api" and referral.pathway.obligation == "obligated"


def test_a_bad_row_is_refused_with_the_same_message_as_in_a_csv(
    commune_mons: User, admin_user: User
) -> None:
    token = api_token_issue(user=commune_mons, scope=TokenScope.REFERRALS, actor=admin_user)
    status, body = _post(Client(), token, {**BODY, "national_number": "85.07.30-033.29"})
    assert status == 400 and "valid" in str(body["detail"])
    status, body = _post(Client(), token, {**BODY, "commune_nis": "53070"})
    assert status == 400
    assert not Referral.objects.exists()


def test_without_a_valid_token_nothing_is_referred() -> None:
    status, _body = _post(Client(), "forged", BODY)
    assert status == 401


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("family_name", "X" * 151),
        ("street", "Rue " * 60),
        ("postal_code", "700000"),
        ("email", "not-an-email"),
        ("phone", "0" * 30),
        ("permit_valid_from", "2026-01-10"),
    ],
)
def test_a_value_the_database_would_refuse_is_a_400_naming_its_field(
    field: str, value: str, commune_mons: User, admin_user: User
) -> None:
    token = api_token_issue(user=commune_mons, scope=TokenScope.REFERRALS, actor=admin_user)
    body = {**BODY, field: value}
    if field == "permit_valid_from":  # the permit ends before it starts
        body["permit_valid_until"] = "2025-01-01"
        field = "permit_valid_until"
    status, answer = _post(Client(), token, body)
    # The field by its name for the integrator, and in words in the message.
    fields = answer["fields"]
    assert status == 400 and isinstance(fields, list) and field in fields
    assert not re.search(rf"\b{field}\b", str(answer["detail"]))  # said in words
    assert not Referral.objects.exists()


@pytest.mark.parametrize("referred_on", ["31/02/2026", "yesterday", "2999-01-01"])
def test_a_referral_date_that_cannot_be_read_is_a_400_never_today(
    referred_on: str, commune_mons: User, admin_user: User
) -> None:
    token = api_token_issue(user=commune_mons, scope=TokenScope.REFERRALS, actor=admin_user)
    status, answer = _post(Client(), token, {**BODY, "referred_on": referred_on})
    assert status == 400 and "referred_on" in str(answer["detail"])
    assert not Referral.objects.exists()


def test_a_known_number_with_another_identity_is_a_409_and_nothing_changes(
    commune_mons: User, admin_user: User, agent_mons: User
) -> None:
    known = make_pathway(actor=agent_mons)  # Al-Hassan Amira, same national number as BODY
    token = api_token_issue(user=commune_mons, scope=TokenScope.REFERRALS, actor=admin_user)
    status, _answer = _post(Client(), token, BODY)
    assert status == 409 and Referral.objects.count() == 1
    known.person.refresh_from_db()
    assert known.person.family_name == "Al-Hassan"
