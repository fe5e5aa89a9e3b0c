from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """Pathway states (DESIGN.md, "Pathway states")."""

    REFERRED = "referred", _("Referred")
    INVITED = "invited", _("Invited")
    WELCOME = "welcome", _("Welcome module in progress")
    AGREED = "agreed", _("Agreement signed")
    IN_TRAINING = "in_training", _("In training")
    COMPLETED = "completed", _("Completed (certificate issued)")
    WAIVED = "waived", _("Waived")
    NOT_CONCERNED = "not_concerned", _("Not concerned")
    SUSPENDED = "suspended", _("Suspended")
    TRANSFERRED = "transferred", _("Transferred to another centre")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    NON_COMPLIANT = "non_compliant", _("Non-compliant")
    REPORTED = "reported", _("Reported to the Region")


class CommuneStatus(models.TextChoices):
    """What a commune may know of a person's pathway, and nothing more (DESIGN.md)."""

    FOLLOWS = "follows", _("Follows the pathway")
    PERMIT_PENDING = "permit_pending", _("Concerned once the permit is issued")
    COMPLETED = "completed", _("Completed")
    WAIVED = "waived", _("Waived")
    NOT_CONCERNED = "not_concerned", _("Not concerned")
    DOES_NOT_FOLLOW = "does_not_follow", _("Does not follow the pathway")


class ReferralSource(models.TextChoices):
    FORM = "form", _("Staff form")
    CSV = "csv", _("CSV import")
    API = "api", _("Commune API")


class Obligation(models.TextChoices):
    """The status of the obligation decision (rules engine, CWASS art. 150)."""

    OBLIGATED = "obligated", _("Obliged")
    WAIVED = "waived", _("Waived")
    NOT_CONCERNED = "not_concerned", _("Not concerned")
    OUT_OF_SCOPE = "out_of_scope", _("Out of scope")
    UNKNOWN = "unknown", _("Not decided yet")


class EventKind(models.TextChoices):
    STATUS = "status", _("Status change")
    REFERRAL = "referral", _("Referral")
    DECISION = "decision", _("Obligation decision")
    WELCOME = "welcome", _("Welcome module")
    AGREEMENT = "agreement", _("Agreement")
    EVALUATION = "evaluation", _("Evaluation")
    ADJUSTMENT = "adjustment", _("Deadline adjustment")
    HOURS = "hours", _("Training hours")
    CERTIFICATE = "certificate", _("Certificate")
    COMPLIANCE = "compliance", _("Non-compliance")
    NOTIFICATION = "notification", _("Notification")
    TRANSFER = "transfer", _("Transfer")


class WelcomePart(models.TextChoices):
    """Codes of the `welcome_module_parts` rules parameter."""

    SOCIAL_ASSESSMENT = "social_assessment", _("Social assessment")
    RIGHTS_AND_DUTIES = "rights_and_duties", _("Rights and duties")
    FRENCH_TEST = "french_test", _("French level test")
    ADMINISTRATIVE_HELP = "administrative_help", _("Administrative help")


class AdjustmentKind(models.TextChoices):
    EXTENSION = "extension", _("Extension")
    SUSPENSION = "suspension", _("Suspension")
    FORCE_MAJEURE = "force_majeure", _("Force majeure")


class AgreementKind(models.TextChoices):
    INITIAL = "initial", _("Initial agreement")
    AMENDMENT = "amendment", _("Amendment")
    EXTENSION = "extension", _("Extension")


class SignatureMethod(models.TextChoices):
    PAPER = "paper", _("On paper, scanned and attached")
    SCREEN = "screen", _("On screen")


class ComplianceGround(models.TextChoices):
    PRESENTATION_LATE = "presentation_late", _("Did not present within the deadline")
    EVALUATION_MISSED = "evaluation_missed", _("Evaluation interview missed")
    AGREEMENT_BREACH = "agreement_breach", _("Agreement not followed")
    CERTIFICATE_LATE = "certificate_late", _("Certificate deadline passed, obligations unmet")


class ComplianceStage(models.TextChoices):
    DETECTED = "detected", _("Detected")
    REMINDED = "reminded", _("Reminder sent")
    NOTICE = "notice", _("Formal notice sent")
    REPORTED = "reported", _("Sanction file sent to the Region")
    CLOSED = "closed", _("Closed")


class SanctionDecision(models.TextChoices):
    """What the Region's sanctioning official decides on a sanction file (CWASS art. 152/8)."""

    FINE = "fine", _("Administrative fine")
    NO_FINE = "no_fine", _("No fine")
    DISMISSED = "dismissed", _("File dismissed")


class Recipient(models.TextChoices):
    COMMUNE = "commune", _("Commune")
    CPAS = "cpas", _("CPAS")
