"""`/api/v1/partner/...` with a partner user's token: limited fields, answers, hours in one
all-or-nothing batch; another partner's token gets 404, no token 401."""

from datetime import date

import pytest
import time_machine
from django.test import Client

from parcours.accounts.enums import TokenScope
from parcours.accounts.models import ApiToken, User
from parcours.accounts.tokens import api_token_issue, api_token_revoke
from parcours.training.models import Attendance, Enrolment
from tests.errors import refused

pytestmark = pytest.mark.django_db
TODAY = date(2026, 5, 29)
ALLOWED = {
    "enrolment",
    "family_name",
    "given_names",
    "birth_date",
    "phone",
    "email",
    "letter_language",
    "track",
    "offer",
    "offer_title",
    "status",
    "referred_on",
    "starts_on",
    "expected_start_on",
}


def _auth(user: User) -> dict[str, str]:
    token = api_token_issue(user=user, scope=TokenScope.PARTNER_HOURS, actor=user)
    return {"Authorization": f"Bearer {token}"}


def test_the_partner_lists_its_referred_people_with_only_the_fields_it_needs(
    referred: Enrolment, partner_fle: User, client: Client
) -> None:
    response = client.get("/api/v1/partner/enrolments", headers=_auth(partner_fle))
    assert response.status_code == 200
    [item] = response.json()
    assert set(item) == ALLOWED
    assert item["enrolment"] == referred.pk and item["family_name"] == "Al-Hassan"
    assert "85073003328" not in response.content.decode()  # never the national number


def test_a_token_is_stored_as_a_hash_and_a_revoked_token_is_refused(
    partner_fle: User, client: Client
) -> None:
    token = api_token_issue(user=partner_fle, scope=TokenScope.PARTNER_HOURS, actor=partner_fle)
    stored = ApiToken.objects.get()
    assert token not in (stored.digest, stored.prefix) and len(stored.digest) == 64
    header = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/partner/enrolments", headers=header).status_code == 200
    api_token_revoke(token=stored, actor=partner_fle)
    assert client.get("/api/v1/partner/enrolments", headers=header).status_code == 401
    assert client.get("/api/v1/partner/enrolments").status_code == 401


@time_machine.travel(TODAY, tick=False)
def test_the_partner_answers_through_the_api(
    referred: Enrolment, partner_fle: User, client: Client
) -> None:
    url = f"/api/v1/partner/enrolments/{referred.pk}/answer"
    headers = _auth(partner_fle)
    bad = client.post(url, {"answer": "refused"}, content_type="application/json", headers=headers)
    assert bad.status_code == 400
    payload = {"answer": "waiting", "expected_start_on": "2026-09-01"}
    response = client.post(url, payload, content_type="application/json", headers=headers)
    assert response.status_code == 200 and response.json()["status"] == "waiting"


@time_machine.travel(TODAY, tick=False)
def test_a_batch_of_hours_is_recorded_all_or_nothing(
    enrolled: Enrolment, partner_fle: User, client: Client
) -> None:
    headers = _auth(partner_fle)
    cells = [
        {"enrolment": enrolled.pk, "date": "2026-05-04", "hours": 3},
        {"enrolment": enrolled.pk, "date": "2026-05-06", "hours": 30},
    ]
    bad = client.post(
        "/api/v1/partner/attendance", cells, content_type="application/json", headers=headers
    )
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["date"] == "2026-05-06"
    assert not Attendance.objects.exists()
    cells[1]["hours"] = 3.5
    done = client.post(
        "/api/v1/partner/attendance", cells, content_type="application/json", headers=headers
    )
    assert done.status_code == 200 and done.json() == {"written": 2, "unchanged": 0}
    listed = client.get(f"/api/v1/partner/enrolments/{enrolled.pk}/attendance", headers=headers)
    assert [row["hours"] for row in listed.json()] == ["3.00", "3.50"]
    assert {r.source for r in Attendance.objects.all()} == {"api"}


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/partner/enrolments/{pk}"),
        ("get", "/api/v1/partner/enrolments/{pk}/attendance"),
        ("post", "/api/v1/partner/enrolments/{pk}/answer"),
        ("post", "/api/v1/partner/attendance"),
    ],
)
def test_a_token_of_another_partner_gets_404_on_every_endpoint(
    method: str, path: str, enrolled: Enrolment, other_partner_user: User, client: Client
) -> None:
    headers = _auth(other_partner_user)
    body: object = {"answer": "accepted", "starts_on": "2026-06-01"}
    if path.endswith("/attendance") and method == "post":
        body = [{"enrolment": enrolled.pk, "date": "2026-05-04", "hours": 3}]
    url = path.format(pk=enrolled.pk)
    if method == "post":
        response = client.post(url, body, content_type="application/json", headers=headers)
    else:
        response = client.get(url, headers=headers)
    assert response.status_code == 404
    assert client.get("/api/v1/partner/enrolments", headers=headers).json() == []
    assert not Attendance.objects.exists()


def test_a_centre_agent_cannot_get_a_partner_token(agent_mons: User) -> None:

    with refused("Only a partner user can have a partner API token."):
        api_token_issue(user=agent_mons, scope=TokenScope.PARTNER_HOURS, actor=agent_mons)


@time_machine.travel(TODAY, tick=False)
def test_hours_with_more_than_two_decimals_are_refused_like_on_the_grid(
    enrolled: Enrolment, partner_fle: User, client: Client
) -> None:
    cells = [{"enrolment": enrolled.pk, "date": "2026-05-04", "hours": 1.239}]
    response = client.post(
        "/api/v1/partner/attendance",
        cells,
        content_type="application/json",
        headers=_auth(partner_fle),
    )
    assert response.status_code == 400
    assert not Attendance.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_sending_the_same_hours_again_writes_nothing(
    enrolled: Enrolment, partner_fle: User, client: Client
) -> None:
    headers = _auth(partner_fle)
    cells = [{"enrolment": enrolled.pk, "date": "2026-05-04", "hours": 1.25}]
    for expected in ({"written": 1, "unchanged": 0}, {"written": 0, "unchanged": 1}):
        response = client.post(
            "/api/v1/partner/attendance", cells, content_type="application/json", headers=headers
        )
        assert response.json() == expected
    assert Attendance.objects.count() == 1
