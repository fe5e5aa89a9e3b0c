"""The accounts a centre's coordinator manages: the centre's staff, the staff of the partner
bodies it works with and of the communes it serves. Invite by e-mail (an inactive account and
a one-time link to set a password and the second factor), change the role within what a
coordinator may grant (never administrator or Region), deactivate and reactivate. Every change
goes to the admin's change log."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from parcours.accounts.changelog import change_record
from parcours.accounts.enums import CENTRE_ROLES, Role
from parcours.accounts.models import User
from parcours.accounts.services import invitation_token_make
from parcours.core.errors import DomainError
from parcours.notifications.outbox import email_enqueue
from parcours.territory.models import Commune
from parcours.training.models import Partner

logger = logging.getLogger(__name__)

# What a coordinator may grant: never administrator or Region.
GRANTABLE = (Role.AGENT, Role.COORDINATOR, Role.PARTNER, Role.COMMUNE)


@dataclass(frozen=True)
class Invitation:
    email: str
    full_name: str
    role: str
    partner: Partner | None = None
    commune: Commune | None = None


def _scope(coordinator: User) -> Q:
    centre = coordinator.centre_id
    return (
        Q(role__in=CENTRE_ROLES, centre_id=centre)
        | Q(role=Role.PARTNER, partner__centres=centre)
        | Q(role=Role.COMMUNE, commune__centre_id=centre)
    )


def accounts_managed_by(*, user: User) -> QuerySet[User]:
    if user.role != Role.COORDINATOR or user.centre_id is None:
        return User.objects.none()
    found = User.objects.filter(_scope(user)).distinct()
    return found.select_related("centre", "partner", "commune").order_by("role", "full_name")


def account_get_for_coordinator(*, user: User, account_id: int) -> User:
    return get_object_or_404(accounts_managed_by(user=user), pk=account_id)


def is_pending(account: User) -> bool:
    """Invited, the link not yet used."""
    return not account.is_active and not account.has_usable_password()


def _check_attachment(actor: User, data: Invitation) -> dict[str, object]:
    if data.role not in GRANTABLE:
        raise DomainError(_("A coordinator cannot grant this role."))
    if data.role == Role.PARTNER:
        if (
            data.partner is None
            or not data.partner.centres.filter(pk=actor.centre_id or 0).exists()
        ):
            raise DomainError(_("Choose a partner body your centre works with."))
        return {"partner": data.partner}
    if data.role == Role.COMMUNE:
        if data.commune is None or data.commune.centre_id != actor.centre_id:
            raise DomainError(_("Choose a commune your centre serves."))
        return {"commune": data.commune}
    return {"centre_id": actor.centre_id}


def _send_invitation(account: User, actor: User) -> None:
    link = settings.PARCOURS_SITE_URL.rstrip("/") + reverse(
        "accounts:invitation", args=[invitation_token_make(user=account)]
    )
    email_enqueue(
        subject=_("Parcours: your staff account"),
        body=_(
            "%(coordinator)s opened a Parcours account for you (%(role)s).\n\n"
            "Open this link within three days to choose your password, then set up the second "
            "factor (an authenticator application):\n\n%(link)s\n\n"
            "The link works once. If you did not expect this message, ignore it."
        )
        % {"coordinator": actor.full_name, "role": account.get_role_display(), "link": link},
        to=[account.email],
    )
    logger.info("invitation sent to user %s by user %s", account.pk, actor.pk)


def _check_coordinator(actor: User) -> None:
    if actor.role != Role.COORDINATOR or actor.centre_id is None:
        raise DomainError(_("Only a centre's coordinator manages these accounts."))


@transaction.atomic
def account_invite(*, data: Invitation, actor: User) -> User:
    _check_coordinator(actor)
    email = data.email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise DomainError(_("An account with this e-mail address already exists."))
    if not data.full_name.strip():
        raise DomainError(_("Give the full name of the person."))
    attachment = _check_attachment(actor, data)
    account = User(email=email, full_name=data.full_name.strip(), role=data.role, is_active=False)
    for name, value in attachment.items():
        setattr(account, name, value)
    account.set_unusable_password()
    account.save()
    change_record(actor=actor, target=account, created=True, what="invitation")
    transaction.on_commit(lambda: _send_invitation(account, actor))
    return account


def _check_managed(actor: User, account: User) -> None:
    _check_coordinator(actor)
    if not accounts_managed_by(user=actor).filter(pk=account.pk).exists():
        raise DomainError(_("This account is not one your centre manages."))
    if account.pk == actor.pk:
        raise DomainError(_("You cannot change your own account here: ask another coordinator."))


@transaction.atomic
def account_role_set(*, account: User, role: str, actor: User) -> User:
    """Between agent and coordinator: partner and commune accounts keep their role (it is tied
    to what they are attached to)."""
    _check_managed(actor, account)
    if account.role not in CENTRE_ROLES or role not in CENTRE_ROLES:
        raise DomainError(_("Only a centre account changes between agent and coordinator."))
    if account.role != role:
        account.role = role
        account.save(update_fields=["role"])
        change_record(actor=actor, target=account, created=False, what="role")
    return account


@transaction.atomic
def account_active_set(*, account: User, active: bool, actor: User) -> User:
    """Deactivated, an account cannot sign in (its history stays). A pending invitation's
    link stops working; reactivating it sends a new one."""
    _check_managed(actor, account)
    pending = is_pending(account)
    if pending:
        account.set_unusable_password()  # a new value: the link sent before stops working
        account.save(update_fields=["password"])
        if active:
            transaction.on_commit(lambda: _send_invitation(account, actor))
    elif account.is_active != active:
        account.is_active = active
        account.save(update_fields=["is_active"])
    change_record(actor=actor, target=account, created=False, what="active")
    return account
