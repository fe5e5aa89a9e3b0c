"""Certificate verification for anyone: /verify/ with a form (code, or the printed number
with the holder's birth date), the QR link with and without a language prefix, revoked with
its date, and a rate limit on the form."""

from collections.abc import Iterator
from datetime import date

import pytest
import time_machine
from django.conf import settings
from django.test import Client

from parcours.accounts.models import User
from parcours.certificates.models import Certificate
from parcours.certificates.services import certificate_issue, certificate_revoke
from parcours.public.views.verify import CHECKS_PER_HOUR
from tests.factories.people import make_pathway
from tests.pathways.journey import do_agreement, do_training, do_welcome

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(date(2027, 3, 1), tick=False):
        yield


@pytest.fixture
def certificate(agent_mons: User) -> Certificate:
    pathway = make_pathway(actor=agent_mons)
    do_welcome(pathway, agent_mons)
    do_agreement(pathway, agent_mons)
    do_training(pathway, agent_mons)
    return certificate_issue(pathway=pathway, on=date(2027, 2, 1), actor=agent_mons)


def _result(response: object) -> str:
    text = response.content.decode()  # type: ignore[attr-defined]
    return text.split('data-verify="', 1)[1].split('"', 1)[0] if "data-verify" in text else ""


@pytest.mark.parametrize("prefix", ["", "/en", "/nl"])
def test_the_form_answers_with_and_without_a_language_prefix(client: Client, prefix: str) -> None:
    response = client.get(f"{prefix}/verify/")
    expected = 200 if prefix[1:] in {"", *dict(settings.LANGUAGES)} else 404
    assert response.status_code == expected


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_qr_link_verifies_with_and_without_a_language_prefix(
    client: Client, certificate: Certificate, prefix: str
) -> None:
    response = client.get(f"{prefix}/verify/{certificate.code}/")
    assert response.status_code == 200 and _result(response) == "valid"
    assert "CIMB-2027-00001" in response.content.decode()


def test_the_printed_number_verifies_with_the_holder_s_birth_date(
    client: Client, certificate: Certificate
) -> None:
    typed = " cimb – 2027 – 00001 "  # as read off the paper: case, spaces, an en dash
    ok = client.post("/verify/", {"reference": typed, "birth_date": "1985-07-30"})
    assert ok.status_code == 200 and _result(ok) == "valid"
    wrong = client.post("/verify/", {"reference": typed, "birth_date": "1985-07-31"})
    assert _result(wrong) == "unknown" and "AL-HASSAN" not in wrong.content.decode()


def test_the_number_alone_asks_for_the_birth_date(client: Client, certificate: Certificate) -> None:
    response = client.post("/verify/", {"reference": certificate.number})
    assert response.status_code == 400 and _result(response) == ""
    assert "AL-HASSAN" not in response.content.decode()


def test_the_code_verifies_through_the_form(client: Client, certificate: Certificate) -> None:
    response = client.post("/verify/", {"reference": certificate.code})
    assert _result(response) == "valid"


def test_a_revoked_certificate_verifies_as_revoked_with_its_date(
    client: Client, certificate: Certificate, agent_mons: User
) -> None:
    certificate_revoke(
        certificate=certificate, on=date(2027, 2, 20), reason="Erreur", actor=agent_mons
    )
    for response in (
        client.get(f"/en/verify/{certificate.code}/"),
        client.post("/en/verify/", {"reference": certificate.number, "birth_date": "1985-07-30"}),
    ):
        assert _result(response) == "revoked"
        assert "This certificate was revoked on 20/02/2027." in response.content.decode()


def test_the_form_is_rate_limited_per_address(client: Client, certificate: Certificate) -> None:
    for _n in range(CHECKS_PER_HOUR):
        client.post("/verify/", {"reference": "nothing", "birth_date": "1985-07-30"})
    response = client.post("/verify/", {"reference": certificate.code})
    assert response.status_code == 400 and _result(response) == ""
