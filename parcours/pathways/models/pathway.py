from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parcours.pathways.enums import (
    AdjustmentKind,
    EventKind,
    Obligation,
    ReferralSource,
    Status,
)
from parcours.pathways.urgency import URGENCY_FACTS, urgency_apply, urgency_fields_for


class Pathway(models.Model):
    """One person's file at one centre. The deadline columns are copies of the legal clock
    (rules engine), refreshed by the services, so the worklist filters them in SQL."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="pathways", verbose_name=_("person")
    )
    centre = models.ForeignKey(
        "territory.Centre", on_delete=models.PROTECT, related_name="+", verbose_name=_("centre")
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("referent agent"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.REFERRED
    )
    voluntary = models.BooleanField(_("voluntary participant"), default=False)
    obligation = models.CharField(
        _("obligation"), max_length=16, choices=Obligation.choices, default=Obligation.UNKNOWN
    )
    referred_on = models.DateField(_("referred on"))
    invited_on = models.DateField(_("invited on"), null=True, blank=True)
    module_done_on = models.DateField(_("welcome module done on"), null=True, blank=True)
    # The parts of the welcome module the agent marked in progress (casework.welcome_tasks).
    welcome_started = models.JSONField(_("welcome parts in progress"), default=list, blank=True)
    agreed_on = models.DateField(_("agreement signed on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    present_by = models.DateField(_("present by"), null=True, blank=True)
    certificate_by = models.DateField(_("certificate due by"), null=True, blank=True)
    next_evaluation_by = models.DateField(_("next evaluation by"), null=True, blank=True)
    agreement_ends_on = models.DateField(_("agreement ends on"), null=True, blank=True)
    ready_for_certificate = models.BooleanField(_("ready for the certificate"), default=False)
    transferred_from = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # What the file needs next and by when (pathways.urgency), so that the worklist reads an
    # index in order; recomputed whenever a save writes one of its facts, by the set-based
    # writers, and from `worklist_until` on (the nightly sweep, the worklist).
    worklist_task = models.CharField(_("next task"), max_length=32, blank=True, default="")
    worklist_due = models.DateField(_("next task due on"), null=True, blank=True)
    worklist_until = models.DateField(_("next task valid until"), null=True, blank=True)
    # A track's hours lag behind the pace its minimum needs by its time limit (the rules
    # parameter `hours_pace_minimum_percent`), kept by casework.pace for the worklist to
    # show and filter: on every batch of hours and by the nightly sweep.
    behind_pace = models.BooleanField(_("hours behind pace"), default=False)
    # The day the sweep reads that pace again (casework.pace): the first day the file falls
    # behind with the hours it has, within a week; empty, tonight (the services that change
    # a file's facts empty it).
    pace_check_on = models.DateField(_("hours pace read again on"), null=True, blank=True)

    class Meta:
        ordering = ["-referred_on", "-id"]
        verbose_name = _("pathway")
        verbose_name_plural = _("pathways")
        indexes = [
            models.Index(fields=["centre", "status"], name="pathway_centre_status_idx"),
            models.Index(fields=["centre", "present_by"], name="pathway_centre_present_idx"),
            models.Index(fields=["centre", "next_evaluation_by"], name="pathway_centre_eval_idx"),
            # The worklist's order (due first, nulls last as a btree keeps them; then referral
            # date and id), read with LIMIT over the files that have a task; and within a task.
            models.Index(
                fields=["centre", "worklist_due", "referred_on", "id"],
                condition=~models.Q(worklist_task=""),
                name="pathway_worklist_idx",
            ),
            models.Index(
                fields=["centre", "worklist_task", "worklist_due", "referred_on", "id"],
                condition=~models.Q(worklist_task=""),
                name="pathway_worklist_task_idx",
            ),
            # The worklist sorted by status: the same range scan stopping at its LIMIT, never a
            # sort of every open file of the centre (docs/performance.md).
            models.Index(
                fields=["centre", "status", "worklist_due", "referred_on", "id"],
                condition=~models.Q(worklist_task=""),
                name="pathway_worklist_status_idx",
            ),
            models.Index(
                fields=["worklist_until"],
                condition=models.Q(worklist_until__isnull=False),
                name="pathway_worklist_until_idx",
            ),
            # A page's catch-up (`urgency_catch_up`): a centre's files whose threshold came,
            # an index range scan that finds none after the sweep (it was a BitmapAnd with the
            # centre's 134,651 files: 12-15 ms of every worklist at 500,000 people).
            models.Index(
                fields=["centre", "worklist_until", "id"],
                condition=models.Q(worklist_until__isnull=False),
                name="pathway_centre_until_idx",
            ),
            # The search's visibility check (a file of the person at the user's centre): one
            # index-only probe per candidate, no visit of the files' rows.
            models.Index(
                fields=["person"], include=["centre", "status"], name="pathway_person_centre_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id}@{self.centre_id} ({self.status})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """A save that writes a fact of the file's next task writes the task with it."""
        fields = kwargs.get("update_fields")
        if fields is None or URGENCY_FACTS.intersection(fields):
            urgency_apply(self, timezone.localdate())
            kwargs["update_fields"] = urgency_fields_for(fields)
        super().save(*args, **kwargs)

    @property
    def is_obliged(self) -> bool:
        return self.obligation == Obligation.OBLIGATED and not self.voluntary


class PathwayEvent(models.Model):
    """Append-only timeline and audit of every change to a pathway: who, when, what, why."""

    pathway = models.ForeignKey(
        "pathways.Pathway",
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("pathway"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices)
    from_status = models.CharField(_("from"), max_length=16, blank=True)
    to_status = models.CharField(_("to"), max_length=16, blank=True)
    summary = models.CharField(_("what"), max_length=300)
    reason = models.TextField(_("why"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("pathway event")
        verbose_name_plural = _("pathway events")

    def __str__(self) -> str:
        return self.summary


class Referral(models.Model):
    pathway = models.ForeignKey(
        "pathways.Pathway",
        on_delete=models.CASCADE,
        related_name="referrals",
        verbose_name=_("pathway"),
    )
    commune = models.ForeignKey(
        "territory.Commune", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    source = models.CharField(_("source"), max_length=8, choices=ReferralSource.choices)
    referred_on = models.DateField(_("referred on"))
    note = models.TextField(_("note"), blank=True)
    batch = models.CharField(_("import batch"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-referred_on", "-id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")

    def __str__(self) -> str:
        return f"{self.source} {self.referred_on}"


class Decision(models.Model):
    """An outcome of the rules engine as stored: `DecisionRecord.to_dict()` plus the reason
    parameters, so it can be shown in plain words and replayed (rules.record.replay)."""

    pathway = models.ForeignKey(
        "pathways.Pathway",
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("pathway"),
    )
    rule = models.CharField(_("rule"), max_length=32)
    version = models.CharField(_("version"), max_length=16)
    regime = models.CharField(_("regime"), max_length=16)
    governing_date = models.DateField(_("governing date"))
    status = models.CharField(_("outcome"), max_length=16)
    reasons = models.JSONField(_("reasons"), default=list)
    deadlines = models.JSONField(_("deadlines"), default=dict)
    trace = models.JSONField(_("trace"), default=list)
    input = models.JSONField(_("facts used"), default=dict)
    competent_centre = models.CharField(_("competent centre"), max_length=16, blank=True)
    is_current = models.BooleanField(_("current"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["pathway", "rule"],
                condition=models.Q(is_current=True),
                name="one_current_decision_per_rule",
            )
        ]

    def __str__(self) -> str:
        return f"{self.rule}: {self.status}"


class Adjustment(models.Model):
    """Extension, suspension or force majeure: moves the legal clock (CWASS art. 152/7)."""

    pathway = models.ForeignKey(
        "pathways.Pathway",
        on_delete=models.CASCADE,
        related_name="adjustments",
        verbose_name=_("pathway"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=AdjustmentKind.choices)
    reason = models.TextField(_("reason"))
    starts_on = models.DateField(_("from"))
    months = models.PositiveSmallIntegerField(_("months"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_on", "id"]
        verbose_name = _("deadline adjustment")
        verbose_name_plural = _("deadline adjustments")

    def __str__(self) -> str:
        return f"{self.kind} {self.starts_on}"


class Waiver(models.Model):
    """A waiver ground with its evidence (CWASS art. 152/7; Code réglementaire art. 238)."""

    pathway = models.ForeignKey(
        "pathways.Pathway",
        on_delete=models.CASCADE,
        related_name="waivers",
        verbose_name=_("pathway"),
    )
    ground = models.CharField(_("ground"), max_length=64)
    evidence = models.TextField(_("evidence"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at"]
        verbose_name = _("waiver")
        verbose_name_plural = _("waivers")

    def __str__(self) -> str:
        return self.ground
