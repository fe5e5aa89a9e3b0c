from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Certificate(models.Model):
    """The attestation de fréquentation (CWASS art. 152/7, § 2). The holder (names, birth
    date and place, nationalities), centre and date are copied at issue and signed
    (HMAC-SHA256): a later correction of the person changes no reprint, and a changed row
    fails verification."""

    pathway = models.ForeignKey(
        "pathways.Pathway", on_delete=models.PROTECT, related_name="certificates"
    )
    centre = models.ForeignKey("territory.Centre", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    number = models.CharField(_("number"), max_length=32, unique=True)
    issued_on = models.DateField(_("issued on"))
    holder_name = models.CharField(_("holder"), max_length=300)
    holder_birth_date = models.DateField(_("holder's birth date"))
    holder_birth_place = models.CharField(_("holder's birth place"), max_length=150, blank=True)
    # ISO 3166 codes, as on the person at issue.
    holder_national_number = models.CharField(
        _("holder's national number"), max_length=11, blank=True
    )
    holder_nationalities = models.JSONField(_("holder's nationalities"), default=list, blank=True)
    centre_name = models.CharField(_("centre"), max_length=200)
    code = models.CharField(_("verification code"), max_length=64, unique=True)
    signature = models.CharField(_("signature"), max_length=64)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revoked_reason = models.TextField(_("why revoked"), blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "year", "sequence"], name="unique_certificate_number"
            )
        ]

    def __str__(self) -> str:
        return self.number
