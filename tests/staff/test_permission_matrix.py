"""Every casework URL × every persona → the expected status (STYLE.md, "Tests")."""

import pytest
from django.urls import reverse

from parcours.accounts.models import ApiToken, User
from parcours.pathways.models import NonCompliance, Pathway, PathwayEvent, Waiver
from tests.staff.conftest import MatrixObjects
from tests.types import ClientFor

pytestmark = pytest.mark.django_db

OK, FORBIDDEN, NOT_FOUND, LOGIN = 200, 403, 404, 302
PERSONAS = (
    "agent_mons",
    "coordinator_mons",
    "agent_liege",
    "partner_fle",
    "commune_mons",
    "region",
    "admin_user",
    None,
)
CENTRE = {"agent_mons": OK, "coordinator_mons": OK, "agent_liege": NOT_FOUND}
LISTS = {"agent_mons": OK, "coordinator_mons": OK, "agent_liege": OK}
COORDINATOR = {"agent_mons": FORBIDDEN, "coordinator_mons": OK, "agent_liege": FORBIDDEN}
REGION = {"region": OK}
COMMUNE = {"commune_mons": OK}

# (url name, arguments from: person / pathway / case / agreement / certificate, expectations)
URLS = [
    ("staff:worklist", "", LISTS),
    ("staff:search", "", LISTS),
    ("staff:referral_new", "", LISTS),
    ("staff:referral_import", "", LISTS),
    ("staff:person", "person", CENTRE),
    ("staff:person_edit", "person", CENTRE),
    ("staff:person_merge", "person", CENTRE),
    ("staff:access_log", "person", COORDINATOR),
    *[
        (f"staff:{name}", "pathway", CENTRE)
        for name in (
            "assessment",
            "health",
            "rights",
            "french_test",
            "administrative_help",
            "welcome_complete",
            "agreement_draft",
            "hours",
            "evaluation",
            "convocation",
            "certificate_new",
            "transition",
            "transfer",
            "close_left_region",
            "notify",
            "case_open",
            "agent_assign",
            "waiver_new",
            "adjustment_new",
        )
    ],
    ("staff:waiver_withdraw", "waiver", CENTRE),
    ("staff:tokens", "", COORDINATOR),
    ("staff:token_issue", "commune_user", COORDINATOR),
    ("staff:token_revoke", "token", COORDINATOR),
    ("staff:region_sanctions", "", REGION),
    ("staff:commune_people", "", COMMUNE),
    ("staff:region_sanction_pdf", "sanction", REGION),
    ("staff:agreement_sign", "agreement", CENTRE),
    ("staff:agreement_pdf", "agreement", CENTRE),
    ("staff:case_remind", "case", CENTRE),
    ("staff:case_notice", "case", CENTRE),
    ("staff:case_not_sanctionable", "case", CENTRE),
    ("staff:case_letter", "case", CENTRE),
]


def _args(kind: str, objects: MatrixObjects) -> list[int]:
    pathway: Pathway = objects.case.pathway
    return {
        "": [],
        "person": [pathway.person_id],
        "pathway": [pathway.pk],
        "agreement": [pathway.pk, 1],
        "case": [pathway.pk, objects.case.pk],
        "waiver": [pathway.pk, objects.waiver.pk],
        "commune_user": [objects.commune_user.pk],
        "token": [objects.token.pk],
        "sanction": [objects.sanction.pk],
    }[kind]


def _expected(expectations: dict[str, int], persona: str | None) -> int:
    if persona is None:
        return LOGIN
    return expectations.get(persona, FORBIDDEN)


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_casework_url_answers_each_persona_as_the_matrix_says(
    persona: str | None,
    matrix_objects: MatrixObjects,
    client_for: ClientFor,
    request: pytest.FixtureRequest,
) -> None:
    user: User | None = request.getfixturevalue(persona) if persona else None
    client = client_for(user)
    wrong = []
    for name, kind, expectations in URLS:
        url = reverse(name, args=_args(kind, matrix_objects))
        status = client.get(url).status_code
        if status != _expected(expectations, persona):
            wrong.append(f"{url}: {status} (expected {_expected(expectations, persona)})")
    assert wrong == []


def test_the_sanction_file_is_sent_by_a_coordinator_only(
    case_mons: NonCompliance, client_for: ClientFor, agent_mons: User, coordinator_mons: User
) -> None:
    url = reverse("staff:case_report", args=[case_mons.pathway_id, case_mons.pk])
    assert client_for(agent_mons).get(url).status_code == FORBIDDEN
    assert client_for(coordinator_mons).get(url).status_code == OK


# The forms that change a file: a POST from outside the centre changes nothing.
POSTS = [
    (name, kind, expectations)
    for name, kind, expectations in URLS
    if not name.endswith(
        ("_pdf", "_letter", "worklist", "access_log", "region_sanctions", "commune_people")
    )
] + [("staff:case_report", "case", COORDINATOR)]
OUTSIDERS = tuple(p for p in PERSONAS if p not in ("agent_mons", "coordinator_mons"))


def _state() -> tuple[object, ...]:
    return (
        PathwayEvent.objects.count(),
        list(Pathway.objects.order_by("pk").values_list("status", flat=True)),
        ApiToken.objects.filter(revoked_at__isnull=True).count(),
        Waiver.objects.count(),
    )


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_every_casework_form_refuses_a_post_from_outside_and_changes_nothing(
    persona: str | None,
    matrix_objects: MatrixObjects,
    client_for: ClientFor,
    request: pytest.FixtureRequest,
) -> None:
    user: User | None = request.getfixturevalue(persona) if persona else None
    client = client_for(user)
    body = {"reason": "x", "to": "completed", "on": "2026-06-01", "summary": "x", "q": "x"}
    before, wrong = _state(), []
    for name, kind, expectations in POSTS:
        url = reverse(name, args=_args(kind, matrix_objects))
        status = client.post(url, body).status_code
        if status != _expected(expectations, persona):
            wrong.append(f"POST {url}: {status} (expected {_expected(expectations, persona)})")
    assert wrong == [] and _state() == before
