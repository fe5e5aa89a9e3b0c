"""The welcome module (axe 1, CWASS art. 152): four parts recorded by the centre."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parcours.pathways.assessment import (
    DiplomaEquivalence,
    Employment,
    FamilySituation,
    HealthNeed,
    Housing,
    SchoolingLevel,
)
from parcours.people.enums import CefrLevel

ASSESSMENT_SECTIONS = (
    ("situation", _("Personal and family situation")),
    ("schooling", _("Schooling and diplomas (with equivalence)")),
    ("experience", _("Professional experience")),
    ("languages", _("French and other languages")),
    ("training_wishes", _("Training wishes")),
    ("housing", _("Housing")),
    ("children", _("Children and their schooling")),
    ("administrative_needs", _("Administrative needs")),
)


class SocialAssessment(models.Model):
    """The bilan social. Health notes are special-category data: see `HealthNote`."""

    pathway = models.OneToOneField(
        "pathways.Pathway", on_delete=models.CASCADE, related_name="assessment"
    )
    situation = models.TextField(_("Personal and family situation"), blank=True)
    schooling = models.TextField(_("Schooling and diplomas (with equivalence)"), blank=True)
    experience = models.TextField(_("Professional experience"), blank=True)
    languages = models.TextField(_("French and other languages"), blank=True)
    training_wishes = models.TextField(_("Training wishes"), blank=True)
    housing = models.TextField(_("Housing"), blank=True)
    children = models.TextField(_("Children and their schooling"), blank=True)
    administrative_needs = models.TextField(_("Administrative needs"), blank=True)
    tracks_needed = models.JSONField(_("tracks needed"), default=list)
    # The structured answers (parcours.pathways.assessment): empty is "not asked".
    schooling_level = models.CharField(
        _("schooling level"), max_length=16, choices=SchoolingLevel.choices, blank=True
    )
    diploma_equivalence = models.CharField(
        _("diplomas and equivalence"), max_length=16, choices=DiplomaEquivalence.choices, blank=True
    )
    employment = models.CharField(
        _("employment situation"), max_length=16, choices=Employment.choices, blank=True
    )
    housing_kind = models.CharField(
        _("housing situation"), max_length=16, choices=Housing.choices, blank=True
    )
    family_situation = models.CharField(
        _("family situation"), max_length=16, choices=FamilySituation.choices, blank=True
    )
    children_count = models.PositiveSmallIntegerField(
        _("number of children"), null=True, blank=True
    )
    assessed_on = models.DateField(_("assessed on"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("social assessment")
        verbose_name_plural = _("social assessments")

    def __str__(self) -> str:
        return f"{self.pathway_id} {self.assessed_on}"


class HealthNote(models.Model):
    """Special-category data (GDPR art. 9): read only by the centre's staff, every read audited."""

    pathway = models.OneToOneField(
        "pathways.Pathway", on_delete=models.CASCADE, related_name="health_note"
    )
    notes = models.TextField(_("health"), blank=True)
    # Closed list (parcours.pathways.assessment.HealthNeed), special-category data as the note.
    needs = models.JSONField(_("health needs"), default=list, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("health note")
        verbose_name_plural = _("health notes")

    def __str__(self) -> str:
        return str(self.pathway_id)

    def needs_labels(self) -> list[str]:
        return [str(HealthNeed(code).label) for code in self.needs if code in HealthNeed.values]


class RightsSession(models.Model):
    pathway = models.ForeignKey(
        "pathways.Pathway",
        on_delete=models.CASCADE,
        related_name="rights_sessions",
        verbose_name=_("pathway"),
    )
    given_on = models.DateField(_("given on"))
    language = models.CharField(_("language"), max_length=2, default="fr")
    themes = models.CharField(_("themes"), max_length=300, blank=True)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )

    class Meta:
        ordering = ["-given_on"]
        verbose_name = _("rights and duties information")
        verbose_name_plural = _("rights and duties information")

    def __str__(self) -> str:
        return str(self.given_on)


class FrenchTest(models.Model):
    pathway = models.ForeignKey(
        "pathways.Pathway",
        on_delete=models.CASCADE,
        related_name="french_tests",
        verbose_name=_("pathway"),
    )
    tested_on = models.DateField(_("tested on"))
    level = models.CharField(_("CEFR level"), max_length=8, choices=CefrLevel.choices)
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    tested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )

    class Meta:
        ordering = ["-tested_on"]
        verbose_name = _("French level test")
        verbose_name_plural = _("French level tests")

    def __str__(self) -> str:
        return f"{self.tested_on} {self.level}"


class AdministrativeHelp(models.Model):
    pathway = models.ForeignKey(
        "pathways.Pathway",
        on_delete=models.CASCADE,
        related_name="administrative_help",
        verbose_name=_("pathway"),
    )
    helped_on = models.DateField(_("on"))
    what = models.CharField(_("what"), max_length=300)
    referred_to = models.CharField(_("referred to"), max_length=200, blank=True)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )

    class Meta:
        ordering = ["-helped_on", "-id"]
        verbose_name = _("administrative help")
        verbose_name_plural = _("administrative help")

    def __str__(self) -> str:
        return self.what
