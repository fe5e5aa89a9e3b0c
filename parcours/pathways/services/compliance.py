"""Non-compliance of obliged people (CWASS art. 152/8): detection → reminder → formal notice
with a deadline to explain → sanction file for the Region. Not sanctionable when the Region
failed to organise the pathway. Volunteers are never concerned."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from parcours.accounts.models import User
from parcours.core.errors import DomainError
from parcours.pathways.enums import ComplianceGround, ComplianceStage, EventKind, Recipient, Status
from parcours.pathways.models import NonCompliance, Notification, Pathway
from parcours.pathways.services.events import event_record
from parcours.pathways.services.status_owned import pathway_transition_owned
from parcours.training.ledger import waiting_excuse

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


def _advance(case: NonCompliance, to: ComplianceStage) -> None:
    if case.not_sanctionable or case.closed_on is not None:
        raise DomainError(_("This case is closed."))
    if _NEXT.get(ComplianceStage(case.stage)) != to:
        raise DomainError(_("This step does not follow the previous one."))
    case.stage = to


@transaction.atomic
def noncompliance_remind(*, case: NonCompliance, on: date, actor: User) -> NonCompliance:
    _advance(case, ComplianceStage.REMINDED)
    case.reminder_on = on
    case.save(update_fields=["stage", "reminder_on"])
    event_record(
        pathway=case.pathway,
        kind=EventKind.COMPLIANCE,
        actor=actor,
        summary=_("Reminder letter sent"),
    )
    return case


@transaction.atomic
def noncompliance_notice(
    *, case: NonCompliance, on: date, explain_by: date, actor: User
) -> NonCompliance:
    if explain_by <= on:
        raise DomainError(_("The deadline to explain must be after the notice."))
    _advance(case, ComplianceStage.NOTICE)
    case.notice_on, case.explain_by = on, explain_by
    case.save(update_fields=["stage", "notice_on", "explain_by"])
    event_record(
        pathway=case.pathway,
        kind=EventKind.COMPLIANCE,
        actor=actor,
        summary=_("Formal notice sent, explanation due by %(d)s") % {"d": explain_by},
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
    """The centre tells the commune and the CPAS whether the person follows the pathway."""
    if not what.strip():
        raise DomainError(_("Say what was sent."))
    note = Notification.objects.create(
        pathway=pathway, recipient=recipient, what=what.strip(), sent_on=sent_on, sent_by=actor
    )
    event_record(
        pathway=pathway,
        kind=EventKind.NOTIFICATION,
        actor=actor,
        summary=_("%(to)s informed: %(what)s") % {"to": Recipient(recipient).label, "what": what},
    )
    return note
