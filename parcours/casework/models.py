"""The statistics' nightly tables (`statistics.facts`): one row per file opened by a referral,
with what the pathway-level figures group and filter on, and the hours attended per file,
partner, track and day or month; refreshed set-based by the sweep and by
`parcours statistics_refresh`. Not a source of truth: a copy, rebuilt whole or, on
PostgreSQL, only for the files a write has marked since the last refresh (`FactChange`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PathwayFact(models.Model):
    """A file referred (never a transfer's new file), as the statistics see it. `pathway_id`
    is the file's own key; no foreign key to it, so that the table may be rebuilt on its own."""

    pathway_id = models.BigIntegerField(_("file"), primary_key=True)
    centre = models.ForeignKey(
        "territory.Centre", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    commune = models.ForeignKey(
        "territory.Commune",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    commune_name = models.TextField(_("commune of residence"), null=True)
    referred_on = models.DateField(_("referred on"))
    status = models.CharField(_("status"), max_length=16)
    voluntary = models.BooleanField(_("voluntary participant"))
    obliged = models.BooleanField(_("obliged"))
    nationality = models.TextField(_("first nationality"), null=True)
    age_band = models.SmallIntegerField(_("age band"))
    sex = models.CharField(_("sex"), max_length=1)
    invited_on = models.DateField(_("invited on"), null=True)
    module_done_on = models.DateField(_("welcome module done on"), null=True)
    agreed_on = models.DateField(_("agreement signed on"), null=True)
    completed_on = models.DateField(_("completed on"), null=True)
    certificate_by = models.DateField(_("certificate due by"), null=True)
    first_appointment_on = models.DateField(_("first appointment on"), null=True)
    trained = models.BooleanField(_("in training"))

    class Meta:
        verbose_name = _("file fact for statistics")
        verbose_name_plural = _("file facts for statistics")
        indexes = [
            # The Region's page: a period of referrals, every centre (an index-only range scan
            # is not needed: the figures read most columns; the range keeps the rows read few).
            models.Index(fields=["referred_on"], name="fact_referred_idx"),
            # A centre's page, or one centre chosen by the Region.
            models.Index(fields=["centre", "referred_on"], name="fact_centre_referred_idx"),
            models.Index(fields=["commune", "referred_on"], name="fact_commune_referred_idx"),
        ]

    def __str__(self) -> str:
        return f"fact {self.pathway_id}"


class StatisticsRefresh(models.Model):
    """When the nightly table was last rebuilt, and how many rows it holds."""

    refreshed_at = models.DateTimeField(_("refreshed at"))
    rows = models.PositiveIntegerField(_("rows"))
    seconds = models.FloatField(_("seconds"))
    # Rebuilt whole, or only the files marked since the last refresh (`recomputed` of them).
    full = models.BooleanField(_("rebuilt whole"), default=True)
    recomputed = models.PositiveIntegerField(_("files recomputed"), default=0)

    class Meta:
        verbose_name = _("statistics refresh")
        verbose_name_plural = _("statistics refreshes")
        get_latest_by = "refreshed_at"

    def __str__(self) -> str:
        return f"{self.refreshed_at:%Y-%m-%d %H:%M} ({self.rows})"


class HoursFact(models.Model):
    """Hours attended (current attendance rows) per file, partner, track and month (`day`, the
    first of the month). A period reads the months it covers whole from here and the days of
    the months it cuts from the attendance rows themselves (`statistics.tracks.hours`, on the
    index of `attended_on`): a few rows per person instead of their weekly rows, no join, and
    a nightly refill of one row per person and month. The file's centre, commune and
    referral date ride along for the filters."""

    day = models.DateField(_("month"))
    pathway_id = models.BigIntegerField(_("file"))
    centre = models.ForeignKey(
        "territory.Centre", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    commune = models.ForeignKey(
        "territory.Commune",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    referred_on = models.DateField(_("referred on"))
    partner_name = models.TextField(_("partner"))
    track = models.CharField(_("track"), max_length=16)
    hours = models.DecimalField(_("hours"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("hours fact for statistics")
        verbose_name_plural = _("hours facts for statistics")
        # One index (the table is rebuilt nightly): the months of a period; a centre or a
        # commune filters those rows.
        indexes = [
            models.Index(fields=["day"], name="hoursfact_day_idx"),
            # The files an incremental refresh rewrites (`facts_refresh`).
            models.Index(fields=["pathway_id"], name="hoursfact_pathway_idx"),
        ]

    def __str__(self) -> str:
        return f"hours {self.pathway_id} {self.day}"


class FactChange(models.Model):
    """A file whose statistics rows may have changed since the last refresh. Written by
    PostgreSQL itself: one statement-level trigger per table the facts are read from
    (migration `0004_fact_changes`) inserts the files a statement touched — every insert,
    update and delete, through the ORM, a bulk `update()` or raw SQL, whatever the service
    remembers. Not seen: a TRUNCATE, and a load with the triggers off (`demo.bulkload`),
    which marks every file itself. The refresh takes and deletes them
    (`statistics.facts.facts_refresh`); no unique key, so that a writer never waits for
    another: a file may be marked twice."""

    pathway_id = models.BigIntegerField(_("file"))

    class Meta:
        verbose_name = _("file changed since the statistics refresh")
        verbose_name_plural = _("files changed since the statistics refresh")

    def __str__(self) -> str:
        return f"changed {self.pathway_id}"
