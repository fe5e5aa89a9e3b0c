"""Secrets that must wait in the task table (a manage link's token, a message's text) are
sealed there: encrypted and authenticated (Fernet) with a key derived from SECRET_KEY, so a
copy of the database alone does not give a person's link or letter. The worker unseals them
just before sending."""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

# Fernet tokens start with the version byte 0x80, "gAAAAA" in base64: a value without it was
# queued before sealing existed (a clear token), and is passed through once.
_SEALED = "gAAAAA"


def _fernet() -> Fernet:
    digest = hashlib.sha256(b"parcours.sealed:" + settings.SECRET_KEY.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def seal(text: str) -> str:
    return _fernet().encrypt(text.encode()).decode()


def unseal(value: str) -> str:
    """The clear text; raises `InvalidToken` when the value was sealed with another key."""
    if not value.startswith(_SEALED):
        return value
    return _fernet().decrypt(value.encode()).decode()


__all__ = ["InvalidToken", "seal", "unseal"]
