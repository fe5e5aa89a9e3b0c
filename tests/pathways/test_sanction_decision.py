"""The Region's decision on a sanction file (CWASS art. 152/8): a fine within the range of the
rules parameters in force on the day of the decision, dated between the report and today."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from parcours.accounts.models import User
from parcours.core.errors import DomainError
from parcours.pathways import parameters
from parcours.pathways.enums import ComplianceGround, EventKind, SanctionDecision
from parcours.pathways.models import NonCompliance
from parcours.pathways.selectors import sanction_file_context
from parcours.pathways.services.compliance import (
    noncompliance_appeal,
    noncompliance_decide,
    noncompliance_open,
)
from tests.clock import FROZEN_ON
from tests.factories.people import REFERRED_ON, make_pathway
from tests.staff.conftest import reported_case

pytestmark = pytest.mark.django_db

CENT = Decimal("0.01")


@pytest.fixture
def sent(agent_mons: User, coordinator_mons: User) -> NonCompliance:
    return reported_case(agent_mons, coordinator_mons)


def _decide(case: NonCompliance, actor: User, **overrides: object) -> NonCompliance:
    assert case.reported_on is not None
    values: dict[str, object] = {
        "decision": SanctionDecision.FINE,
        "fine_amount": Decimal(150),
        "decided_on": case.reported_on + timedelta(days=10),
        "notified_on": None,
    }
    values |= overrides
    return noncompliance_decide(case=case, actor=actor, **values)  # type: ignore[arg-type]


def _bounds(case: NonCompliance) -> tuple[Decimal, Decimal]:
    assert case.reported_on is not None
    on = case.reported_on + timedelta(days=10)
    low = parameters.number("fine_minimum", on)
    high = parameters.number("fine_maximum", on)
    return Decimal(low), Decimal(high)


@pytest.mark.parametrize("at", ["min", "max"])
def test_a_fine_at_the_bounds_of_the_range_is_accepted(
    sent: NonCompliance, region: User, at: str
) -> None:
    low, high = _bounds(sent)
    amount = low if at == "min" else high
    decided = _decide(sent, region, fine_amount=amount)
    decided.refresh_from_db()
    assert (decided.decision, decided.fine_amount) == (SanctionDecision.FINE, amount)
    assert decided.decided_by == region


@pytest.mark.parametrize("at", ["below", "above"])
def test_a_fine_a_cent_outside_the_range_is_refused_naming_the_range(
    sent: NonCompliance, region: User, at: str
) -> None:
    low, high = _bounds(sent)
    amount = low - CENT if at == "below" else high + CENT
    with translation.override("en"), pytest.raises(DomainError) as refused:
        _decide(sent, region, fine_amount=amount)
    assert f"between {low} € and {high} €" in str(refused.value.message)
    sent.refresh_from_db()
    assert sent.decided_on is None and sent.fine_amount is None


def test_the_range_is_the_one_in_force_on_the_day_of_the_decision() -> None:
    before, after = REFERRED_ON.replace(year=2015), REFERRED_ON
    assert parameters.number("fine_minimum", before) != parameters.number("fine_minimum", after)


def test_a_fine_needs_an_amount_and_no_fine_takes_none(sent: NonCompliance, region: User) -> None:
    with pytest.raises(DomainError):
        _decide(sent, region, fine_amount=None)
    with pytest.raises(DomainError):
        _decide(sent, region, decision=SanctionDecision.NO_FINE, fine_amount=Decimal(150))
    decided = _decide(sent, region, decision=SanctionDecision.DISMISSED, fine_amount=None)
    assert decided.decision == SanctionDecision.DISMISSED and decided.fine_amount is None


def test_a_case_not_sent_to_the_region_cannot_be_decided(agent_mons: User, region: User) -> None:
    pathway = make_pathway(actor=agent_mons, national_number="", family_name="Open")
    case = noncompliance_open(
        pathway=pathway,
        ground=ComplianceGround.PRESENTATION_LATE,
        on=REFERRED_ON,
        reason="Never came",
        actor=agent_mons,
    )
    with pytest.raises(DomainError):
        noncompliance_decide(
            case=case,
            decision=SanctionDecision.FINE,
            fine_amount=Decimal(150),
            decided_on=FROZEN_ON,
            notified_on=None,
            actor=region,
        )
    case.refresh_from_db()
    assert case.decided_on is None


def test_a_decision_is_dated_between_the_report_and_today(
    sent: NonCompliance, region: User
) -> None:
    assert sent.reported_on is not None
    with pytest.raises(DomainError):
        _decide(sent, region, decided_on=sent.reported_on - timedelta(days=1))
    with pytest.raises(DomainError):
        _decide(sent, region, decided_on=FROZEN_ON + timedelta(days=1))
    with pytest.raises(DomainError):
        _decide(sent, region, decided_on=FROZEN_ON, notified_on=FROZEN_ON + timedelta(days=1))
    with pytest.raises(DomainError):
        _decide(sent, region, notified_on=sent.reported_on)
    assert _decide(sent, region, decided_on=sent.reported_on).decided_on == sent.reported_on


def test_a_decision_is_taken_once_and_goes_on_the_timeline(
    sent: NonCompliance, region: User
) -> None:
    _decide(sent, region, notified_on=FROZEN_ON)
    event = sent.pathway.events.filter(kind=EventKind.COMPLIANCE).order_by("-id").first()
    assert event is not None and event.actor == region and "150" in event.summary
    with pytest.raises(DomainError):
        _decide(sent, region)


def test_the_appeal_follows_the_notified_decision(sent: NonCompliance, region: User) -> None:
    with pytest.raises(DomainError):
        noncompliance_appeal(case=sent, lodged_on=FROZEN_ON, outcome="", actor=region)
    decided = _decide(sent, region, notified_on=FROZEN_ON - timedelta(days=20))
    with pytest.raises(DomainError):
        noncompliance_appeal(
            case=decided, lodged_on=FROZEN_ON - timedelta(days=21), outcome="", actor=region
        )
    with pytest.raises(DomainError):
        noncompliance_appeal(
            case=decided, lodged_on=FROZEN_ON + timedelta(days=1), outcome="", actor=region
        )
    noncompliance_appeal(case=decided, lodged_on=FROZEN_ON, outcome=" Fine halved ", actor=region)
    decided.refresh_from_db()
    assert (decided.appeal_lodged_on, decided.appeal_outcome) == (FROZEN_ON, "Fine halved")


def test_the_sanction_file_pdf_shows_the_decision(sent: NonCompliance, region: User) -> None:
    decided = _decide(sent, region, fine_amount=Decimal("175.50"), notified_on=FROZEN_ON)
    with translation.override("en"):
        html = render_to_string("documents/sanction_file.html", sanction_file_context(decided))
    assert "Administrative fine" in html and "175.50 €" in html
    assert FROZEN_ON.strftime("%d/%m/%Y") in html
