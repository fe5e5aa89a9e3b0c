"""The structured part of the bilan social: what statistics and the agreement count on, each
answer a closed list (free text stays beside it, in the assessment's sections). The health
needs are special-category data (GDPR art. 9): they live on the `HealthNote`, on its audited
page only."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SchoolingLevel(models.TextChoices):
    NONE = "none", _("No schooling")
    PRIMARY = "primary", _("Primary school")
    LOWER_SECONDARY = "lower_secondary", _("Lower secondary school")
    UPPER_SECONDARY = "upper_secondary", _("Upper secondary school")
    HIGHER = "higher", _("Higher education")


class DiplomaEquivalence(models.TextChoices):
    NO_DIPLOMA = "no_diploma", _("No diploma")
    NOT_ASKED = "not_asked", _("Diploma obtained abroad, no equivalence asked")
    ASKED = "asked", _("Equivalence asked, awaiting the answer")
    GRANTED = "granted", _("Equivalence granted")
    REFUSED = "refused", _("Equivalence refused")
    BELGIAN = "belgian", _("Diploma obtained in Belgium")


class Employment(models.TextChoices):
    EMPLOYED = "employed", _("Employed")
    SELF_EMPLOYED = "self_employed", _("Self-employed")
    JOB_SEEKER = "job_seeker", _("Looking for a job")
    STUDENT = "student", _("In training or studying")
    NOT_WORKING = "not_working", _("Not working, not looking for a job")


class Housing(models.TextChoices):
    RENTED = "rented", _("Rented or owned home")
    SOCIAL = "social", _("Social housing")
    RECEPTION = "reception", _("Reception centre for asylum seekers")
    HOSTED = "hosted", _("Hosted by family or friends")
    PRECARIOUS = "precarious", _("Precarious or no housing")


class FamilySituation(models.TextChoices):
    SINGLE = "single", _("Single, no child")
    SINGLE_PARENT = "single_parent", _("Single parent")
    COUPLE = "couple", _("Couple, no child")
    COUPLE_CHILDREN = "couple_children", _("Couple with children")


class HealthNeed(models.TextChoices):
    MOBILITY = "mobility", _("Reduced mobility")
    HEARING = "hearing", _("Hearing")
    SIGHT = "sight", _("Sight")
    MENTAL = "mental", _("Psychological support")
    CHRONIC = "chronic", _("Long-term illness")
    PREGNANCY = "pregnancy", _("Pregnancy or young baby")
    OTHER = "other", _("Other need")


# The structured answers of the assessment, in the order the form and the page show them.
STRUCTURED = {
    "schooling_level": SchoolingLevel,
    "diploma_equivalence": DiplomaEquivalence,
    "employment": Employment,
    "housing_kind": Housing,
    "family_situation": FamilySituation,
}
