"""The API reads every body as JSON, whatever its Content-Type says: a NUL sent as text/plain
or as a form went past the text rule and, on PostgreSQL, gave a 500. It is the
same documented 400 as in a JSON body, and nothing is recorded."""

import json

import pytest
from django.test import Client

from parcours.accounts.enums import TokenScope
from parcours.accounts.models import User
from parcours.accounts.tokens import api_token_issue
from parcours.pathways.models import Referral

pytestmark = pytest.mark.django_db
BODY = {
    "family_name": "Had\u0000dad",
    "given_names": "Yara",
    "birth_date": "02/02/1992",
    "sex": "F",
    "commune_nis": "53053",
}


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "application/octet-stream"]
)
def test_a_nul_in_a_body_of_any_content_type_is_the_documented_400(
    content_type: str, commune_mons: User
) -> None:
    token = api_token_issue(user=commune_mons, scope=TokenScope.REFERRALS, actor=None)
    response = Client(raise_request_exception=False).post(
        "/api/v1/referrals",
        json.dumps(BODY, ensure_ascii=False),
        content_type=content_type,
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 400
    assert "contrôle" in response.json()["detail"]
    assert not Referral.objects.exists()


def test_a_nul_in_the_eligibility_body_sent_as_text_is_a_400(client: Client) -> None:
    body = '{"commune_nis": "53\\u0000053"}'
    response = client.post("/api/v1/eligibility", body, content_type="text/plain")
    assert response.status_code == 400 and set(response.json()) == {"detail"}
