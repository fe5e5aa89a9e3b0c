"""Non-compliance of obliged people (CWASS art. 152/8): detection → reminder → formal notice
with a deadline to explain → sanction file for the Region. Not sanctionable when the Region
failed to organise the pathway. Volunteers are never concerned."""

import logging
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.core.bulk import values_insert
from parcours.core.dates import today
from parcours.core.errors import DomainError
from parcours.pathways import parameters
from parcours.pathways.enums import (
    ComplianceGround,
    ComplianceStage,
    EventKind,
    Recipient,
    SanctionDecision,
    Status,
)
from parcours.pathways.models import (
    DocumentKind,
    NonCompliance,
    Notification,
    Pathway,
    PathwayEvent,
)
from parcours.pathways.services.events import event_record
from parcours.pathways.services.status_owned import (
    pathway_transition_owned,
    pathways_transition_check,
    pathways_transition_owned,
)
from parcours.pathways.services.templates import document_issue
from parcours.training.ledger import waiting_excuse, waiting_excuses

logger = logging.getLogger(__name__)

_NEXT = {
    ComplianceStage.DETECTED: ComplianceStage.REMINDED,
    ComplianceStage.REMINDED: ComplianceStage.NOTICE,
    ComplianceStage.NOTICE: ComplianceStage.REPORTED,
}


@transaction.atomic
def noncompliance_open(
    *, pathway: Pathway, ground: ComplianceGround, on: date, reason: str, actor: User | None
) -> NonCompliance:
    """`actor` is None when the nightly sweep detects the case (`parcours sweep`)."""
    before = Pathway.objects.values_list("status", flat=True).get(pk=pathway.pk)
    pathway_transition_owned(
        pathway=pathway, to=Status.NON_COMPLIANT, actor=actor, on=on, reason=reason
    )
    case = NonCompliance.objects.create(
        pathway=pathway,
        ground=ground,
        detected_on=on,
        status_before=before,
        summary=reason.strip(),
        created_by=actor,
    )
    excuse = waiting_excuse(pathway=pathway, start=on, end=on)
    if excuse:  # on a partner's waiting list today: the Region's offer is lacking
        return noncompliance_not_sanctionable(case=case, on=on, reason=excuse, actor=actor)
    return case


@dataclass(frozen=True)
class Detected:
    """A case the nightly sweep opens: the file, its ground and the reason written."""

    pathway_id: int
    ground: ComplianceGround
    reason: str


@transaction.atomic
def noncompliance_open_many(*, cases: list[Detected], on: date) -> dict[int, ComplianceGround]:
    """`noncompliance_open` for the files the nightly sweep detected, in a fixed number of
    queries whatever their number. A file on a partner's waiting list that day gets its case
    closed at once as not sanctionable and keeps its status (the end state of
    `noncompliance_open`, without the two status changes); the others become non-compliant
    (`pathways_transition_owned`). Returns the ground of each case opened, by file; a file
    whose status may not change is logged (its primary key only) and left as it was. The
    cases and the events are written by COPY (`core.bulk.values_insert`): a first night opens
    them by the hundred thousand."""
    by_file = {case.pathway_id: case for case in cases}
    reasons = {pk: case.reason for pk, case in by_file.items()}
    # Every file of the set locked at once, in one ordered read (then written in two parts).
    checked = pathways_transition_check(reasons=reasons, to=Status.NON_COMPLIANT)
    for pk in checked.refused:
        logger.error("sweep: pathway %s could not be marked non-compliant", pk)
    excuses = waiting_excuses(pathway_ids=checked.before, start=on, end=on)
    excused = {pk: status for pk, status in checked.before.items() if pk in excuses}
    written = pathways_transition_owned(
        reasons={pk: reasons[pk] for pk in checked.before if pk not in excuses},
        to=Status.NON_COMPLIANT,
        actor=None,
        on=on,
        checked=checked,  # the rows read, checked and locked above: not again
    )
    Pathway.objects.filter(pk__any_of=excused).update(updated_at=timezone.now())
    # Plain rows, not instances (`core.bulk.values_insert`): the same fields in each.
    opened = [
        *(_case_row(by_file[pk], on, status) for pk, status in written.before.items()),
        *(_case_row(by_file[pk], on, status, closed=excuses[pk]) for pk, status in excused.items()),
    ]
    values_insert(NonCompliance, opened)
    summary = _("Detected by the nightly check and marked not sanctionable")
    values_insert(
        PathwayEvent,
        [
            {
                "pathway_id": pk,
                "kind": EventKind.COMPLIANCE,
                "summary": summary,
                "reason": f"{by_file[pk].reason} {excuses[pk]}",
            }
            for pk in excused
        ],
    )
    return {row["pathway_id"]: ComplianceGround(row["ground"]) for row in opened}


def _case_row(
    found: Detected, on: date, status_before: str, closed: str | None = None
) -> dict[str, Any]:
    """A case opened by the sweep as a row; `closed`: why it is not sanctionable (a waiting
    list), closed at once."""
    return {
        "pathway_id": found.pathway_id,
        "ground": found.ground,
        "detected_on": on,
        "status_before": status_before,
        "summary": found.reason.strip(),
        "stage": ComplianceStage.DETECTED if closed is None else ComplianceStage.CLOSED,
        "closed_on": None if closed is None else on,
        "not_sanctionable": closed is not None,
        "not_sanctionable_reason": closed or "",
    }


def _check_next(case: NonCompliance, to: ComplianceStage) -> None:
    if case.not_sanctionable or case.closed_on is not None:
        raise DomainError(_("This case is closed."))
    if _NEXT.get(ComplianceStage(case.stage)) != to:
        raise DomainError(_("This step does not follow the previous one."))


def _advance(case: NonCompliance, to: ComplianceStage) -> None:
    _check_next(case, to)
    case.stage = to


def sending_date_check(on: date, actor: User, backdated_because: str) -> str:
    """A letter that starts a legal delay is dated the day it leaves: an earlier date would
    shorten the person's delay. Only a coordinator records one, and says why."""
    if on >= today():
        return ""
    if actor.role != Role.COORDINATOR or not backdated_because.strip():
        raise DomainError(
            _(
                "A letter that starts a legal delay is dated the day it is sent: only a "
                "coordinator may record an earlier date, with the reason."
            )
        )
    return _("Sending date %(day)s recorded later: %(why)s") % {
        "day": _day(on),
        "why": backdated_because.strip(),
    }


def letter_reference(case: NonCompliance) -> str:
    return f"{case.pathway.centre.code}-{case.pathway_id}-S{case.pk}"


def _issue(case: NonCompliance, kind: DocumentKind, actor: User) -> None:
    centre = case.pathway.centre
    document_issue(kind=kind, reference=letter_reference(case), centre=centre, actor=actor)


@transaction.atomic
def noncompliance_remind(
    *, case: NonCompliance, on: date, actor: User, proof: str = "", backdated_because: str = ""
) -> NonCompliance:
    _check_next(case, ComplianceStage.REMINDED)
    why = sending_date_check(on, actor, backdated_because)
    _advance(case, ComplianceStage.REMINDED)
    case.reminder_on, case.reminder_proof = on, proof.strip()
    case.save(update_fields=["stage", "reminder_on", "reminder_proof"])
    _issue(case, DocumentKind.REMINDER, actor)
    event_record(
        pathway=case.pathway,
        kind=EventKind.COMPLIANCE,
        actor=actor,
        reason=why,
        summary=_("Reminder letter sent"),
    )
    return case


@transaction.atomic
def noncompliance_notice(
    *,
    case: NonCompliance,
    on: date,
    explain_by: date,
    actor: User,
    proof: str = "",
    backdated_because: str = "",
) -> NonCompliance:
    _check_next(case, ComplianceStage.NOTICE)
    why = sending_date_check(on, actor, backdated_because)
    if explain_by <= on:
        raise DomainError(_("The deadline to explain must be after the notice."))
    _advance(case, ComplianceStage.NOTICE)
    case.notice_on, case.explain_by, case.notice_proof = on, explain_by, proof.strip()
    case.save(update_fields=["stage", "notice_on", "explain_by", "notice_proof"])
    _issue(case, DocumentKind.NOTICE, actor)
    event_record(
        pathway=case.pathway,
        kind=EventKind.COMPLIANCE,
        actor=actor,
        reason=why,
        summary=_("Formal notice sent, explanation due by %(d)s") % {"d": explain_by},
    )
    return case


@transaction.atomic
def noncompliance_answer(
    *, case: NonCompliance, on: date, answer: str, actor: User
) -> NonCompliance:
    """The person's explanation after the formal notice, on the day it reached the centre."""
    if case.notice_on is None or case.stage != ComplianceStage.NOTICE:
        raise DomainError(_("An answer follows the formal notice, before the report."))
    if not answer.strip():
        raise DomainError(_("Write down what the person answered."))
    if on < case.notice_on or on > today():
        raise DomainError(_("The answer is received between the notice and today."))
    case.answered_on, case.answer = on, answer.strip()
    case.save(update_fields=["answered_on", "answer"])
    event_record(
        pathway=case.pathway,
        kind=EventKind.COMPLIANCE,
        actor=actor,
        reason=case.answer,
        summary=_("The person's answer to the formal notice recorded"),
    )
    return case


@transaction.atomic
def noncompliance_report(
    *, case: NonCompliance, on: date, summary: str, actor: User
) -> NonCompliance:
    if case.explain_by is not None and on <= case.explain_by:
        raise DomainError(_("Wait until the deadline to explain has passed."))
    excuse = waiting_excuse(pathway=case.pathway, start=case.detected_on, end=on)
    if excuse:  # waiting-list time within the case: not sanctionable for it
        raise DomainError(excuse)
    _advance(case, ComplianceStage.REPORTED)
    case.reported_on, case.summary = on, summary.strip() or case.summary
    case.save(update_fields=["stage", "reported_on", "summary"])
    pathway_transition_owned(
        pathway=case.pathway,
        to=Status.REPORTED,
        actor=actor,
        on=on,
        reason=_("Sanction file sent to the Region."),
    )
    return case


@transaction.atomic
def noncompliance_not_sanctionable(
    *, case: NonCompliance, on: date, reason: str, actor: User | None
) -> NonCompliance:
    """Art. 152/8: no sanction when the Region failed to offer a place (e.g. a waiting list)."""
    if not reason.strip():
        raise DomainError(_("Say how the Region failed to organise the pathway."))
    if case.stage == ComplianceStage.REPORTED:
        raise DomainError(_("This case was already reported."))
    case.not_sanctionable, case.not_sanctionable_reason = True, reason.strip()
    case.stage, case.closed_on = ComplianceStage.CLOSED, on
    case.save(update_fields=["not_sanctionable", "not_sanctionable_reason", "stage", "closed_on"])
    event_record(
        pathway=case.pathway,
        kind=EventKind.COMPLIANCE,
        actor=actor,
        reason=reason,
        summary=_("Marked not sanctionable"),
    )
    _resume(case, on, actor)
    return case


def fine_range(on: date) -> tuple[Decimal, Decimal]:
    """The fines the Region's sanctioning official may impose on `on` (rules parameters)."""
    low = parameters.number("fine_minimum", on)
    high = parameters.number("fine_maximum", on)
    return Decimal(low), Decimal(high)


def _day(on: date) -> str:
    return date_format(on, "d/m/Y")


@transaction.atomic
def noncompliance_decide(
    *,
    case: NonCompliance,
    decision: SanctionDecision,
    fine_amount: Decimal | None,
    decided_on: date,
    notified_on: date | None,
    actor: User,
) -> NonCompliance:
    """The Region's decision on a sanction file sent to it (CWASS art. 152/8): a fine within
    the range in force on the day of the decision, no fine, or the file dismissed."""
    case = NonCompliance.objects.select_for_update().get(pk=case.pk)
    if case.stage != ComplianceStage.REPORTED or case.reported_on is None:
        raise DomainError(_("Only a sanction file sent to the Region can be decided."))
    if case.decided_on is not None:
        raise DomainError(_("This sanction file was already decided."))
    if decided_on < case.reported_on:
        raise DomainError(
            _("The decision cannot be dated before the file was sent (%(d)s).")
            % {"d": _day(case.reported_on)}
        )
    if decided_on > today():
        raise DomainError(_("The decision cannot be dated in the future."))
    if notified_on is not None and notified_on < decided_on:
        raise DomainError(_("The notification cannot be dated before the decision."))
    if notified_on is not None and notified_on > today():
        raise DomainError(_("The notification cannot be dated in the future."))
    decision = SanctionDecision(decision)
    if decision == SanctionDecision.FINE:
        low, high = fine_range(decided_on)
        if fine_amount is None or not low <= fine_amount <= high:
            raise DomainError(
                _("The fine must be between %(low)s € and %(high)s € on %(d)s.")
                % {"low": low, "high": high, "d": _day(decided_on)}
            )
    elif fine_amount is not None:
        raise DomainError(_("A fine amount goes only with a decision to fine."))
    case.decision, case.fine_amount = decision, fine_amount
    case.decided_on, case.notified_on, case.decided_by = decided_on, notified_on, actor
    case.save(update_fields=["decision", "fine_amount", "decided_on", "notified_on", "decided_by"])
    summary = _("Decision of the Region: %(what)s") % {"what": decision.label}
    if fine_amount is not None:
        summary += f" ({fine_amount} €)"
    event_record(pathway=case.pathway, kind=EventKind.COMPLIANCE, actor=actor, summary=summary)
    return case


@transaction.atomic
def noncompliance_appeal(
    *, case: NonCompliance, lodged_on: date, outcome: str, actor: User
) -> NonCompliance:
    """The person's appeal against the Region's decision; the outcome may follow later."""
    case = NonCompliance.objects.select_for_update().get(pk=case.pk)
    if case.decided_on is None:
        raise DomainError(_("Record the decision before the appeal."))
    if lodged_on < (case.notified_on or case.decided_on):
        raise DomainError(_("The appeal cannot be dated before the decision was notified."))
    if lodged_on > today():
        raise DomainError(_("The appeal cannot be dated in the future."))
    case.appeal_lodged_on, case.appeal_outcome = lodged_on, outcome.strip()
    case.save(update_fields=["appeal_lodged_on", "appeal_outcome"])
    event_record(
        pathway=case.pathway,
        kind=EventKind.COMPLIANCE,
        actor=actor,
        reason=case.appeal_outcome,
        summary=_("Appeal against the decision lodged on %(d)s") % {"d": _day(lodged_on)},
    )
    return case


def _resume(case: NonCompliance, on: date, actor: User | None) -> None:
    """No sanction, so no non-compliance: the person goes back where they were."""
    pathway = Pathway.objects.get(pk=case.pathway_id)
    if pathway.status != Status.NON_COMPLIANT:
        return
    others = NonCompliance.objects.filter(
        pathway_id=case.pathway_id, closed_on__isnull=True
    ).exclude(pk=case.pk)
    if others.exists():
        return  # another case still open keeps the person non-compliant
    before = Status(case.status_before) if case.status_before else _status_before(pathway)
    pathway_transition_owned(
        pathway=pathway,
        to=before,
        actor=actor,
        on=on,
        reason=_("Not sanctionable: back to the status before the case."),
    )


def _status_before(pathway: Pathway) -> Status:
    """Cases opened before `status_before` was kept: read it from the timeline."""
    event = pathway.events.filter(to_status=Status.NON_COMPLIANT).order_by("-id").first()
    found = event.from_status if event is not None and event.from_status else Status.WELCOME
    return Status(found)


@transaction.atomic
def notification_record(
    *, pathway: Pathway, recipient: Recipient, what: str, sent_on: date, actor: User
) -> Notification:
    """The centre tells the commune and the CPAS whether the person follows the pathway. A
    notice to the commune reaches the inbox of the person's commune (`commune_inbox`)."""
    if not what.strip():
        raise DomainError(_("Say what was sent."))
    commune = pathway.person.commune if recipient == Recipient.COMMUNE else None
    note = Notification.objects.create(
        pathway=pathway,
        recipient=recipient,
        commune=commune,
        what=what.strip(),
        sent_on=sent_on,
        sent_by=actor,
    )
    event_record(
        pathway=pathway,
        kind=EventKind.NOTIFICATION,
        actor=actor,
        summary=_("%(to)s informed: %(what)s") % {"to": Recipient(recipient).label, "what": what},
    )
    return note
