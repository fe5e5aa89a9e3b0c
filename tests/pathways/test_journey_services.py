from datetime import date

import pytest
import time_machine

from parcours.accounts.models import User
from parcours.certificates.services import (
    CertificateRefusedError,
    certificate_issue,
    certificate_revoke,
    certificate_verify,
)
from parcours.pathways.enums import EventKind, Obligation, Status
from tests.factories.people import make_pathway
from tests.pathways.journey import do_agreement, do_training, do_welcome

pytestmark = pytest.mark.django_db


@time_machine.travel(date(2027, 3, 2), tick=False)
def test_a_referral_goes_all_the_way_to_a_verified_certificate(agent_mons: User) -> None:
    pathway = make_pathway(actor=agent_mons)
    assert pathway.obligation == Obligation.OBLIGATED
    do_welcome(pathway, agent_mons)
    do_agreement(pathway, agent_mons)
    pathway.refresh_from_db()
    assert pathway.status == Status.AGREED
    with pytest.raises(CertificateRefusedError, match="400"):
        certificate_issue(pathway=pathway, on=date(2026, 10, 1), actor=agent_mons)
    do_training(pathway, agent_mons)
    pathway.refresh_from_db()
    assert pathway.ready_for_certificate
    certificate = certificate_issue(pathway=pathway, on=date(2027, 2, 1), actor=agent_mons)
    pathway.refresh_from_db()
    assert pathway.status == Status.COMPLETED
    assert certificate.number == "CIMB-2027-00001"
    check = certificate_verify(certificate.code)
    assert check.valid and check.birth_year == 1985 and check.centre_name.startswith("Centre")
    certificate_revoke(
        certificate=certificate, on=date(2027, 3, 1), reason="Fraud", actor=agent_mons
    )
    assert certificate_verify(certificate.code).revoked
    kinds = set(pathway.events.values_list("kind", flat=True))
    assert {EventKind.REFERRAL, EventKind.DECISION, EventKind.CERTIFICATE} <= kinds
