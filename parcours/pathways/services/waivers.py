"""Waivers proved with evidence (CWASS art. 152/7; Code réglementaire art. 238 ff.) and the
clock adjustments a worker records: suspension and force majeure (extensions are granted at
an evaluation). Each recomputes what depends on it, and writes to the timeline."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from parcours.accounts.models import User
from parcours.core.errors import DomainError
from parcours.pathways import parameters
from parcours.pathways.enums import AdjustmentKind, EventKind
from parcours.pathways.explain import reason_text
from parcours.pathways.loading import reload
from parcours.pathways.models import Adjustment, Pathway, Waiver
from parcours.pathways.services.clock import clock_outcome, pathway_refresh
from parcours.pathways.services.decisions import decision_compute
from parcours.pathways.services.events import event_record
from parcours.pathways.services.guards import dates_in_calendar, require_open
from parcours.rules import RulesError

CLOCK_ADJUSTMENTS = (AdjustmentKind.SUSPENSION, AdjustmentKind.FORCE_MAJEURE)


def waiver_grounds(on: date) -> list[tuple[str, str]]:
    """The grounds proved with evidence in force on that day, in plain words."""
    try:
        codes = parameters.codes("waiver_grounds", on)
    except RulesError:
        return []
    return [(code, reason_text(code, staff=True)) for code in codes]


def _recompute(pathway: Pathway, actor: User) -> None:
    decision_compute(pathway=pathway, actor=actor)
    pathway_refresh(pathway=pathway)


@transaction.atomic
def waiver_record(*, pathway: Pathway, ground: str, evidence: str, actor: User) -> Waiver:
    require_open(pathway)
    if ground not in dict(waiver_grounds(pathway.referred_on)):
        raise DomainError(_("This waiver ground is not in force for this file."))
    if not evidence.strip():
        raise DomainError(_("Describe the evidence of the waiver."))
    if pathway.waivers.filter(ground=ground).exists():
        raise DomainError(_("This waiver is already recorded."))
    waiver = Waiver.objects.create(
        pathway=pathway, ground=ground, evidence=evidence.strip(), recorded_by=actor
    )
    event_record(
        pathway=pathway,
        kind=EventKind.DECISION,
        actor=actor,
        reason=evidence.strip(),
        summary=_("Waiver recorded: %(ground)s") % {"ground": reason_text(ground, staff=True)},
    )
    _recompute(pathway, actor)
    return waiver


@transaction.atomic
def waiver_withdraw(*, waiver: Waiver, reason: str, actor: User) -> None:
    """The waiver row goes; the timeline keeps its ground, evidence and why it was withdrawn."""
    pathway = waiver.pathway
    require_open(pathway)
    if not reason.strip():
        raise DomainError(_("Say why the waiver is withdrawn."))
    event_record(
        pathway=pathway,
        kind=EventKind.DECISION,
        actor=actor,
        reason=_("%(why)s (evidence was: %(evidence)s)")
        % {"why": reason.strip(), "evidence": waiver.evidence},
        summary=_("Waiver withdrawn: %(ground)s")
        % {"ground": reason_text(waiver.ground, staff=True)},
    )
    waiver.delete()
    _recompute(pathway, actor)


@dates_in_calendar
@transaction.atomic
def adjustment_record(
    *,
    pathway: Pathway,
    kind: AdjustmentKind,
    starts_on: date,
    until: date,
    reason: str,
    actor: User,
) -> Adjustment:
    """A suspension stops every running clock; force majeure moves the presentation
    deadline (CWASS art. 152/7, § 1er): both by the days of the period (rules.deadlines)."""
    require_open(pathway)
    if kind not in CLOCK_ADJUSTMENTS:
        raise DomainError(_("An extension is granted at an evaluation interview."))
    if until < starts_on:
        raise DomainError(_("The period ends before it starts."))
    if not reason.strip():
        raise DomainError(_("Say why, and what proves it."))
    adjustment = Adjustment.objects.create(
        pathway=pathway,
        kind=kind,
        reason=reason.strip(),
        starts_on=starts_on,
        until=until,
        granted_by=actor,
    )
    _check_clock(pathway)
    event_record(
        pathway=pathway,
        kind=EventKind.ADJUSTMENT,
        actor=actor,
        reason=reason.strip(),
        summary=_("%(kind)s from %(start)s to %(end)s")
        % {
            "kind": AdjustmentKind(kind).label,
            "start": starts_on.strftime("%d/%m/%Y"),
            "end": until.strftime("%d/%m/%Y"),
        },
    )
    pathway_refresh(pathway=pathway)
    return adjustment


def _check_clock(pathway: Pathway) -> None:
    """The rules engine must still compute the clock with the new period."""
    try:
        clock_outcome(reload(pathway), strict=True)
    except RulesError as error:
        raise DomainError(
            _("The legal clock refuses this period: %(error)s") % {"error": error}
        ) from None
