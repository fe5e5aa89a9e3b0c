"""API tokens of partner users: shown once, stored as SHA-256 (as the referral tokens)."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.core.errors import DomainError
from parcours.training.models import PartnerToken


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def partner_token_create(*, user: User) -> str:
    if user.role != Role.PARTNER or user.partner_id is None:
        raise DomainError(_("Only a partner user can have a partner API token."))
    token = secrets.token_urlsafe(32)
    PartnerToken.objects.create(user=user, digest=_digest(token), prefix=token[:8])
    return token


def partner_token_user(token: str) -> User | None:
    found = (
        PartnerToken.objects.select_related("user__partner")
        .filter(
            digest=_digest(token),
            revoked_at__isnull=True,
            user__is_active=True,
            user__role=Role.PARTNER,
        )
        .first()
    )
    return found.user if found else None


@transaction.atomic
def partner_token_revoke(*, token: PartnerToken, user: User) -> None:
    if token.user_id != user.pk:
        raise DomainError(_("This token is not yours."))
    PartnerToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
