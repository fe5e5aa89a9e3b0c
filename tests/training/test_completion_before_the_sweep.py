"""The nightly sweep trusts the stored completion flag (it no longer recomputes the clock of
every file it judges): each service that records a fact the completion reads must refresh
it. Found by review: a French test recorded after the agreement left the flag unset, and the
sweep opened a certificate-late case against a person who had met every obligation."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from parcours.accounts.models import User
from parcours.casework.sweep import sweep_run
from parcours.pathways.models import NonCompliance, Pathway
from parcours.pathways.services.followup import EvaluationInput, evaluation_record
from parcours.pathways.services.welcome import french_test_record
from parcours.training.models import Enrolment, Offer
from tests.factories.training import make_enrolment, record_hours

pytestmark = pytest.mark.django_db


def test_a_french_test_that_completes_the_pathway_spares_it_the_certificate_late_case(
    enrolled: Enrolment, offer_cit: Offer, agent_mons: User, partner_fle: User
) -> None:
    citizenship = make_enrolment(
        enrolled.pathway, offer_cit, agent=agent_mons, partner_user=partner_fle
    )
    record_hours(citizenship, {date(2026, 5, day): "6" for day in range(4, 14)})  # 60 h
    pathway = Pathway.objects.get(pk=enrolled.pathway_id)
    assert pathway.certificate_by is not None
    night = pathway.certificate_by + timedelta(days=1)
    with time_machine.travel(datetime(night.year, night.month, night.day, 2, tzinfo=UTC)):
        due = pathway.next_evaluation_by
        while due is not None and due < night:  # every evaluation held in time
            evaluation_record(
                pathway=pathway,
                data=EvaluationInput(held_on=due, access_to_training="ok", attendance="ok"),
                actor=agent_mons,
            )
            pathway = Pathway.objects.get(pk=pathway.pk)
            due = pathway.next_evaluation_by
        assert not pathway.ready_for_certificate  # French still below the exit level
        french_test_record(
            pathway=pathway,
            tested_on=night - timedelta(days=2),
            level="A2",
            notes="",
            actor=agent_mons,
        )
        pathway.refresh_from_db()
        assert pathway.ready_for_certificate
        report = sweep_run(today=night)
    assert "certificate_late" not in report.opened
    assert not NonCompliance.objects.filter(pathway=pathway).exists()
    pathway.refresh_from_db()
    assert pathway.status != "non_compliant"
