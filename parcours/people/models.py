from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from parcours.people.enums import CefrLevel, PermitKind, Sex
from parcours.people.identifiers import format_national_number, format_phone


class Person(models.Model):
    """A newcomer as the centre knows them. Every correction goes through `person_update`,
    which writes a `PersonChange` per field."""

    family_name = models.CharField(_("family name (as on the permit)"), max_length=150)
    given_names = models.CharField(_("given names (as on the permit)"), max_length=150)
    usual_name = models.CharField(_("usual name"), max_length=150, blank=True)
    birth_date = models.DateField(_("birth date"))
    birth_place = models.CharField(_("birth place"), max_length=150, blank=True)
    sex = models.CharField(_("sex (as on the permit)"), max_length=1, choices=Sex.choices)
    nationalities = models.JSONField(_("nationalities"), default=list, blank=True)
    national_number = models.CharField(
        _("national register or BIS number"), max_length=11, blank=True, db_index=True
    )
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    letter_language = models.CharField(_("language for letters"), max_length=2, default="fr")
    french_level = models.CharField(
        _("French level"), max_length=8, choices=CefrLevel.choices, blank=True
    )
    interpreter_language = models.CharField(
        _("interpreter needed (language)"), max_length=2, blank=True
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=4, blank=True)
    commune = models.ForeignKey(
        "territory.Commune", on_delete=models.PROTECT, verbose_name=_("commune")
    )
    arrived_on = models.DateField(_("arrived in Belgium on"), null=True, blank=True)
    legal_stay_since = models.DateField(_("legal stay since"), null=True, blank=True)
    registered_on = models.DateField(_("registered in the commune on"), null=True, blank=True)
    permit_kind = models.CharField(
        _("residence permit"), max_length=8, choices=PermitKind.choices, blank=True
    )
    permit_ordered_on = models.DateField(_("permit ordered on"), null=True, blank=True)
    permit_valid_from = models.DateField(_("permit valid from"), null=True, blank=True)
    permit_valid_until = models.DateField(_("permit valid until"), null=True, blank=True)
    family_member_of_eea_citizen = models.BooleanField(
        _("family member of an EU/EEA/Swiss citizen"), default=False
    )
    # Folded names (accents, case, hyphens removed): `search_text` for partial search,
    # `name_key` (sorted words) for duplicate detection whatever the name order.
    search_text = models.CharField(max_length=500, editable=False, db_index=True)
    name_key = models.CharField(max_length=300, editable=False, db_index=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name=_("merged into"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Set by the retention sweep (casework.retention): names, contacts and free texts are gone.
    anonymised_on = models.DateField(_("anonymised on"), null=True, blank=True)

    class Meta:
        ordering = ["family_name", "given_names", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            models.Index(fields=["birth_date", "name_key"], name="person_duplicate_idx"),
            # The worklist sorted by name: the people in name order, each probed for a file
            # at the user's centre, stopping at the page (docs/performance.md).
            models.Index(fields=["family_name", "given_names", "id"], name="person_name_order_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["national_number"],
                condition=~models.Q(national_number="") & models.Q(merged_into__isnull=True),
                name="unique_active_national_number",
                violation_error_message=_("Another person has this national number."),
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        if self.anonymised_on is not None:
            return gettext("Anonymised person")
        return f"{self.family_name.upper()} {self.given_names}"

    @property
    def national_number_display(self) -> str:
        return format_national_number(self.national_number)

    @property
    def phone_display(self) -> str:
        return format_phone(self.phone)


class PersonChange(models.Model):
    """Append-only history of every correction to a person: who, when, field, before, after."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="changes", verbose_name=_("person")
    )
    field = models.CharField(_("field"), max_length=64)
    old_value = models.TextField(_("before"), blank=True)
    new_value = models.TextField(_("after"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("person change")
        verbose_name_plural = _("person changes")

    def __str__(self) -> str:
        return f"{self.person_id} {self.field}"


class PersonMerge(models.Model):
    """One merge of two records of the same person, with what it moved and overwrote, so that
    an administrator can undo it from this record."""

    kept = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="merges_kept", verbose_name=_("kept")
    )
    merged = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="merges_absorbed", verbose_name=_("merged")
    )
    # [["app_label.model", pk, "field", previous id], ...] for every row that changed owner.
    moves = models.JSONField(default=list)
    # The kept person's values before the merge, for the fields the merge set.
    fields_before = models.JSONField(default=dict)
    # Pathways the merge closed: {pk: status before}.
    closed = models.JSONField(default=dict)
    reason = models.CharField(_("reason"), max_length=300)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    merged_at = models.DateTimeField(_("merged at"), auto_now_add=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)

    class Meta:
        ordering = ["-merged_at", "-id"]
        verbose_name = _("merge")
        verbose_name_plural = _("merges")

    def __str__(self) -> str:
        return f"{self.merged_id} → {self.kept_id}"


class SpaceCode(models.Model):
    """A one-time code sent to a newcomer who opens their personal space. Only keyed digests
    are stored: `lookup` of the contact and birth date typed, `digest` of the code. A row is
    written even when nobody matches (`person` empty), so that the answer and its cost are
    the same whether the person exists or not."""

    lookup = models.CharField(max_length=64, db_index=True, editable=False)
    digest = models.CharField(max_length=64, editable=False)
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("sent at"))
    expires_at = models.DateTimeField(_("valid until"))
    tries = models.PositiveSmallIntegerField(_("tries"), default=0)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("personal space code")
        verbose_name_plural = _("personal space codes")

    def __str__(self) -> str:
        return f"{self.lookup[:8]} {self.created_at:%Y-%m-%d %H:%M}"


class PrivacyAcknowledgement(models.Model):
    """The person was given the privacy notice (GDPR art. 13): which version, in which
    language, when, and by whom (the person in their space, or a staff member at the welcome
    module). Append-only."""

    class Channel(models.TextChoices):
        SPACE = "space", _("read in the personal space")
        WELCOME = "welcome", _("given at the welcome module")

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="privacy_acknowledgements",
        verbose_name=_("person"),
    )
    version = models.CharField(_("notice version"), max_length=16)
    language = models.CharField(_("language"), max_length=8)
    channel = models.CharField(_("how"), max_length=8, choices=Channel.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"))

    class Meta:
        ordering = ["-acknowledged_at", "-id"]
        verbose_name = _("privacy notice acknowledgement")
        verbose_name_plural = _("privacy notice acknowledgements")

    def __str__(self) -> str:
        return f"{self.person_id} {self.version} {self.language}"
