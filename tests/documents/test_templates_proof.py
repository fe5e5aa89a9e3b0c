"""The proof: every document a person receives, rendered with a centre's template
(logo, colour, signatory, signature image, free paragraphs in French and in Arabic), in
French then Arabic (right to left). Each page is turned into an image under var/documents/
for a person to look at; the page count and the text layer are checked."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from parcours.accounts.models import User
from parcours.appointments.services.invitations import (
    invitation_letters_issue,
    invitation_letters_pdf,
    people_invite,
)
from parcours.casework.documents import agreement_pdf
from parcours.certificates.documents import certificate_pdf
from parcours.certificates.services import certificate_issue
from parcours.core.dates import today
from parcours.pathways.enums import ComplianceGround
from parcours.pathways.models import Evaluation, Pathway
from parcours.pathways.services.agreement import agreement_draft
from parcours.pathways.services.compliance import (
    noncompliance_notice,
    noncompliance_open,
    noncompliance_remind,
)
from parcours.pathways.services.followup import (
    EvaluationInput,
    convocation_pdf,
    convocation_send,
    evaluation_pdf,
    evaluation_record,
)
from parcours.pathways.services.templates import template_save
from parcours.territory.models import Centre
from tests.certificates.test_certificates import _complete
from tests.clock import FROZEN_AT
from tests.documents.proof import Proof, is_pdf_a_2b, proof
from tests.documents.test_agreement_document import TODAY, _welcomed
from tests.documents.test_letter_languages import _french_then_arabic, _pages
from tests.documents.test_letters import BRUSSELS, _followed, _window_text
from tests.documents.test_templates import image
from tests.factories.appointments import kind, make_availability, make_office
from tests.factories.people import make_person
from tests.types import ClientFor

pytestmark = pytest.mark.django_db
URL = "https://parcours.example/verify/abc/"
FR, AR = "Paragraphe propre au centre.", "فقرة خاصة بالمركز"
KINDS = ("invitation", "convocation", "reminder", "notice", "decision", "agreement",
         "certificate", "evaluation")  # fmt: skip


@pytest.fixture
def centre_template(cimb: Centre, coordinator_mons: User) -> None:
    paragraphs = {k: {"fr": {"intro": FR}, "ar": {"intro": AR}} for k in KINDS}
    template_save(
        centre=cimb, actor=coordinator_mons, logo=image("PNG", (300, 100)), colour="#1d4f7a",
        signature=image("JPEG", (200, 60)), signatory_name="Marie Dupont",
        signatory_function="Directrice", paragraphs=paragraphs,
    )  # fmt: skip


def _check(seen: Proof, name: str, french: str, arabic: str, pages: int) -> list[str]:
    assert len(seen.pages) == pages, (name, len(seen.pages))
    _french_then_arabic(seen, name, french, arabic)
    texts = _pages(seen)
    joined = " ".join(texts)
    assert FR in joined and AR in joined
    assert "Marie Dupont" in joined and "Directrice" in joined
    assert "modèle v1" in seen.text
    return texts


@pytest.mark.usefixtures("centre_template")
def test_letters_with_the_centre_template_in_french_and_arabic(
    agent_mons: User, client_for: ClientFor
) -> None:
    pathway = _followed(agent_mons, letter_language="ar", birth_place="Alep")
    meeting = datetime(2026, 12, 14, 10, 0, tzinfo=BRUSSELS)
    convocation = convocation_send(pathway=pathway, meeting_at=meeting, place="Mons",
                                   actor=agent_mons)  # fmt: skip
    seen = proof(convocation_pdf(convocation), "template-convocation-fr-ar")
    texts = _check(seen, "template-convocation-fr-ar", "Convocation", "استدعاء إلى مقابلة تقييم", 2)
    assert "14/12/2026 10:00" in texts[0] and "14/12/2026 10:00" in texts[1]
    assert "7000 MONS" in _window_text("template-convocation-fr-ar")
    case = noncompliance_open(pathway=pathway, ground=ComplianceGround.EVALUATION_MISSED,
                              on=today(), reason="x", actor=agent_mons)  # fmt: skip
    noncompliance_remind(case=case, on=today(), actor=agent_mons)
    url = reverse("staff:case_letter", args=[pathway.pk, case.pk])
    seen = proof(client_for(agent_mons).get(url).content, "template-reminder-fr-ar")
    _check(seen, "template-reminder-fr-ar", "Rappel", "تذكير", 2)
    noncompliance_notice(case=case, on=today(), explain_by=today() + timedelta(days=15),
                         actor=agent_mons)  # fmt: skip
    seen = proof(client_for(agent_mons).get(url).content, "template-notice-fr-ar")
    texts = _check(seen, "template-notice-fr-ar", "Mise en demeure", "إنذار رسمي", 2)
    assert "15/12/2026" in texts[0] and "15/12/2026" in texts[1]


@pytest.mark.usefixtures("centre_template")
def test_the_decision_letter_in_french_and_arabic(agent_mons: User, client_for: ClientFor) -> None:
    pathway = _followed(agent_mons, letter_language="ar")
    decision = pathway.decisions.get(rule="obligation", is_current=True)
    url = reverse("staff:decision_letter", args=[pathway.pk, decision.pk])
    seen = proof(client_for(agent_mons).get(url).content, "template-decision-fr-ar")
    texts = _check(seen, "template-decision-fr-ar", "Décision", "قرار بشأن مسار الاندماج", 2)
    assert "Obligé" in texts[0] and "152/7" in texts[0]
    assert "ملز" in texts[1]
    assert pathway.certificate_by is not None
    assert pathway.certificate_by.strftime("%d/%m/%Y") in texts[1]
    assert f"CIMB-{pathway.pk}-D{decision.pk}" in texts[0]
    assert "7000 MONS" in _window_text("template-decision-fr-ar")


@pytest.mark.usefixtures("centre_template")
def test_the_invitation_is_a_letter_like_the_others_in_french_and_arabic(
    cimb: Centre, agent_mons: User
) -> None:
    office = make_office(cimb)
    make_availability(office, agent_mons)
    now = timezone.localtime(FROZEN_AT)
    person = make_person(national_number="", family_name="Haddad", email="", letter_language="ar")
    result = people_invite(people=[person], office=office, kind=kind(), first=now, days=14,
                           actor=agent_mons, now=now)  # fmt: skip
    letters = invitation_letters_issue(appointments=[a for a, _l in result.letters],
                                       actor=agent_mons, now=now)  # fmt: skip
    seen = proof(invitation_letters_pdf(letters, now), "template-invitation-fr-ar")
    texts = _check(seen, "template-invitation-fr-ar", "Invitation", "يدعوك مركز الاندماج", 2)
    for expected in ("Objet", "Notre référence", f"CIMB-A{letters[0][0].pk}", "30/11/2026"):
        assert expected in texts[0], expected
    assert "HADDAD" in _window_text("template-invitation-fr-ar")


@pytest.mark.usefixtures("centre_template")
def test_the_agreement_certificate_and_evaluation_report_in_french_and_arabic(
    agent_mons: User,
) -> None:
    pathway = _welcomed(agent_mons, letter_language="ar")
    with time_machine.travel(TODAY, tick=False):
        agreement = agreement_draft(pathway=pathway, on=TODAY, actor=agent_mons)
        seen = proof(agreement_pdf(agreement), "template-agreement-fr-ar")
    _check(seen, "template-agreement-fr-ar", "Convention", "اتفاقية مسار الاندماج", 4)
    evaluation = _evaluated(pathway, agent_mons)
    seen = proof(evaluation_pdf(evaluation), "template-evaluation-fr-ar")
    _check(seen, "template-evaluation-fr-ar", "Rapport", "تقرير", 2)


@pytest.mark.usefixtures("centre_template")
def test_the_certificate_names_the_birth_place_in_french_and_arabic(agent_mons: User) -> None:
    pathway = _complete(agent_mons, letter_language="ar", birth_place="Alep (Syrie)")
    with time_machine.travel(date(2027, 3, 1), tick=False):
        certificate = certificate_issue(pathway=pathway, on=date(2027, 2, 1), actor=agent_mons)
        seen = proof(certificate_pdf(certificate, URL), "template-certificate-fr-ar")
    texts = _check(seen, "template-certificate-fr-ar", "Attestation", "شهادة حضور", 2)
    assert "né(e) le 30/07/1985 à Alep (Syrie)" in texts[0]
    assert "30/07/1985" in texts[1] and "Alep" in texts[1]  # pdftotext mirrors the brackets
    assert is_pdf_a_2b(seen)


def _evaluated(pathway: Pathway, agent: User) -> Evaluation:
    from tests.pathways.journey import do_agreement  # noqa: PLC0415 - only here

    do_agreement(pathway, agent)
    return evaluation_record(
        pathway=pathway, actor=agent,
        data=EvaluationInput(held_on=today(), access_to_training="Place trouvée.",
                             attendance="Régulière."),
    )  # fmt: skip
