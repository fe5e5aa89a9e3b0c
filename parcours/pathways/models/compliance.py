"""Non-compliance (CWASS art. 152/8), notifications to the commune and the CPAS, and
transfers (the API tokens of the communes are accounts' ApiToken)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parcours.pathways.enums import (
    ComplianceGround,
    ComplianceStage,
    Recipient,
    SanctionDecision,
    Status,
)


class NonCompliance(models.Model):
    pathway = models.ForeignKey(
        "pathways.Pathway", on_delete=models.CASCADE, related_name="non_compliances"
    )
    ground = models.CharField(_("ground"), max_length=24, choices=ComplianceGround.choices)
    stage = models.CharField(
        _("stage"), max_length=16, choices=ComplianceStage.choices, default=ComplianceStage.DETECTED
    )
    detected_on = models.DateField(_("detected on"))
    # Where the person was before the case: "not sanctionable" puts the pathway back there.
    status_before = models.CharField(
        _("status before the case"), max_length=16, choices=Status.choices, blank=True
    )
    reminder_on = models.DateField(_("reminder sent on"), null=True, blank=True)
    notice_on = models.DateField(_("formal notice sent on"), null=True, blank=True)
    explain_by = models.DateField(_("explanation due by"), null=True, blank=True)
    reported_on = models.DateField(_("reported on"), null=True, blank=True)
    # Proof of sending the Region asks for: a registered-mail number, or the e-mail or SMS
    # delivery record.
    reminder_proof = models.CharField(
        _("proof of sending the reminder"), max_length=200, blank=True
    )
    notice_proof = models.CharField(_("proof of sending the notice"), max_length=200, blank=True)
    answered_on = models.DateField(_("person's answer received on"), null=True, blank=True)
    answer = models.TextField(_("person's answer"), blank=True)
    # Art. 152/8: no sanction when the Region failed to organise the pathway.
    not_sanctionable = models.BooleanField(_("not sanctionable"), default=False)
    not_sanctionable_reason = models.TextField(_("why not sanctionable"), blank=True)
    summary = models.TextField(_("summary for the Region"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    # The Region's decision on the sanction file (its sanctioning official), and the appeal.
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision = models.CharField(
        _("decision"), max_length=16, choices=SanctionDecision.choices, blank=True
    )
    fine_amount = models.DecimalField(
        _("fine (euros)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    notified_on = models.DateField(_("decision notified on"), null=True, blank=True)
    appeal_lodged_on = models.DateField(_("appeal lodged on"), null=True, blank=True)
    appeal_outcome = models.TextField(_("outcome of the appeal"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-detected_on", "-id"]
        verbose_name = _("non-compliance case")
        verbose_name_plural = _("non-compliance cases")

    def __str__(self) -> str:
        return f"{self.ground} {self.stage}"


class Notification(models.Model):
    """What the centre told the commune or the CPAS about the person, and when."""

    pathway = models.ForeignKey(
        "pathways.Pathway", on_delete=models.CASCADE, related_name="notifications"
    )
    recipient = models.CharField(_("to"), max_length=8, choices=Recipient.choices)
    # The commune told (the person's commune that day): it reads the notice in its inbox.
    commune = models.ForeignKey(
        "territory.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commune"),
    )
    what = models.CharField(_("what"), max_length=300)
    sent_on = models.DateField(_("sent on"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-sent_on", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.recipient} {self.sent_on}"


class Transfer(models.Model):
    old_pathway = models.OneToOneField(
        "pathways.Pathway", on_delete=models.PROTECT, related_name="transfer_out"
    )
    new_pathway = models.OneToOneField(
        "pathways.Pathway", on_delete=models.PROTECT, related_name="transfer_in"
    )
    from_centre = models.ForeignKey("territory.Centre", on_delete=models.PROTECT, related_name="+")
    to_centre = models.ForeignKey("territory.Centre", on_delete=models.PROTECT, related_name="+")
    moved_on = models.DateField(_("moved on"))
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")

    def __str__(self) -> str:
        return f"{self.from_centre_id} → {self.to_centre_id}"


class TransferRequest(models.Model):
    """A referral (commune user, commune token or the commune's list) for a person whose file
    another centre holds: nothing moves, nothing of the file is shown to the requester, until
    the holding centre accepts (the file is transferred, the address corrected, the referral
    recorded) or refuses."""

    class State(models.TextChoices):
        PENDING = "pending", _("waiting for the holding centre")
        ACCEPTED = "accepted", _("accepted")
        REFUSED = "refused", _("refused")

    pathway = models.ForeignKey(
        "pathways.Pathway", on_delete=models.PROTECT, related_name="transfer_requests"
    )
    from_centre = models.ForeignKey(
        "territory.Centre", on_delete=models.PROTECT, related_name="+", verbose_name=_("held by")
    )
    to_centre = models.ForeignKey(
        "territory.Centre", on_delete=models.PROTECT, related_name="+", verbose_name=_("asked by")
    )
    commune = models.ForeignKey(
        "territory.Commune",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("referring commune"),
    )
    new_commune = models.ForeignKey(
        "territory.Commune",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("new commune"),
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=4, blank=True)
    source = models.CharField(_("source"), max_length=8)
    referred_on = models.DateField(_("referred on"))
    note = models.TextField(_("note"), blank=True)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.PENDING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    transfer = models.OneToOneField(
        Transfer, on_delete=models.PROTECT, null=True, blank=True, related_name="request"
    )

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("transfer request")
        verbose_name_plural = _("transfer requests")

    def __str__(self) -> str:
        return f"{self.pathway_id} {self.state}"


class ReferralKey(models.Model):
    """An `Idempotency-Key` of `POST /api/v1/referrals`: a repeat gets the first answer."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=128)
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    body = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="unique_referral_key_per_user")
        ]

    def __str__(self) -> str:
        return self.key
