"""`parcours api_token --user EMAIL`: a token for the user's scope, on the last line."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from parcours.accounts.enums import TokenScope
from parcours.accounts.models import ApiToken, User
from parcours.accounts.tokens import api_token_user
from tests.types import ClientFor

pytestmark = pytest.mark.django_db


def _run(email: str) -> str:
    out, err = StringIO(), StringIO()
    call_command("api_token", "--user", email, stdout=out, stderr=err)
    return out.getvalue()


def test_a_commune_user_gets_a_working_referral_token_on_the_last_line(
    commune_mons: User,
) -> None:
    token = _run("COMMUNE.mons@example.org").strip().splitlines()[-1]
    assert api_token_user(token=token, scope=TokenScope.REFERRALS) == commune_mons
    issued = ApiToken.objects.get()
    assert issued.issued_by is None and token.startswith(issued.prefix)
    answer = Client().post(
        "/api/v1/referrals",
        {},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 422  # authenticated: the body is what is missing


def test_a_partner_user_gets_a_partner_token(partner_fle: User) -> None:
    token = _run(partner_fle.email).strip().splitlines()[-1]
    assert api_token_user(token=token, scope=TokenScope.PARTNER_HOURS) == partner_fle


@pytest.mark.parametrize("email", ["nobody@example.org", "agent.mons@example.org"])
def test_an_unknown_user_or_a_role_without_tokens_is_refused(email: str, agent_mons: User) -> None:
    with pytest.raises(CommandError):
        _run(email)
    assert not ApiToken.objects.exists()


def test_an_administrator_lists_and_revokes_tokens_in_the_staff_pages(
    commune_mons: User, admin_user: User, client_for: ClientFor
) -> None:
    _run(commune_mons.email)
    client = client_for(admin_user)
    page = client.get(reverse("staff:tokens"))
    assert (
        page.status_code == 200
        and commune_mons.commune is not None
        and commune_mons.commune.name_fr in page.content.decode()
    )
    issued = ApiToken.objects.get()
    client.post(reverse("staff:token_revoke", args=[issued.pk]))
    issued.refresh_from_db()
    assert issued.revoked_at is not None and issued.revoked_by == admin_user
