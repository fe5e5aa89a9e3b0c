"""Every foundation staff URL × every persona → the expected status (one table)."""

import pytest
from django.test import Client

from parcours.accounts.models import User
from parcours.demo.services import demo_seed
from parcours.territory.models import Office

PERSONAS = [
    "anonymous",
    "agent_mons",
    "coordinator_mons",
    "agent_liege",
    "partner_fle",
    "commune_mons",
    "region",
    "admin_user",
]

# url → expected status per persona, in the order of PERSONAS. 302 = sent to the login page.
MATRIX = {
    "/staff/": [302, 200, 200, 200, 200, 200, 200, 200],
    "/staff/offices/{cimb_office}/": [302, 200, 200, 404, 403, 403, 200, 200],
    "/admin/": [302, 302, 200, 302, 302, 302, 302, 200],
    "/admin/territory/commune/": [302, 302, 200, 302, 302, 302, 302, 200],
    "/admin/territory/office/": [302, 302, 403, 302, 302, 302, 302, 200],
    "/admin/accounts/user/": [302, 302, 403, 302, 302, 302, 302, 200],
    "/admin/accounts/apitoken/": [302, 302, 403, 302, 302, 302, 302, 200],
    "/admin/territory/referencedataset/": [302, 302, 200, 302, 302, 302, 302, 200],
}
CASES = [
    (url, persona, statuses[i])
    for url, statuses in MATRIX.items()
    for i, persona in enumerate(PERSONAS)
]


@pytest.mark.parametrize(("url", "persona", "expected"), CASES)
def test_permission_matrix(  # noqa: PLR0917 -- pytest passes fixtures and parameters by name
    request: pytest.FixtureRequest,
    client: Client,
    territory: None,
    url: str,
    persona: str,
    expected: int,
) -> None:
    demo_seed()
    office = Office.objects.filter(centre__code="CIMB").first()
    assert office is not None
    if persona != "anonymous":
        user: User = request.getfixturevalue(persona)
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(url.format(cimb_office=office.pk))
    assert response.status_code == expected
