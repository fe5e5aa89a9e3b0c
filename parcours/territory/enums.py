from django.db import models
from django.utils.translation import gettext_lazy as _


class LanguageRegion(models.TextChoices):
    FRENCH = "french_language_region", _("French-language region")
    GERMAN = "german_speaking", _("German-speaking region")
    BRUSSELS = "brussels", _("Brussels-Capital Region")
    FLANDERS = "flanders", _("Flanders")
    UNKNOWN = "unknown", _("Unknown")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class CentreSource(models.TextChoices):
    REFERENCE = "reference", _("Reference table")
    MANUAL = "manual", _("Corrected by hand")
