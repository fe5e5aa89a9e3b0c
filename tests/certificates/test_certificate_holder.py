"""The holder's birth place and nationalities are signed into the certificate at issue: a
later correction of the person changes no reprint and breaks no verification."""

from collections.abc import Iterator
from datetime import date

import pytest
import time_machine

from parcours.accounts.models import User
from parcours.certificates.documents import certificate_pdf
from parcours.certificates.services import certificate_issue, certificate_verify
from parcours.people.services import person_update
from tests.certificates.test_certificates import _complete
from tests.documents.proof import proof

pytestmark = pytest.mark.django_db
URL = "https://parcours.example/verify/abc/"


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(date(2027, 3, 1), tick=False):
        yield


def test_a_correction_of_the_person_after_issue_changes_no_reprint_nor_verification(
    agent_mons: User,
) -> None:
    pathway = _complete(agent_mons, letter_language="fr", birth_place="Alep", nationalities=["SY"])
    certificate = certificate_issue(pathway=pathway, on=date(2027, 2, 1), actor=agent_mons)
    assert (certificate.holder_birth_place, certificate.holder_nationalities) == ("Alep", ["SY"])
    before = proof(certificate_pdf(certificate, URL), "certificate-holder-before").text
    person_update(
        person=pathway.person, fields={"birth_place": "Damas", "nationalities": ["LB"]},
        actor=agent_mons, reason="Corrected from the passport",
    )  # fmt: skip
    certificate.refresh_from_db()
    after = proof(certificate_pdf(certificate, URL), "certificate-holder-after").text
    assert after == before
    assert "né(e) le 30/07/1985 à Alep" in after and "Syrie" in after
    assert "Damas" not in after and "Liban" not in after
    assert certificate_verify(certificate.code).valid


def test_the_check_address_is_printed_whole_whatever_its_code(agent_mons: User) -> None:
    """The code is on its own line that never breaks: a break after a hyphen inside it was
    lost when the text was copied, and the code typed by hand failed."""
    pathway = _complete(agent_mons, letter_language="fr")
    certificate = certificate_issue(pathway=pathway, on=date(2027, 2, 1), actor=agent_mons)
    url = "https://parcours.example/verify/9g-hS0aB-cD_eF-gH1iJ2kL3mN4oP5q-/"
    text = proof(certificate_pdf(certificate, url), "certificate-check-address").text
    assert "9g-hS0aB-cD_eF-gH1iJ2kL3mN4oP5q-/" in text.split()
