from datetime import date

import pytest
from django.test import override_settings
from django.urls import reverse

from parcours.accounts.models import User
from parcours.audit.models import AccessEvent
from parcours.pathways.services.followup import EvaluationInput, evaluation_record
from tests.documents.proof import proof
from tests.factories.people import make_pathway
from tests.pathways.journey import do_agreement, do_welcome
from tests.types import ClientFor

pytestmark = pytest.mark.django_db


@override_settings(LANGUAGES=[("fr", "French"), ("en", "English")])
def test_the_evaluation_report_names_the_topics_of_the_law_and_the_next_date(
    agent_mons: User, client_for: ClientFor
) -> None:
    pathway = make_pathway(actor=agent_mons, letter_language="en")
    do_welcome(pathway, agent_mons)
    do_agreement(pathway, agent_mons)
    evaluation = evaluation_record(
        pathway=pathway,
        actor=agent_mons,
        data=EvaluationInput(
            held_on=date(2026, 9, 20), access_to_training="Place found at Alpha FLE.",
            attendance="Regular.", absence_reasons="Sick child in May.",
            agreed_changes="Evening class.", french_level="A2",
        ),
    )  # fmt: skip
    url = reverse("staff:evaluation_pdf", args=[pathway.pk, evaluation.pk])
    seen = proof(client_for(agent_mons).get(url).content, "evaluation-fr-en")
    assert len(seen.pages) == 2
    french, english = seen.page_texts
    for expected in ("Accès aux formations", "Place found at Alpha FLE.", "Sick child in May.",
                     "Evening class.", "A2", "20/03/2027", agent_mons.full_name):  # fmt: skip
        assert expected in french, expected
    assert "Evaluation interview report" in english and "Next evaluation interview by" in english
    assert AccessEvent.objects.filter(what="evaluation_pdf", user=agent_mons).exists()
