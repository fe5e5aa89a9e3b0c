from collections.abc import Iterator
from datetime import date

import pytest
import time_machine
from django.test import override_settings

from parcours.accounts.models import User
from parcours.certificates.documents import certificate_pdf
from parcours.certificates.services import certificate_issue, certificate_revoke
from tests.certificates.test_certificates import _complete
from tests.documents.proof import is_pdf_a_2b, proof

pytestmark = pytest.mark.django_db
URL = "https://parcours.example/verify/abc/"
BILINGUAL = override_settings(LANGUAGES=[("fr", "French"), ("en", "English")])


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(date(2027, 3, 1), tick=False):
        yield


def test_the_certificate_is_one_official_page_in_french_with_the_holders_facts(
    agent_mons: User,
) -> None:
    pathway = _complete(agent_mons, letter_language="fr")
    certificate = certificate_issue(pathway=pathway, on=date(2027, 2, 1), actor=agent_mons)
    seen = proof(certificate_pdf(certificate, URL), "certificate-fr")
    assert len(seen.pages) == 1
    for expected in (
        "CIMB-2027-00001", "AL-HASSAN", "30/07/1985", "Syrie", "Module d’accueil",
        "Citoyenneté", "60 h", "152/7", "01/02/2027",
        "https://parcours.example/verify/", agent_mons.full_name,
    ):  # fmt: skip
        assert expected in seen.text, expected
    assert "abc/" in seen.text.split()  # the code on its own line, whole
    assert is_pdf_a_2b(seen)


@BILINGUAL
def test_the_holders_language_follows_on_the_back_page(agent_mons: User) -> None:
    pathway = _complete(agent_mons, letter_language="en")
    certificate = certificate_issue(pathway=pathway, on=date(2027, 2, 1), actor=agent_mons)
    seen = proof(certificate_pdf(certificate, URL), "certificate-fr-en")
    assert len(seen.pages) == 2
    assert "Attestation" in seen.page_texts[0]
    assert "Certificate of attendance" in seen.page_texts[1]
    assert "The French text prevails" in seen.page_texts[1]


def test_a_revoked_certificate_says_so_with_its_date(agent_mons: User) -> None:
    pathway = _complete(agent_mons, letter_language="fr")
    certificate = certificate_issue(pathway=pathway, on=date(2027, 2, 1), actor=agent_mons)
    certificate = certificate_revoke(
        certificate=certificate, on=date(2027, 2, 20), reason="Fraud", actor=agent_mons
    )
    seen = proof(certificate_pdf(certificate, URL), "certificate-revoked")
    assert "20/02/2027" in seen.text and "Révoqu" in seen.text
