from datetime import date, timedelta
from decimal import Decimal

import pytest

from parcours.accounts.models import User
from parcours.casework.documents import sanction_file_pdf
from parcours.pathways.enums import ComplianceGround
from parcours.pathways.services.compliance import (
    noncompliance_answer,
    noncompliance_notice,
    noncompliance_open,
    noncompliance_remind,
    noncompliance_report,
)
from parcours.training.services.centre_hours import AttestationInput, hours_record
from tests.documents.proof import is_pdf_a_2b, proof
from tests.errors import refused
from tests.factories.people import make_pathway
from tests.factories.training import make_enrolment, make_offer, make_partner
from tests.pathways.journey import SIGNED_ON, do_agreement, do_welcome

pytestmark = pytest.mark.django_db
DETECTED = date(2026, 10, 1)
LATE = "Posted that day, recorded later."


def test_the_sanction_file_dates_each_step_when_it_happened_with_its_proof_and_annexes(
    agent_mons: User, coordinator_mons: User
) -> None:
    pathway = make_pathway(actor=agent_mons)
    do_welcome(pathway, agent_mons)
    do_agreement(pathway, agent_mons)
    offer = make_offer(make_partner(name="Alpha FLE"), "french")
    enrolment = make_enrolment(pathway, offer, agent=agent_mons, on=SIGNED_ON)
    day = date(2026, 5, 4)
    attestation = AttestationInput(
        track="french",
        body=str(enrolment.pk),
        hours=Decimal("12.5"),
        period_from=day,
        attended_on=day,
    )
    hours_record(pathway=pathway, data=attestation, actor=agent_mons)
    case = noncompliance_open(pathway=pathway, ground=ComplianceGround.EVALUATION_MISSED,
                              on=DETECTED, reason="Stopped coming.", actor=agent_mons)  # fmt: skip
    noncompliance_remind(case=case, on=date(2026, 10, 5), proof="RR 1234 5678 9BE",
                         actor=coordinator_mons, backdated_because=LATE)  # fmt: skip
    noncompliance_notice(case=case, on=date(2026, 10, 20), explain_by=date(2026, 11, 4),
                         proof="RR 2222 3333 4BE", actor=coordinator_mons,
                         backdated_because=LATE)  # fmt: skip
    noncompliance_answer(case=case, on=date(2026, 10, 28), answer="Night shifts.", actor=agent_mons)
    case = noncompliance_report(case=case, on=date(2026, 11, 10), summary="Partial attendance.",
                                actor=coordinator_mons)  # fmt: skip
    seen = proof(sanction_file_pdf(case), "sanction-file")
    assert is_pdf_a_2b(seen)
    assert len(seen.pages) == 3  # the file, then each annex starts a page
    for expected in (
        "AL-HASSAN Amira", "85.07.30-033.28", "Rue de Nimy 12", "05/10/2026", "RR 1234 5678 9BE",
        "20/10/2026", "RR 2222 3333 4BE", "04/11/2026", "28/10/2026", "Night shifts.", "10/11/2026",
        "Version 1", "Annexe 1", "04/05/2026", "12,5", "Annexe 2",
    ):  # fmt: skip
        assert expected in seen.text, expected
    assert "2 500" in seen.text or "2500" in seen.text  # the fine range from the rules
    # The obligation decision with its trace: the legal values it was computed with.
    decided = " ".join(seen.page_texts[0].split())
    assert "Valeurs légales utilisées" in decided and "Décret" in decided


def test_an_answer_comes_after_the_formal_notice(agent_mons: User, coordinator_mons: User) -> None:
    pathway = make_pathway(actor=agent_mons)
    do_welcome(pathway, agent_mons)
    do_agreement(pathway, agent_mons)
    case = noncompliance_open(pathway=pathway, ground=ComplianceGround.EVALUATION_MISSED,
                              on=DETECTED, reason="x", actor=agent_mons)  # fmt: skip
    with refused("An answer follows the formal notice, before the report."):
        noncompliance_answer(case=case, on=DETECTED, answer="Sorry.", actor=agent_mons)
    noncompliance_remind(
        case=case,
        on=DETECTED,
        actor=coordinator_mons,
        backdated_because=LATE,
    )
    noncompliance_notice(case=case, on=DETECTED, explain_by=DETECTED + timedelta(days=15),
                         actor=coordinator_mons, backdated_because=LATE)  # fmt: skip
    with refused("The answer is received between the notice and today."):
        noncompliance_answer(case=case, on=DETECTED - timedelta(days=1), answer="Sorry.",
                             actor=agent_mons)  # fmt: skip
    case.refresh_from_db()
    assert case.answered_on is None and case.answer == ""


def test_a_letter_that_starts_a_legal_delay_cannot_be_backdated_without_a_coordinators_reason(
    agent_mons: User, coordinator_mons: User
) -> None:
    pathway = make_pathway(actor=agent_mons)
    case = noncompliance_open(pathway=pathway, ground=ComplianceGround.PRESENTATION_LATE,
                              on=DETECTED, reason="x", actor=agent_mons)  # fmt: skip
    message = (
        "A letter that starts a legal delay is dated the day it is sent: only a coordinator "
        "may record an earlier date, with the reason."
    )
    yesterday = date(2026, 11, 29)
    with refused(message):
        noncompliance_remind(case=case, on=yesterday, actor=agent_mons, backdated_because="Late")
    with refused(message):
        noncompliance_remind(case=case, on=yesterday, actor=coordinator_mons)
    case.refresh_from_db()
    assert case.reminder_on is None
    noncompliance_remind(case=case, on=date(2026, 11, 30), actor=agent_mons)  # today: fine
    noncompliance_notice(case=case, on=date(2026, 11, 27), explain_by=date(2026, 12, 14),
                         actor=coordinator_mons, backdated_because="Posted Friday.")  # fmt: skip
    assert pathway.events.filter(reason__endswith="Posted Friday.").count() == 1
