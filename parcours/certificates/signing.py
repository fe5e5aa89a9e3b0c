"""The stored certificate is signed with HMAC-SHA256 of its content; the key is
PARCOURS_CERTIFICATE_KEY when set, otherwise derived from SECRET_KEY for this purpose only."""

import hmac
import json

from django.conf import settings
from django.utils.crypto import salted_hmac

from parcours.certificates.models import Certificate

_PURPOSE = "parcours.certificates.signature.v1"
SIGNED_FIELDS = (
    "number",
    "code",
    "issued_on",
    "holder_name",
    "holder_birth_date",
    "holder_birth_place",
    "holder_nationalities",
    "centre_name",
    "pathway_id",
    "centre_id",
)


# Signed once revoked, so a revocation cannot be undone (or its reason changed) in the
# table; a certificate never revoked keeps the content it was signed with at issue.
REVOCATION_FIELDS = ("revoked_on", "revoked_reason")

# Signed only when the certificate carries one (a centre authorised to print it), so the
# certificates issued without it keep their signature; blanking or adding it fails the check.
NATIONAL_NUMBER = "holder_national_number"


def _content(certificate: Certificate) -> str:
    names: tuple[str, ...] = SIGNED_FIELDS
    if certificate.revoked_on is not None or certificate.revoked_reason:
        names = (*SIGNED_FIELDS, *REVOCATION_FIELDS)
    if certificate.holder_national_number:
        names = (*names, NATIONAL_NUMBER)
    values = {name: str(getattr(certificate, name)) for name in names}
    return json.dumps(values, sort_keys=True, ensure_ascii=False)


def sign(certificate: Certificate) -> str:
    secret = getattr(settings, "PARCOURS_CERTIFICATE_KEY", "") or settings.SECRET_KEY
    return salted_hmac(
        _PURPOSE, _content(certificate), secret=secret, algorithm="sha256"
    ).hexdigest()


def is_authentic(certificate: Certificate) -> bool:
    return hmac.compare_digest(certificate.signature, sign(certificate))
