"""What the agreement document shows, gathered across the domains: the tracks with their
minimum hours and time limits, the partner and offer chosen for each (or "to be found"),
the objectives agreed in the social assessment with its structured answers (schooling,
diplomas, employment, housing, family — never the health needs, special-category data kept
on their audited page), the evaluation rhythm, and the interpreter who took part, so that
the PDF has a signature block for them."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

from parcours.accounts.models import User
from parcours.appointments.enums import AppointmentStatus, InterpreterStatus
from parcours.appointments.models import Appointment, InterpreterRequest
from parcours.pathways import parameters
from parcours.pathways.assessment import STRUCTURED
from parcours.pathways.documents import render_pdf
from parcours.pathways.enums import Obligation
from parcours.pathways.explain import reason_text, stored_reasons
from parcours.pathways.facts import current_agreement
from parcours.pathways.models import Agreement, Decision, DocumentKind, NonCompliance
from parcours.pathways.selectors import sanction_file_context
from parcours.pathways.services.compliance import fine_range, letter_reference
from parcours.pathways.services.templates import document_issue, document_template_context
from parcours.rules.dates import add_months
from parcours.territory.selectors import centre_address
from parcours.training.enums import ACTIVE_STATUSES, Track
from parcours.training.ledger import current_attendance, hours_by_track
from parcours.training.models import Enrolment

_OBJECTIVES = ("languages", "training_wishes", "experience", "administrative_needs")


@dataclass(frozen=True)
class AgreementTrack:
    label: Promise | str
    hours: int
    limit_months: int | None
    due_on: date | None
    offers: list[str]


def _offers(agreement: Agreement) -> dict[str, list[str]]:
    chosen: dict[str, list[str]] = {}
    enrolments = Enrolment.objects.filter(pathway=agreement.pathway, status__in=ACTIVE_STATUSES)
    for e in enrolments.select_related("offer__partner").order_by("id"):
        chosen.setdefault(e.track, []).append(f"{e.offer.partner.name} — {e.offer.title}")
    return chosen


def agreement_tracks(agreement: Agreement) -> list[AgreementTrack]:
    """The offer chosen on the generation form first, then the enrolments since."""
    return agreement_rows(agreement, _offers(agreement))


def agreement_rows(agreement: Agreement, offers: dict[str, list[str]]) -> list[AgreementTrack]:
    """Each track's row from the agreement's own terms, with the offers enrolled in."""
    for track, chosen in agreement.offers.items():
        name = str(chosen.get("label", ""))
        if name and name not in offers.get(track, []):
            offers.setdefault(track, []).insert(0, name)
    start = agreement.signed_on or agreement.starts_on
    rows = []
    for track, hours in agreement.minimum_hours.items():
        months = agreement.time_limits.get(track)
        due = min(add_months(start, int(months)), agreement.ends_on) if months else None
        label = Track(track).label
        rows.append(AgreementTrack(label, int(hours), months, due, offers.get(track, [])))
    return rows


def agreement_objectives(agreement: Agreement) -> list[tuple[Promise | str, str]]:
    assessment = getattr(agreement.pathway, "assessment", None)
    if assessment is None:
        return []
    fields = [assessment._meta.get_field(name) for name in _OBJECTIVES]
    return [
        (f.verbose_name, getattr(assessment, f.name)) for f in fields if getattr(assessment, f.name)
    ]


def agreement_situation(agreement: Agreement) -> list[tuple[Promise | str, Promise | str]]:
    """The structured answers given, as (question, answer) with lazy labels, so that each
    language part of the document prints them in its language."""
    assessment = getattr(agreement.pathway, "assessment", None)
    if assessment is None:
        return []
    rows: list[tuple[Promise | str, Promise | str]] = []
    for name, choices in STRUCTURED.items():
        value = getattr(assessment, name)
        if value in choices.values:
            rows.append((assessment._meta.get_field(name).verbose_name, choices(value).label))
    if assessment.children_count is not None:
        label = assessment._meta.get_field("children_count").verbose_name
        rows.append((label, str(assessment.children_count)))
    return rows


def agreement_interpreter(agreement: Agreement) -> InterpreterRequest | None:
    """The interpreter of the person's last appointment up to the agreement, when one came."""
    requests = InterpreterRequest.objects.filter(
        appointment__person=agreement.pathway.person,
        appointment__starts_at__date__lte=agreement.signed_on or agreement.starts_on,
        status__in=(InterpreterStatus.CONFIRMED, InterpreterStatus.DONE),
    )
    return (
        requests.select_related("interpreter", "provider")
        .order_by("-appointment__starts_at")
        .first()
    )


def agreement_context(agreement: Agreement) -> dict[str, Any]:
    pathway = agreement.pathway
    return {
        "agreement": agreement,
        "person": pathway.person,
        "pathway": pathway,
        "centre": pathway.centre,
        "address": centre_address(pathway.centre),
        "rows": agreement_tracks(agreement),
        "objectives": agreement_objectives(agreement),
        "situation": agreement_situation(agreement),
        "interpreter": agreement_interpreter(agreement),
        "versions": list(pathway.agreements.order_by("version")),
        "evaluation_months": parameters.number("evaluation_interval", agreement.starts_on),
    }


def agreement_reference(agreement: Agreement) -> str:
    return f"{agreement.pathway.centre.code}-{agreement.pathway_id}-v{agreement.version}"


def agreement_pdf(agreement: Agreement) -> bytes:
    pathway = agreement.pathway
    reference = agreement_reference(agreement)
    kind = DocumentKind.AGREEMENT
    context = document_template_context(kind=kind, reference=reference, centre=pathway.centre)
    context |= agreement_context(agreement)
    return agreement_render(context, pathway.person.letter_language, reference=reference)


def agreement_render(
    context: dict[str, Any], language: str, *, reference: str, specimen: bool = False
) -> bytes:
    """The one layout of the agreement, for a file's and for a template's preview."""
    return render_pdf(
        "documents/agreement.html",
        context,
        language,
        title="Convention du parcours d'intégration",
        reference=reference,
        specimen=specimen,
    )


def compliance_letter_pdf(case: NonCompliance, signatory: User) -> bytes:
    """The reminder or the formal notice, with the template version it was sent with."""
    pathway = case.pathway
    reference = letter_reference(case)
    reminder = case.stage == "reminded"
    kind = DocumentKind.REMINDER if reminder else DocumentKind.NOTICE
    context = document_template_context(kind=kind, reference=reference, centre=pathway.centre)
    context |= sanction_file_context(case) | {
        "address": centre_address(pathway.centre),
        "letter_reference": reference,
        "signatory": signatory,
    }
    return compliance_letter_render(context, pathway.person.letter_language, reference=reference)


def compliance_letter_render(
    context: dict[str, Any], language: str, *, reference: str, specimen: bool = False
) -> bytes:
    """The one layout of the reminder and the formal notice (`context["case"].stage`)."""
    return render_pdf(
        "documents/compliance_letter.html",
        context,
        language,
        title="Rappel" if context["case"].stage == "reminded" else "Mise en demeure",
        reference=reference,
        specimen=specimen,
    )


_reason_text = lazy(reason_text, str)


def decision_letter_pdf(decision: Decision, actor: User) -> bytes:
    """The obligation decision told to the person: the outcome, every reason with its legal
    basis, and what follows. Recorded as issued the first time it is printed."""
    pathway = decision.pathway
    reference = f"{pathway.centre.code}-{pathway.pk}-D{decision.pk}"
    kind = DocumentKind.DECISION
    document_issue(kind=kind, reference=reference, centre=pathway.centre, actor=actor)
    context = document_template_context(kind=kind, reference=reference, centre=pathway.centre)
    context |= {
        "decision": decision,
        "outcome": dict(Obligation.choices).get(decision.status, decision.status),
        "reasons": [
            {"text": _reason_text(r["code"], r["params"]), "legal_basis": r["legal_basis"]}
            for r in decision.reasons
        ],
        "pathway": pathway,
        "person": pathway.person,
        "centre": pathway.centre,
        "address": centre_address(pathway.centre),
        "letter_reference": reference,
        "letter_date": decision.created_at,
        "signatory": decision.created_by or actor,
    }
    return decision_letter_render(context, pathway.person.letter_language, reference=reference)


def decision_letter_render(
    context: dict[str, Any], language: str, *, reference: str, specimen: bool = False
) -> bytes:
    """The one layout of the decision letter, for a file's and for a template's preview."""
    return render_pdf(
        "documents/decision_letter.html",
        context,
        language,
        title="Décision relative au parcours d'intégration",
        reference=reference,
        specimen=specimen,
    )


@dataclass(frozen=True)
class Step:
    on: date | None
    what: Promise | str
    proof: str = ""


def sanction_chronology(case: NonCompliance) -> list[Step]:
    """Each step on the day it happened (the letters' sending dates, the deadline, the
    answer), not on the day it was typed in."""
    steps = [
        Step(case.pathway.referred_on, _("Referred to the centre")),
        Step(case.pathway.agreed_on, _("Agreement signed")),
        Step(case.detected_on, _("Breach detected")),
        Step(case.reminder_on, _("Reminder letter sent"), case.reminder_proof),
        Step(case.notice_on, _("Formal notice sent"), case.notice_proof),
        Step(case.explain_by, _("Deadline to explain")),
        Step(case.answered_on, _("The person's answer received")),
        Step(case.reported_on, _("Sanction file sent to the Region")),
    ]
    known = [step for step in steps if step.on is not None]
    return sorted(known, key=lambda step: step.on or date.min)


def sanction_file_document(case: NonCompliance) -> dict[str, Any]:
    pathway = case.pathway
    agreement = current_agreement(pathway)
    on = case.reported_on or case.detected_on
    low, high = fine_range(on)
    decision = pathway.decisions.filter(rule="obligation", is_current=True).first()
    attendance = current_attendance().filter(enrolment__pathway=pathway)
    no_shows = Appointment.objects.filter(person=pathway.person, status=AppointmentStatus.NO_SHOW)
    return sanction_file_context(case) | {
        "pathway": pathway,
        "address": centre_address(pathway.centre),
        "decision": decision,
        "decision_status": dict(Obligation.choices).get(decision.status, "") if decision else "",
        "decision_reasons": stored_reasons(decision.reasons) if decision else [],
        "agreement": agreement,
        "rows": agreement_tracks(agreement) if agreement else [],
        "chronology": sanction_chronology(case),
        "fine_low": low,
        "fine_high": high,
        "hours": [(Track(t).label, done) for t, done in hours_by_track(pathway).items()],
        "attendance": list(attendance.select_related("enrolment__offer").order_by("attended_on")),
        "no_shows": list(no_shows.select_related("kind", "office").order_by("starts_at")),
    }


def sanction_file_pdf(case: NonCompliance) -> bytes:
    pathway = case.pathway
    return render_pdf(
        "documents/sanction_file.html",
        sanction_file_document(case),
        title="Dossier de sanction",
        reference=f"{pathway.centre.code}-{pathway.pk}-S{case.pk}",
        archival=True,
    )
