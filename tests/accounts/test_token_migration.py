"""The merge of ReferralToken and PartnerToken into ApiToken keeps every issued token working:
rows written by the old models, through the migration executor, are copied with the same
digest, prefix, holder and dates, get the scope of their API, and still authenticate there.
Going back restores the two tables."""

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.state import StateApps
from django.test import Client

from parcours.accounts.enums import TokenScope
from parcours.accounts.models import ApiToken, User
from parcours.accounts.tokens import api_token_user
from parcours.core.tokens import token_digest
from tests.clock import FROZEN_AT

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("accounts", "0002_initial"),
    ("pathways", "0004_noncompliance_status_before"),
    ("training", "0003_carry_over_hours"),
]
ISSUED = FROZEN_AT - timedelta(days=200)
REVOKED = FROZEN_AT - timedelta(days=10)


def _migrate(targets: list[tuple[str, str]]) -> StateApps:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def _latest() -> list[tuple[str, str]]:
    leaves: list[tuple[str, str]] = MigrationExecutor(connection).loader.graph.leaf_nodes()
    return leaves


@pytest.fixture
def before_the_merge() -> Iterator[StateApps]:
    """The database as it was before the merge; migrated to the latest state afterwards."""
    latest = _latest()
    try:
        yield _migrate(BEFORE)
    finally:
        _migrate(latest)


def _old_token(apps: StateApps, model: str, user: User, token: str, revoked: bool) -> None:
    app_label = "pathways" if model == "ReferralToken" else "training"
    old = apps.get_model(app_label, model)
    row = old.objects.create(
        user_id=user.pk,
        digest=token_digest(token),
        prefix=token[:8],
        revoked_at=REVOKED if revoked else None,
    )
    old.objects.filter(pk=row.pk).update(created_at=ISSUED)  # auto_now_add: set afterwards


def test_every_issued_token_is_copied_still_authenticates_and_goes_back(
    commune_mons: User, partner_fle: User, before_the_merge: StateApps
) -> None:
    # The users (and the partner body) are written by today's models, before going back.
    commune, partner, revoked = "c" * 43, "p" * 43, "r" * 43
    _old_token(before_the_merge, "ReferralToken", commune_mons, commune, revoked=False)
    _old_token(before_the_merge, "PartnerToken", partner_fle, partner, revoked=False)
    _old_token(before_the_merge, "PartnerToken", partner_fle, revoked, revoked=True)

    _migrate(_latest())

    rows = {
        (t.user_id, t.scope, t.prefix, t.digest, t.created_at, t.revoked_at)
        for t in ApiToken.objects.all()
    }
    assert rows == {
        (commune_mons.pk, "referrals", "c" * 8, token_digest(commune), ISSUED, None),
        (partner_fle.pk, "partner_hours", "p" * 8, token_digest(partner), ISSUED, None),
        (partner_fle.pk, "partner_hours", "r" * 8, token_digest(revoked), ISSUED, REVOKED),
    }
    assert api_token_user(token=commune, scope=TokenScope.REFERRALS) == commune_mons
    assert api_token_user(token=partner, scope=TokenScope.PARTNER_HOURS) == partner_fle
    assert api_token_user(token=revoked, scope=TokenScope.PARTNER_HOURS) is None
    assert api_token_user(token=commune, scope=TokenScope.PARTNER_HOURS) is None
    client = Client()
    api = "/api/v1/partner/enrolments"
    assert client.get(api, headers={"Authorization": f"Bearer {partner}"}).status_code == 200
    assert client.get(api, headers={"Authorization": f"Bearer {revoked}"}).status_code == 401

    apps = _migrate(BEFORE)
    referral = apps.get_model("pathways", "ReferralToken").objects.get()
    assert (referral.user_id, referral.prefix, referral.digest, referral.created_at) == (
        commune_mons.pk,
        "c" * 8,
        token_digest(commune),
        ISSUED,
    )
    partners = apps.get_model("training", "PartnerToken").objects.order_by("prefix")
    assert [(t.user_id, t.digest, t.created_at, t.revoked_at) for t in partners] == [
        (partner_fle.pk, token_digest(partner), ISSUED, None),
        (partner_fle.pk, token_digest(revoked), ISSUED, REVOKED),
    ]
