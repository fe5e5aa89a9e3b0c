"""The bilan social is structured where statistics and the agreement need it
(schooling, diplomas and equivalence, employment, housing, family), free text beside it; the
health needs are special-category data, on the audited health page only."""

import pytest
from django.urls import reverse

from parcours.accounts.models import User
from parcours.audit.enums import AccessKind
from parcours.audit.models import AccessEvent
from parcours.casework.statistics.assessment import by_employment, by_schooling
from parcours.casework.statistics.filters import StatsFilter
from parcours.core.errors import DomainError
from parcours.pathways.models import HealthNote, Pathway, SocialAssessment
from parcours.pathways.services.welcome import assessment_record
from tests.clock import FROZEN_ON
from tests.staff.visible import visible_text
from tests.types import ClientFor

pytestmark = pytest.mark.django_db

ANSWERS = {
    "assessed_on": "2026-03-21",
    "schooling_level": "upper_secondary",
    "diploma_equivalence": "asked",
    "employment": "job_seeker",
    "housing_kind": "social",
    "family_situation": "couple_children",
    "children_count": "2",
    "schooling": "Baccalauréat in Kabul.",
    "tracks_needed": ["french", "citizenship"],
}


def test_the_assessment_form_is_grouped_and_records_the_structured_answers(
    file_mons: Pathway, agent_mons: User, client_for: ClientFor
) -> None:
    url = reverse("staff:assessment", args=[file_mons.pk])
    client = client_for(agent_mons)
    form = client.get(url).content.decode()
    assert form.count('<fieldset class="form-section">') >= 5
    assert "<legend>Scolarité et diplômes</legend>" in form
    assert client.post(url, ANSWERS).status_code == 302
    found = SocialAssessment.objects.get()
    assert (found.schooling_level, found.employment, found.children_count) == (
        "upper_secondary",
        "job_seeker",
        2,
    )
    assert found.schooling == "Baccalauréat in Kabul."
    page = client.get(reverse("staff:person", args=[file_mons.person_id])).content.decode()
    assert "data-assessment" in page
    seen = visible_text(page)
    assert "Demandeur d’emploi" in seen and "Logement social" in seen and "Citoyenneté" in seen
    assert "job_seeker" not in seen and "citizenship" not in seen


def test_an_answer_outside_its_list_is_refused_and_changes_nothing(
    file_mons: Pathway, agent_mons: User, client_for: ClientFor
) -> None:
    before = SocialAssessment.objects.get().employment
    url = reverse("staff:assessment", args=[file_mons.pk])
    page = client_for(agent_mons).post(url, ANSWERS | {"employment": "astronaut"})
    assert page.status_code == 200 and SocialAssessment.objects.get().employment == before
    with pytest.raises(DomainError):
        assessment_record(
            pathway=file_mons,
            sections={},
            tracks_needed=[],
            assessed_on=FROZEN_ON,
            actor=agent_mons,
            answers={"housing_kind": "castle"},
        )


def test_the_health_needs_live_on_the_audited_health_page_only(
    file_mons: Pathway, agent_mons: User, client_for: ClientFor
) -> None:
    client = client_for(agent_mons)
    assessment = client.get(reverse("staff:assessment", args=[file_mons.pk]))
    assert "needs" not in assessment.context["form"].fields
    url = reverse("staff:health", args=[file_mons.pk])
    reads = AccessEvent.objects.filter(what=AccessKind.HEALTH).count()
    done = client.post(url, {"notes": "Asthma.", "needs": ["mobility", "hearing"]})
    assert done.status_code == 302
    assert HealthNote.objects.get().needs == ["hearing", "mobility"]
    page = client.get(url).content.decode()
    assert "Mobilité réduite" in page and "data-health-needs" in page
    assert AccessEvent.objects.filter(what=AccessKind.HEALTH).count() > reads
    person = client.get(reverse("staff:person", args=[file_mons.person_id])).content.decode()
    assert "Mobilité réduite" not in person
    bad = client.post(url, {"notes": "x", "needs": ["telepathy"]})
    assert bad.status_code == 200 and HealthNote.objects.get().needs == ["hearing", "mobility"]


def test_the_agreement_form_shows_what_the_assessment_found(
    file_mons: Pathway, agent_mons: User, client_for: ClientFor
) -> None:
    client = client_for(agent_mons)
    client.post(reverse("staff:assessment", args=[file_mons.pk]), ANSWERS)
    page = client.get(reverse("staff:agreement_draft", args=[file_mons.pk])).content.decode()
    assert "data-assessment" in page and "Logement social" in page


def test_statistics_count_the_files_by_schooling_and_employment(
    file_mons: Pathway, agent_mons: User, client_for: ClientFor
) -> None:
    client_for(agent_mons).post(reverse("staff:assessment", args=[file_mons.pk]), ANSWERS)
    f = StatsFilter(start=file_mons.referred_on, end=file_mons.referred_on)
    schooling = dict(by_schooling(f).rows)
    assert any(n[0] == 1 for label, n in schooling.items() if "secondaire" in label.lower())
    assert by_employment(f).rows
