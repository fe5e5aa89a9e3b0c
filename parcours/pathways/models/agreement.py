"""Agreement (convention) and evaluations (CWASS art. 152 ff.). The hours ledger is the
training app's attendance (parcours.training.ledger)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parcours.pathways.enums import AgreementKind, SignatureMethod
from parcours.people.enums import CefrLevel


class Agreement(models.Model):
    """One version of the agreement. An amendment or an extension is a new version; older
    versions stay readable."""

    pathway = models.ForeignKey(
        "pathways.Pathway", on_delete=models.CASCADE, related_name="agreements"
    )
    version = models.PositiveSmallIntegerField(_("version"))
    kind = models.CharField(_("kind"), max_length=16, choices=AgreementKind.choices)
    tracks = models.JSONField(_("tracks"), default=list)
    minimum_hours = models.JSONField(_("minimum hours"), default=dict)
    time_limits = models.JSONField(_("time limits (months)"), default=dict)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    parameters = models.JSONField(_("rules parameters used"), default=list)
    # The partner offer chosen on the generation form for a track, as it was named then:
    # {track: {"offer": id, "label": "Partner — title"}}; a track without one is "to be found".
    offers = models.JSONField(_("partner offers chosen"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signature_method = models.CharField(
        _("signed"), max_length=8, choices=SignatureMethod.choices, blank=True
    )
    scan = models.FileField(_("signed scan"), upload_to="agreements/%Y/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.UniqueConstraint(fields=["pathway", "version"], name="unique_agreement_version")
        ]

    def __str__(self) -> str:
        return f"{self.pathway_id} v{self.version}"


class Evaluation(models.Model):
    """Evaluation interview, at least every `evaluation_interval` months (CWASS art. 152):
    the topics the law names."""

    pathway = models.ForeignKey(
        "pathways.Pathway", on_delete=models.CASCADE, related_name="evaluations"
    )
    held_on = models.DateField(_("held on"))
    access_to_training = models.TextField(_("access to the trainings"))
    attendance = models.TextField(_("attendance"))
    absence_reasons = models.TextField(_("reasons for absence"), blank=True)
    agreed_changes = models.TextField(_("changes agreed"), blank=True)
    french_level = models.CharField(
        _("French level reached"), max_length=8, choices=CefrLevel.choices, blank=True
    )
    extension_months = models.PositiveSmallIntegerField(
        _("extension granted (months)"), null=True, blank=True
    )
    extension_reason = models.TextField(_("why an extension is needed"), blank=True)
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return str(self.held_on)


class Convocation(models.Model):
    """A convocation letter to an evaluation interview (registered letter or e-mail)."""

    pathway = models.ForeignKey(
        "pathways.Pathway", on_delete=models.CASCADE, related_name="convocations"
    )
    meeting_at = models.DateTimeField(_("interview on"))
    place = models.CharField(_("place"), max_length=200)
    # The day the letter leaves, which starts the delay to the interview (see convocation_send).
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    emailed = models.BooleanField(_("sent by e-mail"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-meeting_at"]
        verbose_name = _("convocation")
        verbose_name_plural = _("convocations")

    def __str__(self) -> str:
        return str(self.meeting_at)
