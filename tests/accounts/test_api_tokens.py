"""One API token model for every API: a token opens the API of its scope only, for an active
holder of the right role; it notes its last use; it is issued and revoked by whom may."""

import pytest
from django.test import Client
from django.urls import reverse

from parcours.accounts.enums import Role, TokenScope
from parcours.accounts.models import ApiToken, User
from parcours.accounts.tokens import api_token_issue, api_token_revoke, api_token_user
from parcours.core.errors import DomainError
from parcours.territory.models import Centre
from tests.clock import FROZEN_AT
from tests.factories.accounts import make_user
from tests.types import ClientFor

pytestmark = pytest.mark.django_db
PARTNER_API = "/api/v1/partner/enrolments"
REFERRAL_API = "/api/v1/referrals"


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_token_opens_the_api_of_its_scope_and_no_other(
    commune_mons: User, partner_fle: User, admin_user: User, client: Client
) -> None:
    commune = api_token_issue(user=commune_mons, scope=TokenScope.REFERRALS, actor=admin_user)
    partner = api_token_issue(user=partner_fle, scope=TokenScope.PARTNER_HOURS, actor=partner_fle)
    assert client.get(PARTNER_API, headers=_bearer(partner)).status_code == 200
    assert client.get(PARTNER_API, headers=_bearer(commune)).status_code == 401
    refused = client.post(REFERRAL_API, {}, content_type="application/json")
    assert refused.status_code == 401
    wrong = client.post(REFERRAL_API, {}, content_type="application/json", headers=_bearer(partner))
    assert wrong.status_code == 401
    unchecked = client.post(
        REFERRAL_API, {}, content_type="application/json", headers=_bearer(commune)
    )
    assert unchecked.status_code == 422  # authenticated: the empty body is what is refused
    assert api_token_user(token=commune, scope=TokenScope.PARTNER_HOURS) is None
    assert api_token_user(token=partner, scope=TokenScope.REFERRALS) is None


def test_authenticating_notes_the_last_use(partner_fle: User, client: Client) -> None:
    token = api_token_issue(user=partner_fle, scope=TokenScope.PARTNER_HOURS, actor=partner_fle)
    stored = ApiToken.objects.get()
    assert stored.last_used_at is None and stored.created_at == FROZEN_AT
    assert stored.prefix == token[:8] and stored.scope == TokenScope.PARTNER_HOURS
    client.get(PARTNER_API, headers=_bearer(token))
    stored.refresh_from_db()
    assert stored.last_used_at == FROZEN_AT
    assert client.get(PARTNER_API, headers=_bearer(token + "x")).status_code == 401


def test_the_token_of_an_inactive_user_or_of_a_changed_role_stops_working(
    partner_fle: User, commune_mons: User, admin_user: User
) -> None:
    partner = api_token_issue(user=partner_fle, scope=TokenScope.PARTNER_HOURS, actor=partner_fle)
    commune = api_token_issue(user=commune_mons, scope=TokenScope.REFERRALS, actor=admin_user)
    User.objects.filter(pk=partner_fle.pk).update(is_active=False)
    User.objects.filter(pk=commune_mons.pk).update(role=Role.REGION, commune=None)
    assert api_token_user(token=partner, scope=TokenScope.PARTNER_HOURS) is None
    assert api_token_user(token=commune, scope=TokenScope.REFERRALS) is None


def test_a_token_is_only_issued_to_the_kind_of_user_its_scope_serves(
    partner_fle: User, commune_mons: User, admin_user: User
) -> None:
    with pytest.raises(DomainError, match="utilisateur communal"):
        api_token_issue(user=partner_fle, scope=TokenScope.REFERRALS, actor=admin_user)
    with pytest.raises(DomainError, match="opérateur partenaire"):
        api_token_issue(user=commune_mons, scope=TokenScope.PARTNER_HOURS, actor=admin_user)
    assert not ApiToken.objects.exists()


def test_a_coordinator_issues_and_revokes_for_the_communes_of_the_centre_only(
    commune_mons: User, coordinator_mons: User, cripel: Centre
) -> None:
    other = make_user(email="coord.liege@example.org", role=Role.COORDINATOR, centre=cripel)
    with pytest.raises(DomainError, match="territoire"):
        api_token_issue(user=commune_mons, scope=TokenScope.REFERRALS, actor=other)
    token = api_token_issue(user=commune_mons, scope=TokenScope.REFERRALS, actor=coordinator_mons)
    stored = ApiToken.objects.get()
    with pytest.raises(DomainError, match="territoire"):
        api_token_revoke(token=stored, actor=other)
    api_token_revoke(token=stored, actor=coordinator_mons)
    stored.refresh_from_db()
    assert stored.revoked_at == FROZEN_AT
    assert (stored.issued_by, stored.revoked_by) == (coordinator_mons, coordinator_mons)
    assert api_token_user(token=token, scope=TokenScope.REFERRALS) is None
    with pytest.raises(DomainError, match="déjà révoqué"):
        api_token_revoke(token=stored, actor=coordinator_mons)


def test_a_partner_revokes_its_own_tokens_only(partner_fle: User, client_for: ClientFor) -> None:
    colleague = make_user(
        email="colleague@example.org", role=Role.PARTNER, partner=partner_fle.partner
    )
    api_token_issue(user=partner_fle, scope=TokenScope.PARTNER_HOURS, actor=partner_fle)
    stored = ApiToken.objects.get()
    with pytest.raises(DomainError, match="pas le vôtre"):
        api_token_revoke(token=stored, actor=colleague)
    url = reverse("partner:token_revoke", args=[stored.pk])
    assert client_for(colleague).post(url).status_code == 404
    stored.refresh_from_db()
    assert stored.revoked_at is None
    assert client_for(partner_fle).post(url).status_code == 302
    stored.refresh_from_db()
    assert stored.revoked_at == FROZEN_AT
    again = client_for(partner_fle).post(url, follow=True)
    assert "déjà révoqué" in again.content.decode()


def test_the_partner_page_shows_a_new_token_once_and_never_caches_it(
    partner_fle: User, client_for: ClientFor
) -> None:
    client = client_for(partner_fle)
    created = client.post(reverse("partner:tokens"))
    token = created.context["created"]
    assert token in created.content.decode() and created["Cache-Control"] == "no-store"
    listing = client.get(reverse("partner:tokens")).content.decode()
    assert token not in listing and token[:8] in listing


def test_the_administrator_revokes_tokens_from_the_admin_through_the_service(
    partner_fle: User, admin_user: User, client_for: ClientFor
) -> None:
    token = api_token_issue(user=partner_fle, scope=TokenScope.PARTNER_HOURS, actor=partner_fle)
    stored = ApiToken.objects.get()
    client = client_for(admin_user)
    listing = client.get(reverse("admin:accounts_apitoken_changelist"))
    assert listing.status_code == 200 and stored.digest not in listing.content.decode()
    response = client.post(
        reverse("admin:accounts_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [stored.pk]},
    )
    assert response.status_code == 302
    stored.refresh_from_db()
    assert stored.revoked_at == FROZEN_AT
    assert api_token_user(token=token, scope=TokenScope.PARTNER_HOURS) is None
