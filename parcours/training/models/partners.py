from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parcours.territory.enums import Weekday
from parcours.training.enums import OfferLevel, Track


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
    # A body with no account in Parcours (e.g. a FOREM office): the centre records the hours
    # its attestations prove; it takes no referral.
    outside_parcours = models.BooleanField(_("outside Parcours"), default=False)
    # The centres whose coordinators manage this body and its offers (a body may serve several
    # centres; the Region and administrators see them all).
    centres = models.ManyToManyField(
        "territory.Centre", blank=True, related_name="partners", verbose_name=_("centres")
    )
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


class Offer(models.Model):
    """A course or session a partner body gives: where, when, for whom, how many seats."""

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="offers", verbose_name=_("partner body")
    )
    track = models.CharField(_("track"), max_length=16, choices=Track.choices)
    title = models.CharField(_("title"), max_length=200)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    commune = models.ForeignKey(
        "territory.Commune", on_delete=models.PROTECT, related_name="+", verbose_name=_("place")
    )
    schedule = models.CharField(_("schedule"), max_length=200, blank=True)
    weekdays = models.JSONField(_("session days (0 = Monday)"), default=list, blank=True)
    start_dates = models.JSONField(_("start dates"), default=list, blank=True)
    capacity = models.PositiveSmallIntegerField(_("capacity"))
    level_from = models.CharField(
        _("level from"), max_length=8, choices=OfferLevel.choices, blank=True
    )
    level_to = models.CharField(_("level to"), max_length=8, choices=OfferLevel.choices, blank=True)
    language = models.CharField(_("language of instruction"), max_length=8, blank=True)
    waiting_weeks = models.PositiveSmallIntegerField(
        _("usual waiting time (weeks)"), null=True, blank=True
    )
    runs_from = models.DateField(_("runs from"), null=True, blank=True)
    runs_until = models.DateField(_("runs until"), null=True, blank=True)
    is_open = models.BooleanField(_("takes referrals"), default=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["partner__name", "track", "title"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        constraints = [
            models.CheckConstraint(condition=models.Q(capacity__gt=0), name="offer_capacity"),
            models.CheckConstraint(
                condition=models.Q(runs_from__isnull=True)
                | models.Q(runs_until__isnull=True)
                | models.Q(runs_until__gte=models.F("runs_from")),
                name="offer_runs_until_after_runs_from",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner.name} — {self.title}"

    @property
    def weekday_labels(self) -> str:
        return ", ".join(str(Weekday(day).label) for day in self.weekdays if day in range(7))

    @property
    def level_range(self) -> str:
        if not (self.level_from or self.level_to):
            return ""
        start = OfferLevel(self.level_from).label if self.level_from else "…"
        end = OfferLevel(self.level_to).label if self.level_to else "…"
        return f"{start} → {end}"
