"""The agreement prints what the social assessment found and agreed: the free objectives and
the structured answers (schooling, diplomas and equivalence, employment, housing, family), in
French and then in the person's language. The health needs never appear: special-category
data, read on their audited page only."""

from collections.abc import Iterator

import pytest
import time_machine

from parcours.accounts.models import User
from parcours.casework.documents import agreement_pdf
from parcours.pathways.models import Pathway
from parcours.pathways.services.agreement import agreement_draft
from parcours.pathways.services.welcome import assessment_record, health_note_record
from tests.documents.proof import proof
from tests.documents.test_agreement_document import TODAY, WELCOME_ON, _welcomed
from tests.documents.test_letter_languages import _french_then_arabic, _pages

pytestmark = pytest.mark.django_db
ANSWERS = {
    "schooling_level": "upper_secondary", "diploma_equivalence": "asked",
    "employment": "job_seeker", "housing_kind": "social", "family_situation": "single_parent",
}  # fmt: skip
FRENCH = (
    "Niveau de scolarité", "Secondaire supérieur", "Diplômes et équivalence",
    "Équivalence demandée, en attente de la réponse", "Situation d’emploi",
    "Situation de logement", "Logement social", "Situation familiale", "Parent seul",
    "Nombre d’enfants", "Become a nurse's aide.",
)  # fmt: skip
ARABIC = ("المستوى الدراسي", "التعليم الثانوي", "في انتظار الرد", "يبحث عن عمل", "سكن اجتماعي",
          "الوضع العائلي", "عدد الأطفال")  # fmt: skip
HEALTH = ("Grossesse", "Soutien psychologique", "Pregnancy", "diabète")


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(TODAY, tick=False):
        yield


def _assessed(agent: User, language: str) -> Pathway:
    pathway = _welcomed(agent, letter_language=language)
    assessment_record(
        pathway=pathway, sections={"training_wishes": "Become a nurse's aide."},
        tracks_needed=["french"], assessed_on=WELCOME_ON, actor=agent, answers=ANSWERS,
        children_count=2,
    )  # fmt: skip
    health_note_record(
        pathway=pathway, notes="Suivi du diabète.", clear=False, actor=agent,
        needs=["pregnancy", "mental"],
    )  # fmt: skip
    return pathway


def test_the_agreement_prints_the_assessment_answers_and_never_the_health_needs(
    agent_mons: User,
) -> None:
    agreement = agreement_draft(pathway=_assessed(agent_mons, "fr"), on=TODAY, actor=agent_mons)
    seen = proof(agreement_pdf(agreement), "agreement-situation-fr")
    text = " ".join(" ".join(page.split()) for page in seen.page_texts)
    for expected in FRENCH:
        assert expected in text, expected
    assert not any(word in text for word in HEALTH)
    assert len(seen.pages) == 2
    assert "Valeurs légales" not in seen.page_texts[-1] or "Fait à" in seen.page_texts[-1]


def test_the_agreement_prints_the_answers_in_french_then_in_arabic(agent_mons: User) -> None:
    agreement = agreement_draft(pathway=_assessed(agent_mons, "ar"), on=TODAY, actor=agent_mons)
    seen = proof(agreement_pdf(agreement), "agreement-situation-fr-ar")
    first = _french_then_arabic(seen, "agreement-situation-fr-ar", "Logement social", "سكن اجتماعي")
    pages = _pages(seen)
    arabic = " ".join(pages[first - 1 :])
    for expected in ARABIC:
        assert expected in arabic, expected
    assert "Logement social" not in arabic  # each part in its own language
    assert not any(word in " ".join(pages) for word in HEALTH)
    assert (first, len(seen.pages)) == (3, 4)
