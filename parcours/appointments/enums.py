from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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
    PLANNED = "planned", pgettext_lazy("appointment status", "Planned")
    CONFIRMED = "confirmed", pgettext_lazy("appointment status", "Confirmed")
    ATTENDED = "attended", pgettext_lazy("appointment status", "Attended")
    NO_SHOW = "no_show", pgettext_lazy("appointment status", "Did not come")
    CANCELLED_BY_PERSON = (
        "cancelled_person",
        pgettext_lazy("appointment status", "Cancelled by the person"),
    )
    CANCELLED_BY_CENTRE = (
        "cancelled_centre",
        pgettext_lazy("appointment status", "Cancelled by the centre"),
    )
    RESCHEDULED = "rescheduled", pgettext_lazy("appointment status", "Rescheduled")


# Statuses in which the appointment still holds its staff member, room and interpreter.
HOLDING_STATUSES = frozenset({AppointmentStatus.PLANNED, AppointmentStatus.CONFIRMED})
CANCELLED_STATUSES = frozenset(
    {AppointmentStatus.CANCELLED_BY_PERSON, AppointmentStatus.CANCELLED_BY_CENTRE}
)


class SeatStatus(models.TextChoices):
    REGISTERED = "registered", pgettext_lazy("seat status", "Registered")
    WAITING = "waiting", pgettext_lazy("seat status", "On the waiting list")
    ATTENDED = "attended", pgettext_lazy("seat status", "Attended")
    ABSENT = "absent", pgettext_lazy("seat status", "Absent")
    CANCELLED = "cancelled", pgettext_lazy("seat status", "Cancelled")


class InterpreterMode(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    PHONE = "phone", _("By phone")
    VIDEO = "video", _("By video")


class InterpreterStatus(models.TextChoices):
    TO_REQUEST = "to_request", pgettext_lazy("interpreter request status", "To request")
    REQUESTED = "requested", pgettext_lazy("interpreter request status", "Requested")
    CONFIRMED = "confirmed", pgettext_lazy("interpreter request status", "Confirmed")
    DONE = "done", pgettext_lazy("interpreter request status", "Done")
    CANCELLED = "cancelled", pgettext_lazy("interpreter request status", "Cancelled")


class IntakeStatus(models.TextChoices):
    NEW = "new", _("To handle")
    LINKED = "linked", _("Linked to a person")
    DISMISSED = "dismissed", _("Dismissed")


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")
    LETTER = "letter", _("Letter")
