"""A centre's template (the current version, or edits not saved yet) on a sample file, so
that a coordinator sees each document as it will leave before a real one does.

Each kind goes through the same render function as the issued document, with a context of
the same shape built from objects that live in memory only (nothing is saved, no real
person's data is read) and the specimen mark on every page. The sample certificate's number
and verification code are of a form the service never issues, so they never verify."""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.appointments.enums import KindCode
from parcours.appointments.models import Appointment, AppointmentKind
from parcours.appointments.services.invitations import invitation_letters_render
from parcours.appointments.services.messages import manage_url
from parcours.casework.documents import (
    agreement_objectives,
    agreement_render,
    agreement_rows,
    compliance_letter_render,
    decision_letter_render,
)
from parcours.certificates.documents import (
    CompletedTrack,
    certificate_render,
    verify_lines,
    verify_qr,
)
from parcours.certificates.models import Certificate
from parcours.core.dates import today
from parcours.pathways import parameters
from parcours.pathways.documents import template_context
from parcours.pathways.enums import AgreementKind, ComplianceGround, Obligation
from parcours.pathways.explain import reason_text
from parcours.pathways.models import (
    Agreement,
    Convocation,
    Decision,
    DocumentKind,
    DocumentTemplate,
    Evaluation,
    NonCompliance,
    Pathway,
    SocialAssessment,
)
from parcours.pathways.services.agreement import agreement_end, agreement_terms
from parcours.pathways.services.followup import convocation_render, evaluation_render
from parcours.people.enums import CefrLevel
from parcours.people.models import Person
from parcours.rules import REASONS
from parcours.territory.models import Centre, Office
from parcours.territory.selectors import centre_address
from parcours.training.enums import Track

REFERENCE = "EXEMPLE"
# Issued numbers are CODE-YEAR-SEQUENCE with a year and a sequence from 1; codes are 32
# characters of a random token. Neither of these can ever be issued.
SAMPLE_NUMBER = "EXEMPLE-0000-00000"
SAMPLE_CODE = "SPECIMEN"
_TRACKS = ["citizenship", "french", "job_orientation"]
_reason_text = lazy(reason_text, str)

Sample = dict[str, Any]


def _person(centre: Centre, language: str) -> Person:
    seat = centre.seat_commune
    office = centre_address(centre)  # a postal code of the seat commune, when it has an office
    postal_code = office.postal_code if office and office.commune_id == seat.pk else ""
    return Person(
        given_names="Exemple",
        family_name="Exemple",
        birth_date=date(1990, 1, 1),
        birth_place="Exempleville",
        nationalities=["SY"],
        street="Rue de l'Exemple 1",
        postal_code=postal_code,
        commune=seat,
        letter_language=language,
    )


def _signatory() -> User:
    return User(full_name="Agent EXEMPLE", role=Role.AGENT)


def _pathway(centre: Centre, person: Person, on: date) -> Pathway:
    return Pathway(
        id=0,
        centre=centre,
        person=person,
        referred_on=on - timedelta(days=60),
        module_done_on=on - timedelta(days=20),
        next_evaluation_by=on + timedelta(days=180),
        certificate_by=on + timedelta(days=540),
    )


def _base(centre: Centre, template: DocumentTemplate | None, kind: DocumentKind) -> Sample:
    return template_context(template, kind) | {
        "centre": centre,
        "address": centre_address(centre),
        "letter_reference": REFERENCE,
        "signatory": _signatory(),
    }


def _invitation(context: Sample, on: date, language: str, _verify: str) -> bytes:
    starts = timezone.make_aware(datetime.combine(on + timedelta(days=10), time(9, 30)))
    office = context["address"] or Office(name=context["centre"].name)
    link = manage_url(SAMPLE_CODE, language)
    context |= {
        "appointment": Appointment(
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
            kind=AppointmentKind(code=KindCode.FIRST_WELCOME, default_minutes=60),
            office=office,
        ),
        "link": link,
        "qr": verify_qr(link),
        "issued_on": on,
    }
    return invitation_letters_render([(context, language)], specimen=True)


def _convocation(context: Sample, on: date, language: str, _verify: str) -> bytes:
    meeting = timezone.make_aware(datetime.combine(on + timedelta(days=14), time(10)))
    place = str(_("At the centre"))
    context["convocation"] = Convocation(meeting_at=meeting, place=place, sent_on=on)
    return convocation_render(context, language, reference=REFERENCE, specimen=True)


def _compliance(stage: str) -> Callable[[Sample, date, str, str], bytes]:
    def render(context: Sample, on: date, language: str, _verify: str) -> bytes:
        context["case"] = NonCompliance(
            stage=stage,
            ground=ComplianceGround.EVALUATION_MISSED,
            detected_on=on,
            reminder_on=on,
            notice_on=on,
            explain_by=on + timedelta(days=15),
        )
        return compliance_letter_render(context, language, reference=REFERENCE, specimen=True)

    return render


def _decision(context: Sample, on: date, language: str, _verify: str) -> bytes:
    code = "obligated"
    context |= {
        "decision": Decision(status=Obligation.OBLIGATED, governing_date=on, reasons=[]),
        "outcome": Obligation.OBLIGATED.label,
        "reasons": [{"text": _reason_text(code, {}), "legal_basis": REASONS[code].legal_basis}],
        "letter_date": on,
    }
    return decision_letter_render(context, language, reference=REFERENCE, specimen=True)


def _agreement(context: Sample, on: date, language: str, _verify: str) -> bytes:
    terms = agreement_terms(_TRACKS, on)
    pathway = context["pathway"]
    agreement = Agreement(
        pathway=pathway,
        version=1,
        kind=AgreementKind.INITIAL,
        tracks=terms["tracks"],
        minimum_hours=terms["minimum_hours"],
        time_limits=terms["time_limits"],
        starts_on=on,
        ends_on=agreement_end(pathway, on, int(str(terms["months"]))),
        parameters=terms["parameters"],
    )
    # Set on the sample file in memory, so that the objectives are read without a query.
    pathway.assessment = SocialAssessment(
        pathway=pathway, languages="Arabe, anglais", training_wishes="Exemple de souhait."
    )
    context |= {
        "agreement": agreement,
        "rows": agreement_rows(agreement, {}),
        "objectives": agreement_objectives(agreement),
        "interpreter": None,
        "versions": [agreement],
        "evaluation_months": parameters.number("evaluation_interval", on),
    }
    return agreement_render(context, language, reference=REFERENCE, specimen=True)


def _tracks(on: date) -> list[CompletedTrack]:
    minimum = agreement_terms(_TRACKS, on)["minimum_hours"]
    assert isinstance(minimum, dict)  # noqa: S101 -- agreement_terms' shape
    return [
        CompletedTrack(Track(t).label, Decimal(h), int(h), met=True, ended_by_level=False)
        for t, h in minimum.items()
    ]


def _certificate(context: Sample, on: date, language: str, verify_url: str) -> bytes:
    person = context["person"]
    certificate = Certificate(
        number=SAMPLE_NUMBER,
        issued_on=on,
        holder_name=f"{person.given_names} {person.family_name.upper()}",
        holder_birth_date=person.birth_date,
        code=SAMPLE_CODE,
    )
    context |= {
        "certificate": certificate,
        "tracks": _tracks(on),
        "waivers": [],
        "french_level": CefrLevel.A2.label,
        "verify_url": verify_url,
        **verify_lines(verify_url),
        "qr": verify_qr(verify_url),
    }
    return certificate_render(context, language, reference=SAMPLE_NUMBER, specimen=True)


def _evaluation(context: Sample, on: date, language: str, _verify: str) -> bytes:
    context |= {
        "evaluation": Evaluation(
            held_on=on,
            access_to_training="Exemple : place trouvée en cours de français.",
            attendance="Exemple : régulière.",
            agreed_changes="",
            french_level=CefrLevel.A2,
            extension_months=0,
        ),
        "reference": REFERENCE,
        "evaluation_months": parameters.number("evaluation_interval", on),
    }
    return evaluation_render(context, language, reference=REFERENCE, specimen=True)


_RENDER: dict[str, Callable[[Sample, date, str, str], bytes]] = {
    DocumentKind.INVITATION: _invitation,
    DocumentKind.CONVOCATION: _convocation,
    DocumentKind.REMINDER: _compliance("reminded"),
    DocumentKind.NOTICE: _compliance("notice"),
    DocumentKind.DECISION: _decision,
    DocumentKind.AGREEMENT: _agreement,
    DocumentKind.CERTIFICATE: _certificate,
    DocumentKind.EVALUATION: _evaluation,
}


def template_preview_pdf(
    *,
    centre: Centre,
    kind: DocumentKind,
    language: str,
    template: DocumentTemplate | None,
    verify_url: str,
) -> bytes:
    """`template`: the version (or unsaved draft) to show; `verify_url`: the public check's
    address for the sample certificate's code."""
    on = today()
    person = _person(centre, language)
    context = _base(centre, template, kind)
    context |= {"person": person, "pathway": _pathway(centre, person, on)}
    return _RENDER[kind](context, on, language, verify_url)
