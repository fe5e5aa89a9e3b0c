"""Every partner and centre training URL × every persona (STYLE.md "one permission matrix"),
and what a partner never sees: the social assessment, the decision, other tracks."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from parcours.accounts.enums import TokenScope
from parcours.accounts.models import User
from parcours.accounts.tokens import api_token_issue
from parcours.pathways.services.referral_import import import_stage
from parcours.training.enums import ProofKind, Track
from parcours.training.models import Attendance, AttendanceAttestation, Enrolment
from parcours.training.services.documents import attestation_upload, level_record
from tests.factories.training import make_enrolment, make_offer
from tests.types import ClientFor

pytestmark = pytest.mark.django_db
OK, FORBIDDEN, NOT_FOUND, LOGIN = 200, 403, 404, 302
PDF = b"%PDF-1.4\n%%EOF\n"
PERSONAS = (
    "partner_fle",
    "other_partner_user",
    "agent_mons",
    "coordinator_mons",
    "agent_liege",
    "commune_mons",
    "region",
    "admin_user",
    None,
)
OWNER = {"partner_fle": OK, "other_partner_user": NOT_FOUND}
PARTNERS = {"partner_fle": OK, "other_partner_user": OK}
CENTRE = {"agent_mons": OK, "coordinator_mons": OK, "agent_liege": NOT_FOUND}

URLS = [
    ("partner:inbox", "", PARTNERS),
    ("partner:enrolment", "enrolment", OWNER),
    ("partner:attestation_file", "attestation", OWNER),
    ("partner:level_proof", "enrolment", OWNER),
    ("partner:offers", "", PARTNERS),
    ("partner:offer_new", "", PARTNERS),
    ("partner:offer_edit", "offer", OWNER),
    ("partner:grid", "offer", OWNER),
    ("partner:import", "", PARTNERS),
    ("partner:import_preview", "import", {"partner_fle": OK, "other_partner_user": 404}),
    ("partner:tokens", "", PARTNERS),
    ("staff:centre_refer", "pathway", CENTRE),
    ("staff:centre_ledger", "pathway", CENTRE),
    ("staff:centre_withdraw", "file_enrolment", CENTRE),
    ("staff:centre_attestation_file", "file_attestation", CENTRE),
    ("staff:centre_level_proof", "file_enrolment", CENTRE),
]
# POST-only partner URLs: another partner gets 404 and nothing changes.
POSTS = [
    ("partner:answer", {"answer": "refused", "reason": "no"}),
    ("partner:hours", {"attended_on": "2026-05-04", "hours": "3"}),
    ("partner:level", {"level": "A2", "reached_on": "2026-05-04", "proof_kind": "test"}),
    ("partner:attestation", {"note": "x"}),
]


@pytest.fixture
def world(enrolled: Enrolment, partner_fle: User) -> dict[str, list[object]]:
    attestation = attestation_upload(
        enrolment=enrolled, upload=SimpleUploadedFile("a.pdf", PDF), actor=partner_fle
    )
    level_record(
        enrolment=enrolled,
        level="A2",
        reached_on=date(2026, 5, 20),
        proof_kind=ProofKind.TEST,
        proof=SimpleUploadedFile("t.pdf", PDF),
        actor=partner_fle,
    )
    token = import_stage(content=b"enrolment;date;hours\n", user=partner_fle)
    pathway = enrolled.pathway_id
    return {
        "": [],
        "enrolment": [enrolled.pk],
        "attestation": [enrolled.pk, attestation.pk],
        "offer": [enrolled.offer_id],
        "import": [token],
        "pathway": [pathway],
        "file_enrolment": [pathway, enrolled.pk],
        "file_attestation": [pathway, enrolled.pk, attestation.pk],
    }


def _expected(expectations: dict[str, int], persona: str | None) -> int:
    return LOGIN if persona is None else expectations.get(persona, FORBIDDEN)


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_training_url_answers_each_persona_as_the_matrix_says(
    persona: str | None,
    world: dict[str, list[object]],
    other_partner_user: User,
    client_for: ClientFor,
    request: pytest.FixtureRequest,
) -> None:
    user: User | None = request.getfixturevalue(persona) if persona else None
    client = client_for(user)
    wrong = []
    for name, kind, expectations in URLS:
        url = reverse(name, args=world[kind])
        status = client.get(url).status_code
        if status != _expected(expectations, persona):
            wrong.append(f"{url}: {status} (expected {_expected(expectations, persona)})")
    assert wrong == []


@pytest.mark.parametrize(("name", "data"), POSTS)
def test_another_partner_cannot_post_on_an_enrolment_it_was_not_sent(
    name: str,
    data: dict[str, str],
    enrolled: Enrolment,
    other_partner_user: User,
    client_for: ClientFor,
) -> None:
    payload = {
        **data,
        "file": SimpleUploadedFile("a.pdf", PDF),
        "proof": SimpleUploadedFile("b.pdf", PDF),
    }
    response = client_for(other_partner_user).post(reverse(name, args=[enrolled.pk]), payload)
    assert response.status_code == NOT_FOUND
    assert not Attendance.objects.exists() and not AttendanceAttestation.objects.exists()
    assert enrolled.answers.count() == 1


def test_a_partner_sees_only_what_it_needs_of_a_person(
    enrolled: Enrolment,
    partner_fle: User,
    other_partner_user: User,
    agent_mons: User,
    client_for: ClientFor,
) -> None:
    other_offer = make_offer(other_partner_user.partner, Track.CITIZENSHIP, title="Beta civics")  # type: ignore[arg-type]
    make_enrolment(enrolled.pathway, other_offer, agent=agent_mons, partner_user=other_partner_user)
    client = client_for(partner_fle)
    pages = [
        client.get(reverse("partner:inbox")).content.decode(),
        client.get(reverse("partner:enrolment", args=[enrolled.pk])).content.decode(),
        client.get(reverse("partner:grid", args=[enrolled.offer_id])).content.decode(),
    ]
    text = "\n".join(pages)
    assert "AL-HASSAN Amira" in text and "30/07/1985" in text and "amira@example.org" in text
    for secret in (
        "Arrived with two children",
        "Asthma",
        "85073003328",
        "85.07.30",
        "Beta civics",
        "Rue de Nimy",
    ):
        assert secret not in text, secret
    assert "obligat" not in text.lower()  # nothing of the obligation decision
    token = api_token_issue(user=partner_fle, scope=TokenScope.PARTNER_HOURS, actor=partner_fle)
    api = client.get("/api/v1/partner/enrolments", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert [item["track"] for item in api.json()] == ["french"]
