from django.db import models
from django.utils.translation import gettext_lazy as _

from parcours.training.enums import Track


class Partner(models.Model):
    """A body that gives French, citizenship or job-orientation courses."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    commune = models.ForeignKey(
        "territory.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("commune"),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    gives_french = models.BooleanField(_("gives French courses"), default=False)
    gives_citizenship = models.BooleanField(_("gives citizenship training"), default=False)
    gives_job_orientation = models.BooleanField(_("gives job orientation"), default=False)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner body")
        verbose_name_plural = _("partner bodies")

    def __str__(self) -> str:
        return self.name

    @property
    def tracks(self) -> list[Track]:
        flags = {
            Track.FRENCH: self.gives_french,
            Track.CITIZENSHIP: self.gives_citizenship,
            Track.JOB_ORIENTATION: self.gives_job_orientation,
        }
        return [track for track, given in flags.items() if given]
