"""A person referred to an offer, the partner's answers, and the hours ledger: append-only
attendance rows (a correction supersedes a row, never changes it) and attestations."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parcours.people.enums import CefrLevel
from parcours.training.enums import (
    ACTIVE_STATUSES,
    AttendanceKind,
    AttendanceSource,
    EnrolmentStatus,
    ProofKind,
    Track,
)


class Enrolment(models.Model):
    """The referral of one pathway to one offer and what came of it. It follows the file when
    the person moves to another centre (pathways.services.moves)."""

    pathway = models.ForeignKey(
        "pathways.Pathway", on_delete=models.CASCADE, related_name="enrolments"
    )
    offer = models.ForeignKey("training.Offer", on_delete=models.PROTECT, related_name="enrolments")
    track = models.CharField(_("track"), max_length=16, choices=Track.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=EnrolmentStatus.choices, default="referred"
    )
    referred_on = models.DateField(_("referred on"))
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    message = models.CharField(_("message to the partner"), max_length=500, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    expected_start_on = models.DateField(_("expected start"), null=True, blank=True)
    waiting_from = models.DateField(_("on the waiting list from"), null=True, blank=True)
    waiting_until = models.DateField(_("on the waiting list until"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    answered_at = models.DateTimeField(_("last answer at"), null=True, blank=True)
    level_reached = models.CharField(
        _("French level reached"), max_length=8, choices=CefrLevel.choices, blank=True
    )
    level_reached_on = models.DateField(_("level reached on"), null=True, blank=True)
    level_proof_kind = models.CharField(
        _("proof"), max_length=16, choices=ProofKind.choices, blank=True
    )
    level_proof = models.FileField(
        _("proof of the level"), upload_to="training/levels/%Y/", blank=True
    )

    class Meta:
        ordering = ["-referred_on", "-id"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["pathway", "offer"],
                condition=models.Q(status__in=ACTIVE_STATUSES),
                name="one_active_enrolment_per_offer",
            )
        ]
        indexes = [models.Index(fields=["offer", "status"], name="enrolment_offer_status")]

    def __str__(self) -> str:
        return f"{self.pathway_id} → {self.offer_id} ({self.status})"


class EnrolmentAnswer(models.Model):
    """Every answer of the partner (and the centre's withdrawal), append-only: the agent
    sees each one."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="answers")
    status = models.CharField(_("answer"), max_length=16, choices=EnrolmentStatus.choices)
    on = models.DateField(_("on"))
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    expected_start_on = models.DateField(_("expected start"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["answered_at", "id"]
        verbose_name = _("answer to a referral")
        verbose_name_plural = _("answers to referrals")

    def __str__(self) -> str:
        return f"{self.status} {self.on}"


class Attendance(models.Model):
    """Hours attended on one date (or stated by an attestation up to that date). A correction
    writes a new row and marks the old one superseded: the history stays readable."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendances")
    attended_on = models.DateField(_("date"))
    # An attestation covers a period: from `period_from` up to `attended_on` (empty on rows
    # written before periods were recorded: they covered everything up to their date).
    period_from = models.DateField(_("period from"), null=True, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=2)
    kind = models.CharField(
        _("kind"), max_length=16, choices=AttendanceKind.choices, default="session"
    )
    source = models.CharField(_("entered through"), max_length=16, choices=AttendanceSource.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)
    superseded_at = models.DateTimeField(_("corrected at"), null=True, blank=True)

    class Meta:
        ordering = ["attended_on", "entered_at", "id"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.CheckConstraint(condition=models.Q(hours__gte=0), name="attendance_hours"),
            models.UniqueConstraint(
                fields=["enrolment", "attended_on", "kind"],
                condition=models.Q(superseded_at__isnull=True),
                name="one_current_attendance_per_date",
            ),
        ]
        # The statistics read the days of a month a period cuts from here (the months it
        # covers whole come from the nightly `casework.HoursFact`).
        indexes = [models.Index(fields=["attended_on"], name="attendance_attended_on_idx")]

    def __str__(self) -> str:
        return f"{self.attended_on} {self.hours}"


class AttendanceAttestation(models.Model):
    """The partner's own attendance attestation (PDF or JPEG), linked to the enrolment."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attestations")
    file = models.FileField(_("file"), upload_to="training/attestations/%Y/")
    content_type = models.CharField(max_length=32)
    size = models.PositiveIntegerField()
    note = models.CharField(_("period or note"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("attendance attestation")
        verbose_name_plural = _("attendance attestations")

    def __str__(self) -> str:
        return f"{self.enrolment_id} {self.uploaded_at:%Y-%m-%d}"
