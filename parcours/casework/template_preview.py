"""A centre's template version on a fictitious person, so that a coordinator sees the
letterhead and the free paragraphs in place before a real letter leaves. Nothing is saved:
the sample objects live in memory only."""

from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parcours.core.dates import today
from parcours.pathways.documents import render_pdf, template_context
from parcours.pathways.enums import ComplianceGround
from parcours.pathways.models import Convocation, Decision, DocumentKind, NonCompliance, Pathway
from parcours.pathways.services.templates import template_current
from parcours.people.models import Person
from parcours.territory.models import Centre
from parcours.territory.selectors import centre_address

REFERENCE = "EXEMPLE"
_LETTERS = {
    DocumentKind.CONVOCATION: "documents/convocation.html",
    DocumentKind.REMINDER: "documents/compliance_letter.html",
    DocumentKind.NOTICE: "documents/compliance_letter.html",
    DocumentKind.DECISION: "documents/decision_letter.html",
}


def _person(centre: Centre) -> Person:
    return Person(
        given_names="Amira",
        family_name="Exemple",
        birth_date=date(1990, 5, 1),
        birth_place="Alep",
        street="Rue de l'Exemple 1",
        commune=centre.seat_commune,
    )


def _sample(kind: DocumentKind, on: date) -> dict[str, Any]:
    meeting = timezone.make_aware(datetime.combine(on + timedelta(days=14), time(10)))
    case = NonCompliance(
        stage="reminded" if kind == DocumentKind.REMINDER else "notice",
        ground=ComplianceGround.EVALUATION_MISSED,
        detected_on=on,
        reminder_on=on,
        notice_on=on,
        explain_by=on + timedelta(days=15),
    )
    decision = Decision(status="obligated", governing_date=on, reasons=[])
    return {
        "convocation": Convocation(meeting_at=meeting, place=str(_("At the centre")), sent_on=on),
        "case": case,
        "decision": decision,
        "outcome": _("Obliged"),
        "reasons": [],
        "pathway": Pathway(certificate_by=on + timedelta(days=540)),
        "letter_date": on,
        "kind_label": kind.label,
    }


def template_preview_pdf(*, centre: Centre, kind: DocumentKind, language: str) -> bytes:
    context = template_context(template_current(centre), kind) | _sample(kind, today())
    context |= {
        "person": _person(centre),
        "centre": centre,
        "address": centre_address(centre),
        "letter_reference": REFERENCE,
        "signatory": None,
    }
    page = _LETTERS.get(kind, "documents/template_sample.html")
    return render_pdf(page, context, language, title=str(kind.label), reference=REFERENCE)
