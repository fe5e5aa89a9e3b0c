"""Follow-up: training hours, evaluations every `evaluation_interval` months with the topics
the law names, convocations, and extensions through the rules engine (CWASS art. 152)."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from parcours.accounts.models import User
from parcours.core.dates import today
from parcours.core.errors import DomainError
from parcours.notifications.outbox import Attachment, email_enqueue
from parcours.pathways import parameters
from parcours.pathways.documents import render_pdf
from parcours.pathways.enums import AdjustmentKind, EventKind
from parcours.pathways.facts import pathway_dates
from parcours.pathways.loading import reload
from parcours.pathways.models import Adjustment, Convocation, DocumentKind, Evaluation, Pathway
from parcours.pathways.services.agreement import agreement_extend
from parcours.pathways.services.clock import pathway_refresh
from parcours.pathways.services.compliance import sending_date_check
from parcours.pathways.services.events import event_record
from parcours.pathways.services.guards import dates_in_calendar, require_followed
from parcours.pathways.services.templates import document_issue, document_template_context
from parcours.rules import ExtensionLimitExceeded, legal_clock
from parcours.territory.selectors import centre_address


@dataclass(frozen=True)
class EvaluationInput:
    held_on: date
    access_to_training: str
    attendance: str
    absence_reasons: str = ""
    agreed_changes: str = ""
    french_level: str = ""
    extension_months: int | None = None
    extension_reason: str = ""


def _check_extension(pathway: Pathway, data: EvaluationInput) -> None:
    """The rules engine refuses an extension past `certificate_delay_extended_maximum`."""
    dates = pathway_dates(reload(pathway))
    if dates is None or dates.agreement_signed_on is None:
        raise DomainError(_("An extension needs the registration and permit dates."))
    try:
        legal_clock(dates, on=dates.agreement_signed_on)
    except ExtensionLimitExceeded as error:
        raise DomainError(
            _("This extension goes past the longest deadline the decree allows (%(limit)s).")
            % {"limit": error.limit.isoformat()}
        ) from None


def _check_months(data: EvaluationInput) -> None:
    if data.extension_months is None:
        return
    most = parameters.number("certificate_delay_extended_maximum", data.held_on)
    if not 0 < data.extension_months <= most:
        raise DomainError(
            _("An extension is of 1 to %(n)s months (the longest delay the decree allows).")
            % {"n": most}
        )


def _extend(pathway: Pathway, data: EvaluationInput, actor: User) -> None:
    if not data.extension_reason.strip():
        raise DomainError(_("Say why the extension is needed."))
    months = data.extension_months or 0
    Adjustment.objects.create(
        pathway=pathway,
        kind=AdjustmentKind.EXTENSION,
        months=months,
        reason=data.extension_reason,
        starts_on=data.held_on,
        granted_by=actor,
    )
    _check_extension(pathway, data)
    agreement_extend(
        pathway=pathway, months=months, on=data.held_on, reason=data.extension_reason, actor=actor
    )


@dates_in_calendar
@transaction.atomic
def evaluation_record(*, pathway: Pathway, data: EvaluationInput, actor: User) -> Evaluation:
    require_followed(pathway)
    if not data.access_to_training.strip() or not data.attendance.strip():
        raise DomainError(_("Record the access to the trainings and the attendance."))
    _check_months(data)
    evaluation = Evaluation.objects.create(
        pathway=pathway,
        held_on=data.held_on,
        access_to_training=data.access_to_training,
        attendance=data.attendance,
        absence_reasons=data.absence_reasons,
        agreed_changes=data.agreed_changes,
        french_level=data.french_level,
        extension_months=data.extension_months,
        extension_reason=data.extension_reason,
        held_by=actor,
    )
    document_issue(
        kind=DocumentKind.EVALUATION,
        reference=evaluation_reference(evaluation),
        centre=pathway.centre,
        actor=actor,
    )
    if data.extension_months:
        _extend(pathway, data, actor)
    event_record(
        pathway=pathway,
        kind=EventKind.EVALUATION,
        actor=actor,
        summary=_("Evaluation held on %(on)s") % {"on": data.held_on.isoformat()},
    )
    pathway_refresh(pathway=pathway)
    return evaluation


def convocation_reference(convocation: Convocation) -> str:
    return f"{convocation.pathway.centre.code}-{convocation.pathway_id}-C{convocation.pk}"


def evaluation_reference(evaluation: Evaluation) -> str:
    return f"{evaluation.pathway.centre.code}-{evaluation.pathway_id}-E{evaluation.pk}"


def convocation_pdf(convocation: Convocation) -> bytes:
    pathway = convocation.pathway
    reference = convocation_reference(convocation)
    kind = DocumentKind.CONVOCATION
    context = document_template_context(kind=kind, reference=reference, centre=pathway.centre)
    context |= {
        "convocation": convocation,
        "person": pathway.person,
        "centre": pathway.centre,
        "address": centre_address(pathway.centre),
        "letter_reference": reference,
        "signatory": convocation.created_by,
    }
    return convocation_render(context, pathway.person.letter_language, reference=reference)


def convocation_render(
    context: dict[str, Any], language: str, *, reference: str, specimen: bool = False
) -> bytes:
    """The one layout of the convocation, for a sent one and for a template's preview."""
    title = "Convocation à un entretien d'évaluation"
    return render_pdf(
        "documents/convocation.html",
        context,
        language,
        title=title,
        reference=reference,
        specimen=specimen,
    )


def evaluation_pdf(evaluation: Evaluation) -> bytes:
    """The report the person takes home, in French and in their language: the topics the
    law names (CWASS art. 152), what was agreed, and the next date."""
    pathway = evaluation.pathway
    reference = evaluation_reference(evaluation)
    kind = DocumentKind.EVALUATION
    context = document_template_context(kind=kind, reference=reference, centre=pathway.centre)
    context |= {
        "evaluation": evaluation,
        "pathway": pathway,
        "person": pathway.person,
        "centre": pathway.centre,
        "address": centre_address(pathway.centre),
        "signatory": evaluation.held_by,
        "reference": reference,
        "evaluation_months": parameters.number("evaluation_interval", evaluation.held_on),
    }
    return evaluation_render(context, pathway.person.letter_language, reference=reference)


def evaluation_render(
    context: dict[str, Any], language: str, *, reference: str, specimen: bool = False
) -> bytes:
    """The one layout of the evaluation report, for a held interview and for a preview."""
    title = "Rapport d'entretien d'évaluation"
    return render_pdf(
        "documents/evaluation_report.html",
        context,
        language,
        title=title,
        reference=reference,
        specimen=specimen,
    )


@transaction.atomic
def convocation_send(
    *,
    pathway: Pathway,
    meeting_at: datetime,
    place: str,
    actor: User,
    sent_on: date | None = None,
    backdated_because: str = "",
) -> Convocation:
    """Convened by registered letter (the PDF) or electronically when we have an e-mail.
    The convocation starts the delay to the interview: like the compliance letters, it is
    dated the day it leaves unless a coordinator records an earlier date and why."""
    require_followed(pathway)
    sent_on = sent_on or today()
    why = sending_date_check(sent_on, actor, backdated_because)
    if meeting_at.date() <= sent_on:
        raise DomainError(_("The interview must come after the convocation is sent."))
    person = pathway.person
    convocation = Convocation.objects.create(
        pathway=pathway,
        meeting_at=meeting_at,
        place=place,
        sent_on=sent_on,
        emailed=bool(person.email),
        created_by=actor,
    )
    document_issue(
        kind=DocumentKind.CONVOCATION,
        reference=convocation_reference(convocation),
        centre=pathway.centre,
        actor=actor,
    )
    if person.email:
        email_enqueue(
            subject=str(_("Convocation to your evaluation interview")),
            body=_("Please find attached your convocation from %(centre)s.")
            % {"centre": pathway.centre.name},
            to=[person.email],
            attachments=(
                Attachment("convocation.pdf", convocation_pdf(convocation), "application/pdf"),
            ),
        )
    event_record(
        pathway=pathway,
        kind=EventKind.EVALUATION,
        actor=actor,
        summary=_("Convened to an evaluation interview"),
        reason=why,
    )
    return convocation
