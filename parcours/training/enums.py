from django.db import models
from django.utils.translation import gettext_lazy as _


class Track(models.TextChoices):
    """Tracks 2–4 of the pathway given by partner bodies (CWASS art. 152)."""

    FRENCH = "french", _("French as a foreign language")
    CITIZENSHIP = "citizenship", _("Citizenship")
    JOB_ORIENTATION = "job_orientation", _("Job orientation (ISP)")


class OfferLevel(models.TextChoices):
    """Where a French course starts or ends, from literacy to B1 (the CEFR scale itself)."""

    LITERACY = "literacy", _("Literacy")
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"


class EnrolmentStatus(models.TextChoices):
    REFERRED = "referred", _("Waiting for the partner's answer")
    ACCEPTED = "accepted", _("Accepted")
    WAITING = "waiting", _("On the waiting list")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn by the centre")


ACTIVE_STATUSES = (EnrolmentStatus.REFERRED, EnrolmentStatus.ACCEPTED, EnrolmentStatus.WAITING)


class Answer(models.TextChoices):
    """What a partner answers to a referral."""

    ACCEPT = "accepted", _("Accept")
    WAIT = "waiting", _("Waiting list")
    REFUSE = "refused", _("Refuse")


class AttendanceKind(models.TextChoices):
    SESSION = "session", _("Hours of one session date")
    STATEMENT = "statement", _("Hours stated by an attestation, up to this date")


class OverlapChoice(models.TextChoices):
    """How an attestation stands to the hours already recorded in its period: the user says
    it, Parcours never guesses (hours are never replaced silently)."""

    INCLUDED = "included", _("The attestation includes these hours: they count once")
    ADDITIONAL = "additional", _("The attestation comes on top of these hours: both count")


class AttendanceSource(models.TextChoices):
    GRID = "grid", _("Class grid")
    PERSON = "person", _("Entry for one person")
    CSV = "csv", _("CSV import")
    API = "api", _("API")
    CENTRE = "centre", _("Recorded by the centre")
    MIGRATED = "migrated", _("Carried over from the former hours log")


class ProofKind(models.TextChoices):
    TEST = "test", _("Test result")
    ATTESTATION = "attestation", _("Attestation")
