"""API tokens of commune users: shown once, stored as SHA-256."""

import hashlib
import secrets

from django.utils import timezone
from django.utils.translation import gettext as _

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.core.errors import DomainError
from parcours.pathways.models import ReferralToken


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def referral_token_create(*, user: User, actor: User) -> str:
    if user.role != Role.COMMUNE or user.commune_id is None:
        raise DomainError(_("Only a commune user can have a referral token."))
    token = secrets.token_urlsafe(32)
    ReferralToken.objects.create(user=user, digest=_digest(token), prefix=token[:8])
    return token


def referral_token_user(token: str) -> User | None:
    found = (
        ReferralToken.objects.select_related("user__commune")
        .filter(digest=_digest(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    return found.user if found else None


def referral_token_revoke(*, token: ReferralToken) -> None:
    ReferralToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
