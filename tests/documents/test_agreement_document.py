from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import override_settings

from parcours.accounts.models import User
from parcours.casework.documents import agreement_pdf
from parcours.pathways.models import Pathway
from parcours.pathways.services.agreement import agreement_draft
from parcours.pathways.services.welcome import (
    administrative_help_record,
    assessment_record,
    french_test_record,
    rights_session_record,
    welcome_complete,
)
from parcours.people.enums import CefrLevel
from tests.documents.proof import proof
from tests.factories.people import make_pathway
from tests.factories.training import make_enrolment, make_offer, make_partner

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 1)
WELCOME_ON = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(TODAY, tick=False):
        yield


def _welcomed(agent: User, **person: Any) -> Pathway:
    """Permit ordered on 05/10/2026: the certificate is due by 05/04/2028."""
    pathway = make_pathway(
        actor=agent, referred_on=date(2026, 11, 2), arrived_on=date(2026, 9, 1),
        legal_stay_since=date(2026, 9, 1), registered_on=date(2026, 10, 20),
        permit_ordered_on=date(2026, 10, 5), permit_valid_from=date(2026, 10, 5), **person,
    )  # fmt: skip
    assessment_record(
        pathway=pathway, sections={"training_wishes": "Become a nurse's aide."},
        tracks_needed=["french"], assessed_on=WELCOME_ON, actor=agent, health="",
    )  # fmt: skip
    rights_session_record(
        pathway=pathway, given_on=WELCOME_ON, language="ar", themes="housing", actor=agent
    )
    french_test_record(
        pathway=pathway, tested_on=WELCOME_ON, level=CefrLevel.A1, notes="", actor=agent
    )
    administrative_help_record(
        pathway=pathway, helped_on=WELCOME_ON, what="Health insurance", referred_to="", actor=agent
    )
    return welcome_complete(pathway=pathway, on=WELCOME_ON, actor=agent)


def test_the_agreement_never_ends_after_the_certificate_deadline(agent_mons: User) -> None:
    # Regression: drafted today it ran 18 months to 01/06/2028, past the deadline 05/04/2028.
    pathway = _welcomed(agent_mons)
    pathway.refresh_from_db()
    assert pathway.certificate_by == date(2028, 4, 5)
    agreement = agreement_draft(pathway=pathway, on=TODAY, actor=agent_mons)
    assert agreement.ends_on == date(2028, 4, 5)


def test_the_agreement_lists_tracks_offers_objectives_and_signature_blocks(
    agent_mons: User,
) -> None:
    pathway = _welcomed(agent_mons, letter_language="fr")
    agreement = agreement_draft(pathway=pathway, on=TODAY, actor=agent_mons)
    offer = make_offer(make_partner(name="Lire et Écrire Mons"), "french")
    make_enrolment(pathway, offer, agent=agent_mons, on=TODAY)
    seen = proof(agreement_pdf(agreement), "agreement-fr")
    assert len(seen.pages) == 2
    for expected in (
        "AL-HASSAN Amira", "Rue de Nimy 12", "400 h", "60 h", "Lire et Écrire Mons",
        "à trouver par le centre", "Become a nurse's aide.", "05/04/2028",
        "Fait à Saint-Ghislain le 01/12/2026", "La personne", "Pour le centre",
    ):  # fmt: skip
        assert expected in seen.text, expected
    # The legal values' footnote never sits alone on a page.
    assert "Valeurs légales" not in seen.page_texts[-1] or "Fait à" in seen.page_texts[-1]


@override_settings(LANGUAGES=[("fr", "French"), ("en", "English")])
def test_the_agreement_follows_in_the_persons_language(agent_mons: User) -> None:
    pathway = _welcomed(agent_mons, letter_language="en")
    agreement = agreement_draft(pathway=pathway, on=TODAY, actor=agent_mons)
    seen = proof(agreement_pdf(agreement), "agreement-fr-en")
    assert "Convention" in seen.page_texts[0] and "Integration pathway agreement" in seen.text
    assert "Done at Saint-Ghislain on 01/12/2026" in seen.text
