"""`Idempotency-Key` of `POST /api/v1/referrals`: the first answer to a key is kept, and a
repeat of the same request gets it again; the same key with another body is refused."""

import hashlib
import json
import re
from typing import Any

from django.utils.translation import gettext as _

from parcours.accounts.models import User
from parcours.core.errors import DomainError
from parcours.pathways.models import ReferralKey

_KEY = re.compile(r"^[\x21-\x7e]{1,128}$")


class KeyReusedError(DomainError):
    status_code = 422


def referral_key_check(key: str) -> str:
    if not _KEY.match(key):
        raise DomainError(
            _("Idempotency-Key: 1 to 128 visible ASCII characters (a UUID, for instance).")
        )
    return key


def fingerprint(body: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()


def referral_key_answer(*, user: User, key: str, body: dict[str, Any]) -> ReferralKey | None:
    """The answer first given to this key, or None; another body under the key is refused."""
    found = ReferralKey.objects.filter(user=user, key=key).first()
    if found is not None and found.fingerprint != fingerprint(body):
        raise KeyReusedError(
            _("This Idempotency-Key was already used for another referral: use a new key.")
        )
    return found


def referral_key_record(
    *, user: User, key: str, body: dict[str, Any], status_code: int, answer: dict[str, Any]
) -> ReferralKey:
    return ReferralKey.objects.create(
        user=user, key=key, fingerprint=fingerprint(body), status_code=status_code, body=answer
    )
