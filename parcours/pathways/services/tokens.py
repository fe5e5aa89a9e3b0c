"""API tokens of commune users (POST /api/v1/referrals): shown once, stored as SHA-256.
A coordinator issues and revokes them for the commune users of the centre's area."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.core.errors import DomainError
from parcours.pathways.models import ReferralToken

PREFIX_LENGTH = 8


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _check_issuer(user: User, actor: User | None) -> None:
    if user.role != Role.COMMUNE or user.commune_id is None:
        raise DomainError(_("Only a commune user can have a referral token."))
    if not user.is_active:
        raise DomainError(_("This account is not active."))
    if actor is not None and actor.role == Role.COORDINATOR:
        served = user.commune is not None and user.commune.centre_id == actor.centre_id
        if not served:
            raise DomainError(_("This commune is not in your centre's area."))


@transaction.atomic
def referral_token_create(*, user: User, actor: User | None) -> str:
    """Returns the token itself: the only time it exists in clear."""
    _check_issuer(user, actor)
    token = secrets.token_urlsafe(32)
    ReferralToken.objects.create(user=user, digest=_digest(token), prefix=token[:PREFIX_LENGTH])
    return token


def referral_token_user(token: str) -> User | None:
    found = (
        ReferralToken.objects.select_related("user__commune")
        .filter(digest=_digest(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    return found.user if found else None


@transaction.atomic
def referral_token_revoke(*, token: ReferralToken, actor: User | None = None) -> None:
    if token.revoked_at is not None:
        raise DomainError(_("This token is already revoked."))
    if actor is not None:
        _check_issuer(token.user, actor)
    ReferralToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
