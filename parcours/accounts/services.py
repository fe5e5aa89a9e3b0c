"""Second-factor enrolment: one TOTP device per user, confirmed by a first valid code."""

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from parcours.accounts.models import User

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
