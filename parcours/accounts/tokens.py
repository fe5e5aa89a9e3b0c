"""API tokens: issued for one scope to the one kind of user it serves, shown once, stored as
their digest (core.tokens), revoked, and checked by the API on every request.

- `referrals` (POST /api/v1/referrals): a commune user's token, issued and revoked by a
  coordinator of the centre whose area holds the commune (or an administrator);
- `partner_hours` (/api/v1/partner/): a partner user's token, issued and revoked by that user.
"""

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from parcours.accounts.enums import Role, TokenScope
from parcours.accounts.models import ApiToken, User
from parcours.core.errors import DomainError
from parcours.core.tokens import find_by_token, token_issue, token_prefix

# The role a token's holder must have, and what that role must be attached to.
_HOLDER_ROLE = {TokenScope.REFERRALS: Role.COMMUNE, TokenScope.PARTNER_HOURS: Role.PARTNER}


def _holder_attached(user: User, scope: TokenScope) -> bool:
    if user.role != _HOLDER_ROLE[scope]:
        return False
    attached = user.commune_id if scope == TokenScope.REFERRALS else user.partner_id
    return attached is not None


def _check_holder(user: User, scope: TokenScope) -> None:
    if not _holder_attached(user, scope):
        if scope == TokenScope.REFERRALS:
            raise DomainError(_("Only a commune user can have a referral token."))
        raise DomainError(_("Only a partner user can have a partner API token."))
    if not user.is_active:
        raise DomainError(_("This account is not active."))


def _check_actor(user: User, scope: TokenScope, actor: User | None) -> None:
    """Who may issue or revoke the token of `user`; `None` is the system (a command, a test)."""
    if actor is None or actor.role == Role.ADMIN:
        return
    if scope == TokenScope.REFERRALS:
        served = (
            actor.role == Role.COORDINATOR
            and user.commune is not None
            and user.commune.centre_id == actor.centre_id
        )
        if not served:
            raise DomainError(_("This commune is not in your centre's area."))
    elif actor.pk != user.pk:
        raise DomainError(_("This token is not yours."))


@transaction.atomic
def api_token_issue(*, user: User, scope: TokenScope, actor: User | None) -> str:
    """Returns the token itself: the only time it exists in clear."""
    _check_holder(user, scope)
    _check_actor(user, scope, actor)
    token, digest = token_issue()
    ApiToken.objects.create(
        user=user, scope=scope, digest=digest, prefix=token_prefix(token), issued_by=actor
    )
    return token


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: User | None) -> None:
    if token.revoked_at is not None:
        raise DomainError(_("This token is already revoked."))
    _check_actor(token.user, TokenScope(token.scope), actor)
    token.revoked_at = timezone.now()
    token.revoked_by = actor
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=token.revoked_at, revoked_by=actor)


def api_token_user(*, token: str, scope: TokenScope) -> User | None:
    """The active holder of a live token of `scope`, or None; the token's last use is noted."""
    found = find_by_token(
        ApiToken.objects.select_related("user__commune", "user__partner").filter(
            scope=scope, revoked_at__isnull=True, user__is_active=True
        ),
        token,
    )
    if found is None or not _holder_attached(found.user, scope):
        return None
    ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
    return found.user


def api_tokens_of(*, user: User, scope: TokenScope) -> QuerySet[ApiToken]:
    """The tokens a user was issued for one scope, newest first, revoked ones included."""
    return ApiToken.objects.filter(user=user, scope=scope)
