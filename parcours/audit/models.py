from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parcours.audit.enums import AccessKind


class AccessEvent(models.Model):
    """Who read or exported which person's data, when and what (append-only)."""

    # Empty when the person read their own data (personal space).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    what = models.CharField(_("what"), max_length=64, choices=AccessKind.choices)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("access event")
        verbose_name_plural = _("access events")
        indexes = [models.Index(fields=["person", "-at"], name="access_person_at_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.what} {self.person_id}"


class StatisticsExport(models.Model):
    """Who exported which figure of the statistics, with which filters (append-only). No
    person is named: a figure counts people, the observatory's dataset has no names."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("who")
    )
    figure = models.CharField(_("figure"), max_length=64)
    file_format = models.CharField(_("format"), max_length=8)
    filters = models.JSONField(_("filters"), default=dict)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("statistics export")
        verbose_name_plural = _("statistics exports")

    def __str__(self) -> str:
        return f"{self.user_id} {self.figure} {self.file_format}"
