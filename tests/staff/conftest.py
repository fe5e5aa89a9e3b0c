from datetime import timedelta

import pytest

from parcours.accounts.models import User
from parcours.pathways.enums import ComplianceGround
from parcours.pathways.models import NonCompliance, Pathway
from parcours.pathways.services.compliance import (
    noncompliance_notice,
    noncompliance_open,
    noncompliance_remind,
    noncompliance_report,
)
from tests.factories.people import REFERRED_ON, make_pathway
from tests.pathways.journey import do_agreement, do_welcome


@pytest.fixture
def file_mons(agent_mons: User) -> Pathway:
    """An obliged person of the CIMB with a signed agreement."""
    pathway = make_pathway(actor=agent_mons)
    do_welcome(pathway, agent_mons)
    do_agreement(pathway, agent_mons)
    pathway.refresh_from_db()
    return pathway


@pytest.fixture
def case_mons(file_mons: Pathway, agent_mons: User) -> NonCompliance:
    return noncompliance_open(
        pathway=file_mons,
        ground=ComplianceGround.EVALUATION_MISSED,
        on=REFERRED_ON,
        reason="No show",
        actor=agent_mons,
    )


def reported_case(actor: User, coordinator: User) -> NonCompliance:
    """A sanction file sent to the Region (a second obliged person of the CIMB)."""
    pathway = make_pathway(actor=actor, national_number="", family_name="Reported", new_person=True)
    day = REFERRED_ON
    case = noncompliance_open(
        pathway=pathway,
        ground=ComplianceGround.PRESENTATION_LATE,
        on=day,
        reason="Never came",
        actor=actor,
    )
    late = "Posted that day, recorded later."
    noncompliance_remind(case=case, on=day, actor=coordinator, backdated_because=late)
    noncompliance_notice(
        case=case, on=day, explain_by=day + timedelta(days=15), actor=coordinator,
        backdated_because=late,
    )  # fmt: skip
    return noncompliance_report(
        case=case, on=day + timedelta(days=16), summary="No answer.", actor=coordinator
    )
