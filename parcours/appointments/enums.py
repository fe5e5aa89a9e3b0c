from django.db import models
from django.utils.translation import gettext_lazy as _


class KindCode(models.TextChoices):
    """The kinds of individual appointment; their lengths live in `AppointmentKind` (admin)."""

    FIRST_WELCOME = "first_welcome", _("First welcome appointment")
    SOCIAL_ASSESSMENT = "social_assessment", _("Social assessment (bilan social)")
    RIGHTS_AND_DUTIES = "rights_and_duties", _("Rights and duties (individual)")
    FRENCH_TEST = "french_test", _("French level test")
    ADMINISTRATIVE_HELP = "administrative_help", _("Administrative help")
    EVALUATION = "evaluation", _("Evaluation interview")
    OTHER = "other", _("Other")


class AppointmentStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CONFIRMED = "confirmed", _("Confirmed")
    ATTENDED = "attended", _("Attended")
    NO_SHOW = "no_show", _("Did not come")
    CANCELLED_BY_PERSON = "cancelled_person", _("Cancelled by the person")
    CANCELLED_BY_CENTRE = "cancelled_centre", _("Cancelled by the centre")
    RESCHEDULED = "rescheduled", _("Rescheduled")


# Statuses in which the appointment still holds its staff member, room and interpreter.
HOLDING_STATUSES = frozenset({AppointmentStatus.PLANNED, AppointmentStatus.CONFIRMED})
CANCELLED_STATUSES = frozenset(
    {AppointmentStatus.CANCELLED_BY_PERSON, AppointmentStatus.CANCELLED_BY_CENTRE}
)


class SeatStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    ATTENDED = "attended", _("Attended")
    ABSENT = "absent", _("Absent")
    CANCELLED = "cancelled", _("Cancelled")


class InterpreterMode(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    PHONE = "phone", _("By phone")
    VIDEO = "video", _("By video")


class InterpreterStatus(models.TextChoices):
    TO_REQUEST = "to_request", _("To request")
    REQUESTED = "requested", _("Requested")
    CONFIRMED = "confirmed", _("Confirmed")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class IntakeStatus(models.TextChoices):
    NEW = "new", _("To handle")
    LINKED = "linked", _("Linked to a person")
    DISMISSED = "dismissed", _("Dismissed")


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")
    LETTER = "letter", _("Letter")
