"""The main journey through the web pages: referral → certificate → public verification."""

from collections.abc import Mapping

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.timezone import localdate as today

from parcours.accounts.models import User
from parcours.certificates.models import Certificate
from parcours.pathways.enums import Status
from parcours.pathways.models import Pathway
from parcours.territory.models import Commune
from parcours.training.enums import Answer, Track
from parcours.training.models import Enrolment
from parcours.training.services.referrals import enrolment_answer
from tests.factories.training import make_offer, make_partner
from tests.types import ClientFor

pytestmark = pytest.mark.django_db

PERSON = {
    "family_name": "Karimi",
    "given_names": "Reza",
    "birth_date": "12/03/1990",
    "sex": "M",
    "nationalities_0": "AF",
    "national_number": f"90.03.12-123.{97 - 900312123 % 97:02d}",
    "languages_0": "fa",
    "languages_1": "en",
    "letter_language": "en",
    "phone": "+32 470 11 22 33",
    "email": "reza@example.org",
    "street": "Grand-Place 1",
    "postal_code": "7000",
    "registered_on": "2026-01-15",
    "permit_kind": "A",
    "permit_ordered_on": "2026-01-10",
    "permit_valid_from": "2026-01-10",
    "permit_valid_until": "2031-01-09",
    "legal_stay_since": "2025-12-01",
    "referred_on": "2026-03-02",
}


def _post(client: Client, name: str, args: list[int], data: Mapping[str, object]) -> None:
    response = client.post(reverse(name, args=args), data)
    assert response.status_code == 302, response.content.decode()[-3000:]


def _refer(client: Client, mons: Commune) -> Pathway:
    data = {**PERSON, "commune": mons.pk, "referring_commune": mons.pk}
    _post(client, "staff:referral_new", [], data)
    return Pathway.objects.get(person__family_name="Karimi")


def test_a_newcomer_goes_from_referral_to_a_verified_certificate_through_the_pages(
    agent_mons: User, mons: Commune, client_for: ClientFor
) -> None:
    client = client_for(agent_mons)
    pathway = _refer(client, mons)
    assert pathway.obligation == "obligated"
    args = [pathway.pk]
    day = {"on": "2026-03-20"}
    _post(
        client,
        "staff:assessment",
        args,
        {
            "assessed_on": "2026-03-20",
            "tracks_needed": ["french"],
            "situation": "Single",
            "health": "None",
        },
    )
    _post(client, "staff:rights", args, {"given_on": "2026-03-20", "language": "fa"})
    _post(client, "staff:french_test", args, {"tested_on": "2026-03-20", "level": "A2"})
    _post(client, "staff:administrative_help", args, {"helped_on": "2026-03-20", "what": "Bank"})
    _post(client, "staff:welcome_complete", args, day)
    _post(client, "staff:agreement_draft", args, {"on": "2026-04-01"})
    pdf = client.get(reverse("staff:agreement_pdf", args=[pathway.pk, 1]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    _post(
        client,
        "staff:agreement_sign",
        [pathway.pk, 1],
        {"signed_on": "2026-04-01", "method": "screen"},
    )
    page = client.get(reverse("staff:certificate_new", args=args)).content.decode()
    assert "60" in page  # citizenship hours missing are shown
    offer = make_offer(make_partner(), Track.CITIZENSHIP)
    _post(client, "staff:centre_refer_to", [pathway.pk, offer.pk], {"message": "Mornings"})
    enrolment = Enrolment.objects.get(pathway=pathway, offer=offer)
    enrolment_answer(
        enrolment=enrolment, answer=Answer.ACCEPT, on=today(), starts_on=today(), actor=agent_mons
    )
    _post(
        client,
        "staff:hours",
        args,
        {
            "track": "citizenship",
            "body": str(enrolment.pk),
            "hours": "60",
            "period_from": "2026-06-01",
            "attended_on": "2026-07-01",
        },
    )
    _post(client, "staff:certificate_new", args, {"on": "2026-08-01"})
    certificate = Certificate.objects.get(pathway=pathway)
    pathway.refresh_from_db()
    assert pathway.status == Status.COMPLETED
    document = client.get(reverse("staff:certificate_pdf", args=[pathway.pk, certificate.pk]))
    assert document.content.startswith(b"%PDF")
    public = client_for(None).get(f"/verify/{certificate.code}/")
    text = public.content.decode()
    assert public.status_code == 200 and "Reza KARIMI" in text and "1990" in text
    assert "reza@example.org" not in text and "12/03/1990" not in text


def test_a_bad_form_shows_a_clear_message_and_changes_nothing(
    agent_mons: User, mons: Commune, client_for: ClientFor
) -> None:
    client = client_for(agent_mons)
    data = {**PERSON, "commune": mons.pk, "referring_commune": mons.pk, "national_number": "123"}
    response = client.post(reverse("staff:referral_new"), data)
    assert response.status_code == 200
    assert "123" in response.content.decode()
    assert not Pathway.objects.exists()
