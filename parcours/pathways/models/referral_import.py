"""The progress of a referral list imported in the background."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportJob(models.Model):
    """A long list of referrals (CSV) imported in the background: the progress row that the
    page polls. The import itself is all or nothing; this row says where it is."""

    class Phase(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        CHECKING = "checking", _("Checking the rows")
        WRITING = "writing", _("Recording the referrals")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed: nothing was imported")

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    referring_commune = models.ForeignKey(
        "territory.Commune", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    referred_on = models.DateField(_("referred on"))
    phase = models.CharField(_("phase"), max_length=8, choices=Phase.choices, default=Phase.QUEUED)
    total = models.PositiveIntegerField(_("rows"), default=0)
    checked = models.PositiveIntegerField(_("rows checked"), default=0)
    imported = models.PositiveIntegerField(_("rows imported"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        db_table = "people_importjob"  # created by the people app, before it moved here
        ordering = ["-created_at", "-id"]
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self) -> str:
        return f"{self.token} ({self.phase})"

    @property
    def finished(self) -> bool:
        return self.phase in (self.Phase.DONE, self.Phase.FAILED)

    @property
    def percent(self) -> int:
        if self.phase == self.Phase.DONE:
            return 100
        if not self.total:
            return 0
        # Checking is the first 80 %; recording the rest (one transaction, seconds).
        share = 80 * self.checked // self.total
        return share + (10 if self.phase == self.Phase.WRITING else 0)
