"""The holder's birth place and nationalities are copied onto the certificate at issue and
signed with the rest of its content; until now the PDF read them from the person at print
time, so a later correction changed a reprint.

Existing certificates are filled from the person's current birth place and nationalities
(the best knowledge there is: what the person holds today, corrections included), then
signed again over the new content — only those whose signature was valid over the old
content, so a tampered record stays refused. Going back signs them over the old content.

The signing is copied here as it stands (parcours.certificates.signing, purpose v1): a
migration must not change when that module changes."""

import hmac
import json

from django.conf import settings
from django.db import migrations, models
from django.utils.crypto import salted_hmac

PURPOSE = "parcours.certificates.signature.v1"
BEFORE = (
    "number",
    "code",
    "issued_on",
    "holder_name",
    "holder_birth_date",
    "centre_name",
    "pathway_id",
    "centre_id",
)
AFTER = (*BEFORE, "holder_birth_place", "holder_nationalities")
REVOCATION = ("revoked_on", "revoked_reason")


def _signature(certificate, names):
    if certificate.revoked_on is not None or certificate.revoked_reason:
        names = (*names, *REVOCATION)
    content = json.dumps(
        {name: str(getattr(certificate, name)) for name in names}, sort_keys=True,
        ensure_ascii=False,
    )
    secret = getattr(settings, "PARCOURS_CERTIFICATE_KEY", "") or settings.SECRET_KEY
    return salted_hmac(PURPOSE, content, secret=secret, algorithm="sha256").hexdigest()


def _authentic(certificate, names):
    return hmac.compare_digest(certificate.signature, _signature(certificate, names))


def fill_from_the_person(apps, schema_editor):
    Certificate = apps.get_model("certificates", "Certificate")
    for certificate in Certificate.objects.select_related("pathway__person").iterator():
        authentic = _authentic(certificate, BEFORE)
        person = certificate.pathway.person
        certificate.holder_birth_place = person.birth_place
        certificate.holder_nationalities = list(person.nationalities or [])
        fields = ["holder_birth_place", "holder_nationalities"]
        if authentic:
            certificate.signature = _signature(certificate, AFTER)
            fields.append("signature")
        certificate.save(update_fields=fields)


def sign_over_the_old_content(apps, schema_editor):
    Certificate = apps.get_model("certificates", "Certificate")
    for certificate in Certificate.objects.iterator():
        if _authentic(certificate, AFTER):
            certificate.signature = _signature(certificate, BEFORE)
            certificate.save(update_fields=["signature"])


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0002_initial"),
        ("people", "0008_privacy_and_anonymisation"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="holder_birth_place",
            field=models.CharField(
                blank=True, max_length=150, verbose_name="holder's birth place"
            ),
        ),
        migrations.AddField(
            model_name="certificate",
            name="holder_nationalities",
            field=models.JSONField(
                blank=True, default=list, verbose_name="holder's nationalities"
            ),
        ),
        migrations.RunPython(fill_from_the_person, sign_over_the_old_content),
    ]
