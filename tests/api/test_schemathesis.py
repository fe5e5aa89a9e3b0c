"""schemathesis over the API's own OpenAPI document, so that a
server error or an undocumented answer fails the suite: every operation, with a
real token of the API role it serves (a commune's for the referrals, a partner's for the
partner API; the other role's token is refused), at the frozen clock, a bounded number of
cases each, NUL bytes and other control characters allowed in generated strings. No answer may
be a server error, and every status, content type, header and body must be the ones the
document gives for that operation (so 400, 401 and 422 are documented wherever they can
happen). Path parameters and batch cells name a real enrolment or office half of the time, so
the answers past the 404 are exercised too.

Deterministic: derandomized Hypothesis, a fixed seed, no example database. A defect found here
gets its own regression test beside the endpoint's tests as well."""

from collections.abc import Iterator
from typing import Any, cast

import pytest
import schemathesis
from django.http import HttpResponse
from django.test.client import ClientHandler
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from parcours.accounts.enums import TokenScope
from parcours.accounts.models import User
from parcours.accounts.tokens import api_token_issue
from parcours.api.urls import api
from parcours.territory.models import Centre
from parcours.training.enums import Track
from parcours.training.models import Partner
from tests.factories.appointments import make_availability, make_office
from tests.factories.people import make_pathway
from tests.factories.training import make_enrolment, make_offer
from tests.pathways.journey import do_agreement, do_welcome

# Cases per operation beyond the documented examples and schemathesis' coverage cases: the
# module stays within about two minutes on a loaded two-core machine.
MAX_EXAMPLES = 25
CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 14,
        "generation": {
            "max-examples": MAX_EXAMPLES,
            "deterministic": True,
            "allow-x00": True,
            "database": "none",
        },
    }
)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    ignored_auth,  # without the token, or with a wrong one: a 401
]


def wsgi_app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    """Django in-process as the test client runs it, inside the test's transaction (the plain
    WSGI handler would close the test's database connection after each request)."""
    response = cast(HttpResponse, ClientHandler()(environ))
    headers = list(response.items())
    headers += [("Set-Cookie", c.output(header="").strip()) for c in response.cookies.values()]
    start_response(f"{response.status_code} {response.reason_phrase}", headers)
    return [response.content]


schema = schemathesis.openapi.from_dict(
    api.get_openapi_schema(path_prefix="/api/v1/"), config=CONFIG
)
schema.app = wsgi_app
# What the cases may name besides random numbers: set by the `world` fixture of each test.
REAL: dict[str, list[int]] = {"enrolment": [], "office": []}


def _real(value: Any, kind: str) -> Any:
    """An even number becomes one of the real rows; an odd one, or no number, stays."""
    ids = REAL[kind]
    number = value if isinstance(value, int) and not isinstance(value, bool) else None
    if isinstance(value, str) and value.isdigit():
        number = int(value)
    if number is None or number % 2 or not ids:
        return value
    return ids[(number // 2) % len(ids)]


def _real_rows(case: schemathesis.Case[Any]) -> None:
    """Before each call, in every phase (the coverage phase applies no `map_` hook)."""
    parameters = case.path_parameters or {}
    for name, kind in (("enrolment_id", "enrolment"), ("office_id", "office")):
        if name in parameters:
            parameters[name] = _real(parameters[name], kind)
    if isinstance(case.body, list):
        for cell in case.body:
            if isinstance(cell, dict) and "enrolment" in cell:
                cell["enrolment"] = _real(cell["enrolment"], "enrolment")


@pytest.fixture
def world(
    agent_mons: User, partner_fle: User, partner_body: Partner, cimb: Centre
) -> Iterator[None]:
    """A file with a signed agreement, one enrolment waiting for the partner's answer and one
    accepted, and an office that takes online bookings."""
    pathway = make_pathway(actor=agent_mons)
    do_welcome(pathway, agent_mons)
    do_agreement(pathway, agent_mons)
    partner_body.gives_citizenship = True
    partner_body.save()
    referred = make_enrolment(
        pathway, make_offer(partner_body, Track.FRENCH), agent=agent_mons, accepted=False
    )
    enrolled = make_enrolment(
        pathway,
        make_offer(partner_body, Track.CITIZENSHIP),
        agent=agent_mons,
        partner_user=partner_fle,
    )
    REAL["enrolment"] = [referred.pk, enrolled.pk]
    office = make_office(cimb)
    make_availability(office, agent_mons)
    REAL["office"] = [office.pk]
    yield
    REAL["enrolment"], REAL["office"] = [], []


@pytest.fixture
def tokens(commune_mons: User, partner_fle: User) -> dict[str, str]:
    """The bearer token each security scheme of the document stands for."""
    return {
        "CommuneToken": api_token_issue(user=commune_mons, scope=TokenScope.REFERRALS, actor=None),
        "PartnerToken": api_token_issue(
            user=partner_fle, scope=TokenScope.PARTNER_HOURS, actor=None
        ),
    }


@pytest.mark.django_db
@schema.parametrize()
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_every_operation_answers_as_its_document_says(
    case: schemathesis.Case[Any], world: None, tokens: dict[str, str]
) -> None:
    schemes = {
        name for needed in case.operation.definition.raw.get("security", []) for name in needed
    }
    _real_rows(case)
    for name in schemes:
        case.call_and_validate(headers={"Authorization": f"Bearer {tokens[name]}"}, checks=CHECKS)
    if not schemes:
        case.call_and_validate(checks=CHECKS)
    for name in set(tokens) - schemes if schemes else ():
        # The real token of another role opens nothing here: refused before any view runs (a
        # control character, or a method the path does not take, is told first).
        refused = case.call(headers={"Authorization": f"Bearer {tokens[name]}"})
        assert refused.status_code in {400, 401, 405}, (name, refused.status_code)
