"""Second-factor enrolment: one TOTP device per user, confirmed by a first valid code."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.signing import BadSignature, TimestampSigner
from django.db import transaction
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from parcours.accounts.models import User
from parcours.core.tokens import token_digest

DEVICE_NAME = "authenticator"


def totp_device_pending(*, user: User) -> TOTPDevice:
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": DEVICE_NAME}
    )
    return device


def totp_confirmed_devices(*, user: User) -> list[TOTPDevice]:
    return list(TOTPDevice.objects.filter(user=user, confirmed=True))


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, token: str) -> bool:
    if not device.verify_token(token.strip()):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


# The first second factor is set up from a link sent to the account's e-mail: a password
# alone never shows the TOTP secret. The link is signed, lasts an hour and stops working once
# a device is confirmed (its value covers the password hash and the confirmed devices).
ENROLMENT_LINK_SECONDS = 3600
_ENROLMENT_SALT = "parcours.accounts.totp-enrolment"


def _enrolment_value(user: User) -> str:
    confirmed = sorted(d.pk for d in totp_confirmed_devices(user=user))
    return token_digest(f"{user.pk}:{user.password}:{confirmed}")[:32]


def enrolment_token_make(*, user: User) -> str:
    return TimestampSigner(salt=_ENROLMENT_SALT).sign(_enrolment_value(user))


def enrolment_token_valid(*, user: User, token: str) -> bool:
    try:
        value = TimestampSigner(salt=_ENROLMENT_SALT).unsign(token, max_age=ENROLMENT_LINK_SECONDS)
    except BadSignature:
        return False
    return constant_time_compare(value, _enrolment_value(user))


# An invited account is inactive, with no usable password, until its holder opens the
# one-time link of the invitation e-mail: the link sets the password (its value covers the
# password hash, so it works once) and opens the second factor's enrolment, as the enrolment
# link does (the e-mail proved the address).
class _InvitationTokens(PasswordResetTokenGenerator):
    key_salt = "parcours.accounts.invitation"


_invitations = _InvitationTokens()


def invitation_token_make(*, user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return f"{uid}.{_invitations.make_token(user)}"


def invitation_user(*, token: str) -> User | None:
    """The invited account a link opens, or None (bad, used or out-of-date link)."""
    uid, _dot, value = token.partition(".")
    try:
        pk = int(urlsafe_base64_decode(uid).decode())
    except (ValueError, UnicodeDecodeError):
        return None
    user = User.objects.filter(pk=pk, is_active=False).first()
    if user is None or user.has_usable_password():
        return None
    return user if _invitations.check_token(user, value) else None


@transaction.atomic
def invitation_accept(*, user: User, password: str) -> User:
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    return user
