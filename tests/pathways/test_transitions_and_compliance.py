from datetime import date

import pytest

from parcours.accounts.models import User
from parcours.pathways.enums import ComplianceGround, ComplianceStage, Status
from parcours.pathways.errors import TransitionNotAllowedError
from parcours.pathways.models import NonCompliance
from parcours.pathways.services.compliance import (
    noncompliance_not_sanctionable,
    noncompliance_notice,
    noncompliance_open,
    noncompliance_remind,
    noncompliance_report,
)
from parcours.pathways.services.moves import pathway_transfer
from parcours.pathways.services.status import pathway_transition
from parcours.pathways.transitions import SERVICE_ONLY, TRANSITIONS, form_choices
from parcours.territory.models import Centre
from tests.errors import refused
from tests.factories.people import make_pathway
from tests.pathways.journey import do_agreement, do_welcome

pytestmark = pytest.mark.django_db
D = date(2026, 6, 1)


def test_every_status_is_in_the_transition_table() -> None:
    assert set(TRANSITIONS) == set(Status)


def test_a_transition_outside_the_table_is_refused_and_nothing_changes(agent_mons: User) -> None:
    pathway = make_pathway(actor=agent_mons)
    with refused(
        "“%(to)s” is set by its own step (certificate, agreement, case, transfer, closing).",
        TransitionNotAllowedError,
    ):
        pathway_transition(pathway=pathway, to=Status.COMPLETED, actor=agent_mons, reason="x")
    pathway.refresh_from_db()
    assert pathway.status == Status.REFERRED and pathway.events.filter(kind="status").count() == 0


def test_every_status_change_is_an_event_with_who_and_why(agent_mons: User) -> None:
    pathway = make_pathway(actor=agent_mons)
    pathway_transition(pathway=pathway, to=Status.INVITED, actor=agent_mons, reason="Letter")
    event = pathway.events.get(kind="status")
    assert (event.from_status, event.to_status, event.actor, event.reason) == (
        "referred", "invited", agent_mons, "Letter",
    )  # fmt: skip


def test_a_volunteer_is_never_sent_to_non_compliance(agent_mons: User) -> None:
    pathway = make_pathway(actor=agent_mons, voluntary=True)
    with refused("Only an obliged person can be found non-compliant.", TransitionNotAllowedError):
        noncompliance_open(pathway=pathway, ground=ComplianceGround.PRESENTATION_LATE, on=D,
                           reason="Late", actor=agent_mons)  # fmt: skip


def test_non_compliance_goes_reminder_notice_then_sanction_file(
    agent_mons: User, coordinator_mons: User
) -> None:
    pathway = make_pathway(actor=agent_mons)
    case = noncompliance_open(pathway=pathway, ground=ComplianceGround.PRESENTATION_LATE, on=D,
                              reason="Never came", actor=agent_mons)  # fmt: skip
    with refused("This step does not follow the previous one."):
        noncompliance_notice(case=case, on=D, explain_by=date(2026, 7, 1), actor=agent_mons)
    noncompliance_remind(
        case=case,
        on=D,
        actor=coordinator_mons,
        backdated_because="Posted that day, recorded later.",
    )
    noncompliance_notice(case=case, on=D, explain_by=date(2026, 7, 1), actor=coordinator_mons,
                         backdated_because="Posted that day, recorded later.")  # fmt: skip
    with refused("Wait until the deadline to explain has passed."):
        noncompliance_report(case=case, on=date(2026, 6, 15), summary="", actor=agent_mons)
    noncompliance_report(case=case, on=date(2026, 7, 2), summary="No answer", actor=agent_mons)
    pathway.refresh_from_db()
    assert case.stage == ComplianceStage.REPORTED and pathway.status == Status.REPORTED


def test_a_case_where_the_region_offered_no_place_is_not_sanctionable(agent_mons: User) -> None:
    pathway = make_pathway(actor=agent_mons)
    case = noncompliance_open(pathway=pathway, ground=ComplianceGround.AGREEMENT_BREACH, on=D,
                              reason="Stopped", actor=agent_mons)  # fmt: skip
    noncompliance_not_sanctionable(case=case, on=D, reason="French waiting list", actor=agent_mons)
    with refused("This case is closed."):
        noncompliance_remind(case=case, on=D, actor=agent_mons)


def test_a_move_transfers_the_file_and_its_clock(agent_mons: User, cripel: Centre) -> None:
    pathway = make_pathway(actor=agent_mons)
    do_welcome(pathway, agent_mons)
    do_agreement(pathway, agent_mons)
    pathway.refresh_from_db()
    new = pathway_transfer(pathway=pathway, to_centre=cripel, moved_on=D, reason="Moved to Liège",
                           actor=agent_mons)  # fmt: skip
    pathway.refresh_from_db()
    assert pathway.status == Status.TRANSFERRED and new.status == Status.AGREED
    assert new.certificate_by == pathway.certificate_by and new.agreements.count() == 1
    assert not pathway.agreements.exists()


@pytest.mark.parametrize("to", sorted(SERVICE_ONLY))
def test_a_status_with_its_own_rule_is_refused_to_the_generic_status_change(
    to: Status, agent_mons: User
) -> None:
    pathway = make_pathway(actor=agent_mons)
    do_welcome(pathway, agent_mons)
    with refused(
        "“%(to)s” is set by its own step (certificate, agreement, case, transfer, closing).",
        TransitionNotAllowedError,
    ):
        pathway_transition(pathway=pathway, to=to, actor=agent_mons, reason="Form")
    pathway.refresh_from_db()
    assert pathway.status == Status.WELCOME


def test_the_generic_status_form_offers_no_status_with_its_own_rule() -> None:
    for status in Status:
        assert not SERVICE_ONLY.intersection(form_choices(status))


@pytest.mark.parametrize("step", ["referred", "welcome", "agreed"])
def test_not_sanctionable_puts_the_pathway_back_where_it_was_before_the_case(
    step: str, agent_mons: User
) -> None:
    pathway = make_pathway(actor=agent_mons)
    if step != "referred":
        do_welcome(pathway, agent_mons)
    if step == "agreed":
        do_agreement(pathway, agent_mons)
    pathway.refresh_from_db()
    before = pathway.status
    case = noncompliance_open(pathway=pathway, ground=ComplianceGround.AGREEMENT_BREACH, on=D,
                              reason="Stopped", actor=agent_mons)  # fmt: skip
    assert case.status_before == before
    noncompliance_not_sanctionable(case=case, on=D, reason="French waiting list", actor=agent_mons)
    pathway.refresh_from_db()
    assert pathway.status == before == step
    assert pathway.events.filter(from_status=Status.NON_COMPLIANT, to_status=before).exists()


def test_a_second_open_case_keeps_the_person_non_compliant(agent_mons: User) -> None:
    pathway = make_pathway(actor=agent_mons)
    first = noncompliance_open(pathway=pathway, ground=ComplianceGround.PRESENTATION_LATE, on=D,
                               reason="Late", actor=agent_mons)  # fmt: skip
    NonCompliance.objects.create(pathway=pathway, ground=ComplianceGround.AGREEMENT_BREACH,
                                 detected_on=D, status_before=Status.REFERRED)  # fmt: skip
    noncompliance_not_sanctionable(case=first, on=D, reason="No place", actor=agent_mons)
    pathway.refresh_from_db()
    assert pathway.status == Status.NON_COMPLIANT
