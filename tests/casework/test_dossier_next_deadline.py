"""The person page's "next deadline": a deadline already met is not the next one."""

from datetime import date

import pytest
from django.urls import reverse

from parcours.accounts.models import User
from parcours.casework.dossier import person_dossier
from parcours.pathways.services.welcome import french_test_record
from parcours.pathways.transitions import CLOSED_STATUSES
from parcours.people.enums import CefrLevel
from tests.factories.people import make_pathway
from tests.types import ClientFor

pytestmark = pytest.mark.django_db

REGISTERED_ON = date(2026, 11, 2)  # the presentation is due on 2 February 2027


def _recent(agent_mons: User):  # type: ignore[no-untyped-def]
    return make_pathway(
        actor=agent_mons,
        registered_on=REGISTERED_ON,
        permit_ordered_on=REGISTERED_ON,
        referred_on=REGISTERED_ON,
    )


def test_the_presentation_is_the_next_deadline_until_the_person_presents(
    agent_mons: User,
) -> None:
    pathway = _recent(agent_mons)
    before = person_dossier(user=agent_mons, person=pathway.person).next_deadline
    assert before is not None and before.name == "present_by"
    french_test_record(
        pathway=pathway,
        tested_on=date(2026, 11, 30),
        level=CefrLevel.A1,
        notes="",
        actor=agent_mons,
    )
    after = person_dossier(user=agent_mons, person=pathway.person).next_deadline
    assert after is None or after.name != "present_by"


def test_a_closed_file_has_no_next_deadline(agent_mons: User) -> None:
    pathway = _recent(agent_mons)
    dossier = person_dossier(user=agent_mons, person=pathway.person)
    assert dossier.pathway is not None
    dossier.pathway.status = sorted(CLOSED_STATUSES)[0]
    assert dossier.deadlines and dossier.next_deadline is None


def test_the_summary_says_obliged_once(agent_mons: User, client_for: ClientFor) -> None:
    """The obligation reads "Obligé", not "Obligé obligé" (a tag repeated the value)."""
    pathway = _recent(agent_mons)
    assert pathway.obligation == "obligated"
    page = client_for(agent_mons).get(reverse("staff:person", args=[pathway.person_id]))
    summary = page.content.decode().split("Obligation</dt>", 1)[1].split("</dd>", 1)[0]
    assert "Obligé" in summary and "obligé" not in summary
