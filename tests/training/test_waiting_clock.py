"""Time on a partner's waiting list suspends the track's and the certificate's deadlines."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from parcours.accounts.models import User
from parcours.pathways.loading import reload
from parcours.pathways.models import Pathway
from parcours.pathways.services.clock import clock_outcome
from parcours.training.enums import Answer
from parcours.training.models import Offer
from parcours.training.services.referrals import (
    enrolment_answer,
    enrolment_refer,
    enrolment_withdraw,
)
from tests.types import ClientFor

pytestmark = pytest.mark.django_db
WAIT_FROM = date(2026, 4, 10)
WAIT_UNTIL = date(2026, 6, 10)  # two months later the partner accepts
DAYS = (WAIT_UNTIL - WAIT_FROM).days


def _wait_two_months(pathway: Pathway, offer: Offer, agent: User, partner: User) -> None:
    enrolment = enrolment_refer(pathway=pathway, offer=offer, on=WAIT_FROM, actor=agent)
    enrolment = enrolment_answer(
        enrolment=enrolment,
        answer=Answer.WAIT,
        on=WAIT_FROM,
        expected_start_on=WAIT_UNTIL,
        actor=partner,
    )
    enrolment_answer(
        enrolment=enrolment,
        answer=Answer.ACCEPT,
        on=WAIT_UNTIL,
        starts_on=WAIT_UNTIL,
        actor=partner,
    )


@time_machine.travel(date(2026, 7, 1), tick=False)
def test_two_months_on_a_french_waiting_list_move_the_french_and_certificate_deadlines(
    agreed: Pathway, offer_fr: Offer, agent_mons: User, partner_fle: User
) -> None:
    before = clock_outcome(reload(agreed))
    assert before is not None
    _wait_two_months(agreed, offer_fr, agent_mons, partner_fle)
    after = clock_outcome(reload(agreed))
    assert after is not None
    for name in ("french_by", "certificate_by"):
        old, new = before.deadline(name), after.deadline(name)
        assert old is not None and new is not None
        assert new.due_on == old.due_on + timedelta(days=DAYS), name
        assert new.steps[-1].kind == "suspension"
        assert "waiting list" in new.steps[-1].detail
        assert "Region's offer is lacking" in new.steps[-1].detail
        assert WAIT_FROM.isoformat() in new.steps[-1].detail
    # Only those: citizenship and the agreement's end do not move for a French waiting list.
    for name in ("citizenship_by", "agreement_ends_on", "present_by"):
        assert after.deadline(name) == before.deadline(name), name
    agreed.refresh_from_db()
    assert agreed.certificate_by == before.deadline("certificate_by").due_on + timedelta(days=DAYS)  # type: ignore[union-attr]


@time_machine.travel(date(2026, 7, 1), tick=False)
def test_the_person_page_explains_the_moved_deadlines(
    agreed: Pathway,
    offer_fr: Offer,
    agent_mons: User,
    partner_fle: User,
    client_for: ClientFor,
) -> None:
    _wait_two_months(agreed, offer_fr, agent_mons, partner_fle)
    page = client_for(agent_mons).get(reverse("staff:person", args=[agreed.person_id]))
    assert page.status_code == 200
    assert "the Region&#x27;s offer is lacking" in page.content.decode()


@time_machine.travel(date(2026, 7, 1), tick=False)
def test_an_open_waiting_list_counts_up_to_today_and_overlaps_count_once(
    agreed: Pathway, offer_fr: Offer, offer_cit: Offer, agent_mons: User, partner_fle: User
) -> None:
    before = clock_outcome(reload(agreed))
    assert before is not None
    for offer in (offer_fr, offer_cit):
        enrolment = enrolment_refer(pathway=agreed, offer=offer, on=WAIT_FROM, actor=agent_mons)
        enrolment_answer(
            enrolment=enrolment,
            answer=Answer.WAIT,
            on=WAIT_FROM,
            expected_start_on=WAIT_UNTIL,
            actor=partner_fle,
        )
    after = clock_outcome(reload(agreed))
    assert after is not None
    so_far = (date(2026, 7, 1) - WAIT_FROM).days
    for name in ("french_by", "citizenship_by", "certificate_by"):
        assert after.deadline(name).due_on == before.deadline(name).due_on + timedelta(days=so_far)  # type: ignore[union-attr]
    assert after.deadline("agreement_ends_on") == before.deadline("agreement_ends_on")


@time_machine.travel(date(2026, 7, 1), tick=False)
def test_a_withdrawn_waiting_place_counts_until_the_withdrawal(
    agreed: Pathway, offer_fr: Offer, agent_mons: User, partner_fle: User
) -> None:
    before = clock_outcome(reload(agreed))
    enrolment = enrolment_refer(pathway=agreed, offer=offer_fr, on=WAIT_FROM, actor=agent_mons)
    enrolment = enrolment_answer(
        enrolment=enrolment,
        answer=Answer.WAIT,
        on=WAIT_FROM,
        expected_start_on=WAIT_UNTIL,
        actor=partner_fle,
    )
    enrolment_withdraw(enrolment=enrolment, on=date(2026, 5, 10), reason="Moved", actor=agent_mons)
    after = clock_outcome(reload(agreed))
    assert before is not None and after is not None
    moved = after.deadline("french_by").due_on - before.deadline("french_by").due_on  # type: ignore[union-attr]
    assert moved == timedelta(days=30)
