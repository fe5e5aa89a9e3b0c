from datetime import date
from typing import Any

import pytest

from parcours.accounts.models import User
from parcours.certificates.models import Certificate
from parcours.certificates.services import certificate_issue, certificate_verify
from parcours.pathways.models import Pathway
from tests.factories.people import make_pathway
from tests.pathways.journey import do_agreement, do_training, do_welcome

pytestmark = pytest.mark.django_db


def _complete(agent: User, **person: Any) -> Pathway:
    pathway = make_pathway(actor=agent, **person)
    do_welcome(pathway, agent)
    do_agreement(pathway, agent)
    do_training(pathway, agent)
    return pathway


def test_certificates_are_numbered_per_centre_and_year_with_unguessable_codes(
    agent_mons: User,
) -> None:
    first = certificate_issue(pathway=_complete(agent_mons), on=date(2027, 2, 1), actor=agent_mons)
    second = certificate_issue(
        pathway=_complete(agent_mons, national_number="", family_name="Other"),
        on=date(2027, 2, 2), actor=agent_mons,
    )  # fmt: skip
    assert (first.number, second.number) == ("CIMB-2027-00001", "CIMB-2027-00002")
    assert len(first.code) >= 32 and first.code != second.code


@pytest.mark.parametrize("field", ["holder_name", "issued_on", "centre_name", "holder_birth_date"])
def test_a_tampered_record_fails_verification(field: str, agent_mons: User) -> None:
    certificate = certificate_issue(pathway=_complete(agent_mons), on=date(2027, 2, 1),
                                    actor=agent_mons)  # fmt: skip
    forged = {"holder_name": "Someone Else", "issued_on": date(2027, 1, 1),
              "centre_name": "Forged", "holder_birth_date": date(1990, 1, 1)}[field]  # fmt: skip
    Certificate.objects.filter(pk=certificate.pk).update(**{field: forged})
    check = certificate_verify(certificate.code)
    assert not check.valid and check.holder_name == ""


def test_an_unknown_code_is_not_valid(territory: None) -> None:
    assert not certificate_verify("forged-code").valid
