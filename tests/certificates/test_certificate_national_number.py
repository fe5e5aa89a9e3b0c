"""The national register number is printed on a certificate only by a centre whose
authorisation to use it is recorded (off by default); then it is copied at issue and signed
like the rest, so a later correction changes no reprint and tampering fails the check."""

from collections.abc import Iterator
from datetime import date

import pytest
import time_machine

from parcours.accounts.models import User
from parcours.certificates.documents import certificate_pdf
from parcours.certificates.models import Certificate
from parcours.certificates.services import certificate_issue, certificate_verify
from parcours.people.services import person_update
from parcours.territory.models import Centre
from tests.certificates.test_certificates import _complete
from tests.documents.proof import proof

pytestmark = pytest.mark.django_db
URL = "https://parcours.example/verify/abc/"
NUMBER, PRINTED = "85073003328", "85.07.30-033.28"


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(date(2027, 3, 1), tick=False):
        yield


def test_a_centre_prints_no_national_number_by_default(agent_mons: User) -> None:
    pathway = _complete(agent_mons, national_number=NUMBER)
    certificate = certificate_issue(pathway=pathway, on=date(2027, 2, 1), actor=agent_mons)
    assert certificate.holder_national_number == ""
    text = proof(certificate_pdf(certificate, URL), "certificate-no-national-number").text
    assert PRINTED not in text and "Numéro national" not in text
    assert certificate_verify(certificate.code).valid


def test_an_authorised_centre_prints_and_signs_the_number_given_at_issue(
    agent_mons: User, cimb: Centre
) -> None:
    Centre.objects.filter(pk=cimb.pk).update(certificate_shows_national_number=True)
    pathway = _complete(agent_mons, national_number=NUMBER)
    certificate = certificate_issue(pathway=pathway, on=date(2027, 2, 1), actor=agent_mons)
    assert certificate.holder_national_number == NUMBER
    before = proof(certificate_pdf(certificate, URL), "certificate-national-number").text
    assert f"Numéro national {PRINTED}" in " ".join(before.split())
    person_update(
        person=pathway.person, fields={"national_number": ""}, actor=agent_mons,
        reason="Recorded by mistake",
    )  # fmt: skip
    certificate.refresh_from_db()
    assert proof(certificate_pdf(certificate, URL), "certificate-national-number-after").text == (
        before
    )
    assert certificate_verify(certificate.code).valid
    for tampered in ("", "85073003427"):
        Certificate.objects.filter(pk=certificate.pk).update(holder_national_number=tampered)
        assert not certificate_verify(certificate.code).valid
