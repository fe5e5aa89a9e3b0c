from datetime import date

from django.conf import settings
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from parcours.territory.enums import CentreSource, LanguageRegion, Weekday


class Province(models.Model):
    nis_code = models.CharField(_("NIS code"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return self.name


class Centre(models.Model):
    """A regional integration centre (CRI), CWASS art. 153/1."""

    code = models.CharField(_("code"), max_length=16, unique=True)
    name = models.CharField(_("name"), max_length=200)
    seat_commune = models.ForeignKey(
        "territory.Commune", on_delete=models.PROTECT, related_name="+", verbose_name=_("seat")
    )
    city = models.CharField(_("city"), max_length=100)
    website = models.CharField(_("website"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    # The national register number may be used only by a body authorised to (loi du 8 août
    # 1983, art. 8). Unconfirmed for the CRIs: off until an administrator records the centre's
    # authorisation; then its certificates print (and sign) the holder's number.
    certificate_shows_national_number = models.BooleanField(
        _("certificates print the national number"),
        default=False,
        help_text=_(
            "Tick only once the centre's authorisation to use the national register number "
            "is confirmed (law of 8 August 1983, art. 8)."
        ),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("centre")
        verbose_name_plural = _("centres")

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    @property
    def website_url(self) -> str:
        if not self.website or self.website.startswith(("http://", "https://")):
            return self.website
        return f"https://{self.website}"


class Commune(models.Model):
    nis_code = models.CharField(_("NIS code"), max_length=5, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=100)
    name_de = models.CharField(_("name (German)"), max_length=100)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, verbose_name=_("province"))
    arrondissement_nis = models.CharField(_("arrondissement NIS code"), max_length=5)
    arrondissement_name = models.CharField(_("arrondissement"), max_length=100)
    language_region = models.CharField(
        _("language region"), max_length=32, choices=LanguageRegion.choices
    )
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    valid_from = models.DateField(_("valid from"))
    # Statbel REFNIS: a code ends on its last day and its territory goes on under a successor
    # (e.g. Mouscron 54007 → 57096 on 1 January 2019). People keep the code they were
    # recorded with; the rules answer through the successions.
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("successor"),
    )
    # The centre competent today (for a former code: its successor's), kept in step with the
    # dated table `CentreAssignment`, which the rules read for any date.
    centre = models.ForeignKey(
        Centre,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="communes",
        verbose_name=_("competent centre"),
    )
    centre_source = models.CharField(
        _("centre assignment"),
        max_length=16,
        choices=CentreSource.choices,
        default=CentreSource.REFERENCE,
    )

    class Meta:
        ordering = ["name_fr"]
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        constraints = [
            # Only communes of the French-language region are served by a CRI (CWASS art. 150).
            models.CheckConstraint(
                condition=models.Q(centre__isnull=True)
                | models.Q(language_region=LanguageRegion.FRENCH),
                name="commune_centre_only_in_french_language_region",
                violation_error_message=_(
                    "Only a commune of the French-language region can have a centre."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="commune_valid_until_after_valid_from",
                violation_error_message=_("A NIS code cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        if self.valid_until is None:
            return self.name_fr
        # A former code stays on the records it was used for: say so wherever it is listed.
        return _("%(name)s (NIS %(code)s, until %(until)s)") % {
            "name": self.name_fr,
            "code": self.nis_code,
            "until": date_format(self.valid_until, "d/m/Y"),
        }

    def valid_on(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)


class CentreAssignment(models.Model):
    """The dated commune → centre table: from `valid_from` on (until the next row of the same
    commune), `centre` serves the commune — e.g. a centre that takes over communes from a
    given day. The reference table starts each commune at the first day of its code."""

    commune = models.ForeignKey(
        Commune,
        on_delete=models.CASCADE,
        related_name="centre_assignments",
        verbose_name=_("commune"),
    )
    centre = models.ForeignKey(
        Centre, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("centre")
    )
    valid_from = models.DateField(_("valid from"))
    source = models.CharField(
        _("centre assignment"),
        max_length=16,
        choices=CentreSource.choices,
        default=CentreSource.REFERENCE,
    )
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["commune", "valid_from"]
        verbose_name = _("centre assignment")
        verbose_name_plural = _("centre assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "valid_from"], name="one_centre_assignment_per_commune_and_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.commune.name_fr} {self.valid_from.isoformat()}: {self.centre}"


class CommuneCentreChange(models.Model):
    """Who moved a commune to another centre, when and why (append-only)."""

    commune = models.ForeignKey(
        Commune, on_delete=models.CASCADE, related_name="centre_changes", verbose_name=_("commune")
    )
    previous_centre = models.ForeignKey(
        Centre, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("from")
    )
    new_centre = models.ForeignKey(
        Centre, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("to")
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    reason = models.TextField(_("reason"))

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("centre change")
        verbose_name_plural = _("centre changes")

    def __str__(self) -> str:
        return f"{self.commune}: {self.previous_centre} → {self.new_centre}"


class PostalLocality(models.Model):
    postal_code = models.CharField(_("postal code"), max_length=4, db_index=True)
    name = models.CharField(_("locality"), max_length=100)
    search_key = models.CharField(max_length=100, db_index=True, editable=False)
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="localities", verbose_name=_("commune")
    )
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))

    class Meta:
        ordering = ["postal_code", "name"]
        verbose_name = _("postal locality")
        verbose_name_plural = _("postal localities")
        constraints = [
            models.UniqueConstraint(
                fields=["postal_code", "search_key"], name="unique_postal_locality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.postal_code} {self.name}"


class LocalityCommune(models.Model):
    """Which commune a postal locality belonged to, and when: `PostalLocality.commune` is the
    commune of today, these rows hold every period (e.g. 6687 Bertogne: Bertogne 82005 until
    1 December 2024, Bastogne 82039 from 2 December 2024)."""

    locality = models.ForeignKey(
        PostalLocality,
        on_delete=models.CASCADE,
        related_name="communes",
        verbose_name=_("postal locality"),
    )
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["locality", "valid_from"]
        verbose_name = _("commune of a postal locality")
        verbose_name_plural = _("communes of postal localities")
        constraints = [
            models.UniqueConstraint(
                fields=["locality", "commune"], name="one_period_per_locality_and_commune"
            )
        ]

    def __str__(self) -> str:
        return f"{self.locality} → {self.commune.name_fr} ({self.valid_from.isoformat()})"


class Office(models.Model):
    """A reception office or permanence of a centre."""

    centre = models.ForeignKey(
        Centre, on_delete=models.CASCADE, related_name="offices", verbose_name=_("centre")
    )
    name = models.CharField(_("name"), max_length=200)
    street = models.CharField(_("street and number"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=4)
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, verbose_name=_("commune"))
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    by_appointment_only = models.BooleanField(_("by appointment only"), default=True)
    languages = models.CharField(
        _("languages spoken at the desk"),
        max_length=200,
        blank=True,
        help_text=_("ISO 639-1 codes separated by commas, e.g. fr,en,ar"),
    )
    accessibility = models.TextField(_("accessibility notes"), blank=True)
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Invented for the demonstration.")
    )

    class Meta:
        ordering = ["centre__code", "name"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        constraints = [
            models.UniqueConstraint(fields=["centre", "name"], name="unique_office_name_per_centre")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def address(self) -> str:
        return f"{self.street}, {self.postal_code} {self.commune.name_fr}"

    @property
    def language_codes(self) -> list[str]:
        return [code.strip() for code in self.languages.split(",") if code.strip()]


class OpeningHours(models.Model):
    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="opening_hours", verbose_name=_("office")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))

    class Meta:
        ordering = ["weekday", "opens_at"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="opening_hours_close_after_open",
                violation_error_message=_("The closing time must be after the opening time."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"


class ReferenceDataset(models.Model):
    """Where each loaded reference file came from, and when it was loaded."""

    name = models.CharField(_("file"), max_length=100, unique=True)
    source = models.TextField(_("source"))
    rows = models.PositiveIntegerField(_("rows"))
    sha256 = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(_("loaded at"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("reference dataset")
        verbose_name_plural = _("reference datasets")

    def __str__(self) -> str:
        return self.name
