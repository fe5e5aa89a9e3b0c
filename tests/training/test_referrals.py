"""Referral to an offer, the partner's answers, and waiting-list time → not sanctionable."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse

from parcours.accounts.models import User
from parcours.core.errors import DomainError
from parcours.pathways.enums import ComplianceGround, ComplianceStage
from parcours.pathways.models import Pathway
from parcours.pathways.services.compliance import (
    noncompliance_notice,
    noncompliance_open,
    noncompliance_remind,
    noncompliance_report,
)
from parcours.training.enums import Answer, EnrolmentStatus, Track
from parcours.training.models import Enrolment, Offer
from parcours.training.selectors import suitable_offers
from parcours.training.services.referrals import enrolment_answer, enrolment_refer
from tests.errors import refused
from tests.factories.training import make_enrolment, make_offer
from tests.types import ClientFor

pytestmark = pytest.mark.django_db
ON = date(2026, 4, 10)


def test_suitable_offers_are_the_agreement_tracks_nearest_first(
    agreed: Pathway, offer_fr: Offer
) -> None:
    offer_fr.partner.gives_job_orientation = True
    offer_fr.partner.save()
    far = make_offer(offer_fr.partner, Track.FRENCH, nis="62063", title="FLE Liège")
    make_offer(offer_fr.partner, Track.JOB_ORIENTATION, title="ISP Mons")
    closed = make_offer(offer_fr.partner, Track.FRENCH, title="FLE fermé", is_open=False)
    found = [s.offer for s in suitable_offers(pathway=agreed)]
    assert found[0] == offer_fr
    assert far in found and closed not in found
    assert all(o.track in agreed.agreements.get().tracks for o in found)
    assert found.index(offer_fr) < found.index(far)


def test_the_agent_refers_from_the_person_page_and_sees_the_partner_answer(
    agreed: Pathway, offer_fr: Offer, agent_mons: User, partner_fle: User, client_for: ClientFor
) -> None:
    client = client_for(agent_mons)
    page = client.get(reverse("staff:centre_refer", args=[agreed.pk]))
    assert f'data-offer="{offer_fr.pk}"' in page.content.decode()
    url = reverse("staff:centre_refer_to", args=[agreed.pk, offer_fr.pk])
    assert client.post(url, {"message": "Mornings only"}).status_code == 302
    enrolment = Enrolment.objects.get(pathway=agreed)
    assert enrolment.status == EnrolmentStatus.REFERRED and enrolment.message == "Mornings only"
    assert client.post(url, {}).status_code == 302  # twice: refused with a message
    assert Enrolment.objects.filter(pathway=agreed).count() == 1

    partner = client_for(partner_fle)
    answer = reverse("partner:answer", args=[enrolment.pk])
    response = partner.post(answer, {"answer": "accepted", "starts_on": "2026-04-20"})
    assert response.status_code == 302

    person = client_for(agent_mons).get(reverse("staff:person", args=[agreed.person_id]))
    text = person.content.decode()
    assert f'data-enrolment="{enrolment.pk}" data-status="accepted"' in text
    assert "20/04/2026" in text


def test_a_refusal_needs_a_reason_and_the_waiting_list_an_expected_start(
    referred: Enrolment, partner_fle: User
) -> None:
    with refused("Say why the referral is refused."):
        enrolment_answer(enrolment=referred, answer=Answer.REFUSE, on=ON, actor=partner_fle)
    with refused("Give the expected start, on or after today."):
        enrolment_answer(enrolment=referred, answer=Answer.WAIT, on=ON, actor=partner_fle)
    with refused("Give the start date."):
        enrolment_answer(enrolment=referred, answer=Answer.ACCEPT, on=ON, actor=partner_fle)
    settled = enrolment_answer(
        enrolment=referred, answer=Answer.REFUSE, on=ON, reason="Full until June", actor=partner_fle
    )
    assert settled.status == EnrolmentStatus.REFUSED
    assert settled.refusal_reason == "Full until June"
    with refused("This referral was already settled."):
        enrolment_answer(
            enrolment=settled, answer=Answer.ACCEPT, on=ON, starts_on=ON, actor=partner_fle
        )


def test_a_bad_answer_on_the_page_shows_a_message_and_changes_nothing(
    referred: Enrolment, partner_fle: User, client_for: ClientFor
) -> None:
    url = reverse("partner:answer", args=[referred.pk])
    response = client_for(partner_fle).post(url, {"answer": "refused", "reason": "  "})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    referred.refresh_from_db()
    assert referred.status == EnrolmentStatus.REFERRED and not referred.answers.exists()


def test_a_full_class_refuses_one_more_acceptance(
    agreed: Pathway, offer_fr: Offer, agent_mons: User, partner_fle: User
) -> None:
    offer_fr.capacity = 1
    offer_fr.save()
    make_enrolment(agreed, offer_fr, agent=agent_mons, partner_user=partner_fle)
    other = make_offer(offer_fr.partner, Track.CITIZENSHIP, title="Cit.")
    late = enrolment_refer(pathway=agreed, offer=other, on=ON, actor=agent_mons)
    other.capacity = 1
    other.save()
    enrolment_answer(enrolment=late, answer=Answer.ACCEPT, on=ON, starts_on=ON, actor=partner_fle)
    second = make_offer(offer_fr.partner, Track.FRENCH, title="Full", capacity=1)
    make_enrolment(agreed, second, agent=agent_mons, partner_user=partner_fle)
    from tests.factories.people import make_pathway  # noqa: PLC0415 - a second person

    someone = make_pathway(actor=agent_mons, national_number="", family_name="Other")
    waiting = enrolment_refer(pathway=someone, offer=second, on=ON, actor=agent_mons)
    with refused("The class is full: put the person on the waiting list."):
        enrolment_answer(
            enrolment=waiting, answer=Answer.ACCEPT, on=ON, starts_on=ON, actor=partner_fle
        )


def _waiting_since_10_april(enrolment: Enrolment, partner: User, *, expected: date) -> None:
    """The partner puts the person on its waiting list on 10 April 2026."""
    enrolment_answer(
        enrolment=enrolment,
        answer=Answer.WAIT,
        on=date(2026, 4, 10),
        expected_start_on=expected,
        actor=partner,
    )


def test_waiting_list_time_is_recorded_and_ends_with_the_acceptance(
    referred: Enrolment, partner_fle: User
) -> None:
    _waiting_since_10_april(referred, partner_fle, expected=date(2026, 9, 1))
    done = enrolment_answer(
        enrolment=referred,
        answer=Answer.ACCEPT,
        on=date(2026, 8, 25),
        starts_on=date(2026, 9, 1),
        actor=partner_fle,
    )
    assert (done.waiting_from, done.waiting_until) == (date(2026, 4, 10), date(2026, 8, 25))
    assert [a.status for a in done.answers.all()] == ["waiting", "accepted"]


def test_a_case_opened_while_on_a_waiting_list_is_not_sanctionable(
    referred: Enrolment, partner_fle: User, agent_mons: User
) -> None:
    _waiting_since_10_april(referred, partner_fle, expected=date(2026, 10, 1))
    case = noncompliance_open(
        pathway=referred.pathway,
        ground=ComplianceGround.AGREEMENT_BREACH,
        on=date(2026, 6, 1),
        reason="Does not attend",
        actor=agent_mons,
    )
    assert case.not_sanctionable and case.stage == ComplianceStage.CLOSED
    assert referred.offer.partner.name in case.not_sanctionable_reason


def test_a_sanction_file_is_refused_for_a_case_overlapping_waiting_time(
    referred: Enrolment, partner_fle: User, agent_mons: User, coordinator_mons: User
) -> None:
    case = noncompliance_open(
        pathway=referred.pathway,
        ground=ComplianceGround.AGREEMENT_BREACH,
        on=date(2026, 4, 5),
        reason="Does not attend",
        actor=agent_mons,
    )
    assert not case.not_sanctionable  # not waiting on the day it was detected
    _waiting_since_10_april(referred, partner_fle, expected=date(2026, 10, 1))
    noncompliance_remind(
        case=case,
        on=date(2026, 4, 12),
        actor=coordinator_mons,
        backdated_because="Posted that day, recorded later.",
    )
    noncompliance_notice(
        case=case, on=date(2026, 4, 20), explain_by=date(2026, 5, 5), actor=coordinator_mons,
        backdated_because="Posted that day, recorded later.",
    )  # fmt: skip
    with pytest.raises(DomainError, match=referred.offer.partner.name):
        noncompliance_report(case=case, on=date(2026, 5, 20), summary="", actor=coordinator_mons)
    case.refresh_from_db()
    assert case.stage == ComplianceStage.NOTICE


def test_without_a_waiting_list_the_sanction_file_goes_to_the_region(
    enrolled: Enrolment, agent_mons: User, coordinator_mons: User
) -> None:
    case = noncompliance_open(
        pathway=enrolled.pathway,
        ground=ComplianceGround.AGREEMENT_BREACH,
        on=date(2026, 4, 5),
        reason="Does not attend",
        actor=agent_mons,
    )
    noncompliance_remind(
        case=case,
        on=date(2026, 4, 12),
        actor=coordinator_mons,
        backdated_because="Posted that day, recorded later.",
    )
    noncompliance_notice(
        case=case, on=date(2026, 4, 20), explain_by=date(2026, 5, 5), actor=coordinator_mons,
        backdated_because="Posted that day, recorded later.",
    )  # fmt: skip
    reported = noncompliance_report(
        case=case, on=date(2026, 5, 20), summary="", actor=coordinator_mons
    )
    assert reported.stage == ComplianceStage.REPORTED


def test_the_nightly_sweep_closes_at_once_a_case_found_while_on_a_waiting_list(
    referred: Enrolment, partner_fle: User
) -> None:
    """The sweep opens its cases set-based: the one file on a waiting list that night is
    found not sanctionable and goes back to its status, as `noncompliance_open` does it."""
    from parcours.casework.sweep import sweep_run  # noqa: PLC0415
    from parcours.pathways.models import NonCompliance  # noqa: PLC0415

    pathway = referred.pathway
    before = pathway.status
    _waiting_since_10_april(referred, partner_fle, expected=date(2026, 10, 1))
    due = pathway.next_evaluation_by
    assert due is not None
    Pathway.objects.filter(pk=pathway.pk).update(updated_at=datetime(2026, 1, 1, tzinfo=UTC))
    report = sweep_run(today=due + timedelta(days=1))
    assert report.opened == {"evaluation_missed": 1}
    # The file was looked at and changed (a case on it): its "last changed" moves.
    assert Pathway.objects.get(pk=pathway.pk).updated_at > datetime(2026, 1, 1, tzinfo=UTC)
    case = NonCompliance.objects.get(pathway=pathway)
    assert case.not_sanctionable and case.stage == ComplianceStage.CLOSED
    assert (case.closed_on, case.status_before) == (due + timedelta(days=1), before)
    assert referred.offer.partner.name in case.not_sanctionable_reason
    pathway.refresh_from_db()
    assert pathway.status == before
    # The file never was non-compliant: its timeline says what was found and why not.
    assert not pathway.events.filter(to_status="non_compliant").exists()
    event = pathway.events.get(kind="compliance")
    assert event.summary == "Détecté par le contrôle de nuit et marqué comme non sanctionnable"
    assert referred.offer.partner.name in event.reason


def test_the_nightly_sweep_moves_the_deadlines_of_a_file_still_on_a_waiting_list(
    referred: Enrolment, partner_fle: User
) -> None:
    """The sweep no longer recomputes the clock of every file it judges (the services that
    record a fact refresh it): only a waiting list that lasts moves it by itself, a day a
    night, and those files are refreshed before they are judged."""
    import time_machine  # noqa: PLC0415

    from parcours.casework.sweep import sweep_run  # noqa: PLC0415

    _waiting_since_10_april(referred, partner_fle, expected=date(2027, 1, 10))
    pathway = Pathway.objects.get(pk=referred.pathway_id)
    before = pathway.certificate_by
    assert before is not None
    night = date(2026, 12, 15)  # 15 more days on the list than when it was last computed
    with time_machine.travel(datetime(2026, 12, 15, 2, 0, tzinfo=UTC)):
        report = sweep_run(today=night)
    pathway.refresh_from_db()
    assert pathway.certificate_by == before + timedelta(days=15)
    assert report.refreshed >= 1
