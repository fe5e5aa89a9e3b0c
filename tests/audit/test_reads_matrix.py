"""Every URL of the permission matrix that shows a person writes an AccessEvent for that
person and that user (issue 14: 64 of 81 reads of personal data left none).

"Shows a person": the answer names one of the world's people (family name or national
number), or it is one of the files about a person (PDFs, attestations, proofs of level)."""

import re

import pytest
from django.http import HttpResponseBase

from parcours.accounts.models import User
from parcours.audit.models import AccessEvent
from parcours.people.models import Person
from tests.matrix_world import World
from tests.test_permission_matrix import (  # the matrix's own world and personas
    MATRIX,
    PERSONAS,
    Visit,
    _admin_model,
    _quiet_outboxes,  # noqa: F401 -- autouse fixture
    _statuses,
    _token,
    personas,  # noqa: F401 -- fixture
    project_routes,
    world,  # noqa: F401 -- fixture
)
from tests.types import ClientFor

pytestmark = pytest.mark.django_db

# Files about one person whose bytes do not show the name (compressed PDF streams).
PERSON_FILES = {
    "staff:agreement_pdf",
    "staff:convocation_pdf",
    "staff:certificate_pdf",
    "staff:case_letter",
    "staff:decision_letter",
    "staff:centre_attestation_file",
    "staff:centre_level_proof",
    "staff:region_sanction_pdf",
    "partner:attestation_file",
    "partner:level_proof",
}

# Pages about no one (the API schema), and the public check of a certificate, which shows
# what the certificate says to whoever has its code (the file is not read).
NO_PERSON = {"api:openapi-json", "api:openapi-view", "verify:verify"}


def _content(response: HttpResponseBase) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return bytes(getattr(response, "content", b""))


def _shown(body: bytes, people: list[Person]) -> list[Person]:
    text = body.decode("utf-8", "replace")

    def named(name: str) -> bool:  # as written, or in capitals (lists show "AL-HASSAN Amira")
        return any(re.search(rf"\b{re.escape(n)}\b", text) for n in (name, name.upper()))

    return [
        p
        for p in people
        if named(p.family_name) or (p.national_number and p.national_number in text)
    ]


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"])
def test_every_page_that_shows_a_person_records_who_read_it(
    persona: str,
    personas: dict[str, User | None],  # noqa: F811
    world: World,  # noqa: F811
    client_for: ClientFor,
) -> None:
    user = personas[persona]
    assert user is not None
    visit = Visit(client_for(user), persona, world, _token(persona, user, world))
    column = PERSONAS.index(persona)
    people = list(Person.objects.all())
    missing, checked = [], 0
    for route in project_routes():
        if _admin_model(route) is not None or route.name.startswith("admin:"):
            continue  # the admin site records its own reads (AccessKind.ADMIN)
        methods, statuses = MATRIX[route.name]
        if methods == "POST" or _statuses(statuses)[column] != 200:
            continue
        if route.name in NO_PERSON:
            continue
        for url in visit.urls(route):
            last = AccessEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            response = visit.client.get(url, headers=visit.headers(route))
            if response.status_code != 200:
                continue
            shown = _shown(_content(response), people)
            written = set(
                AccessEvent.objects.filter(pk__gt=last, user=user).values_list(
                    "person_id", flat=True
                )
            )
            if route.name in PERSON_FILES and not written:
                missing.append(f"{url}: a file about a person, no event")
            # Two people may share a name (two "Reported" cases): one of them was read.
            for name in {person.family_name for person in shown}:
                checked += 1
                if not written & {p.pk for p in shown if p.family_name == name}:
                    missing.append(f"{url}: shows {name}, no event")
    assert missing == [], "\n".join(missing)
    if persona in {"agent_mons", "coordinator_mons"}:
        assert checked > 20  # the walk did see people
    if persona in {"partner_fle", "commune_mons", "region"}:
        assert checked >= 2


def test_a_list_writes_one_row_per_person_in_one_insert(
    personas: dict[str, User | None],  # noqa: F811
    world: World,  # noqa: F811
    client_for: ClientFor,
    django_assert_max_num_queries: object,
) -> None:
    user = personas["agent_mons"]
    assert user is not None
    client = client_for(user)
    last = AccessEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = client.get("/staff/worklist/")
    assert response.status_code == 200
    rows = list(AccessEvent.objects.filter(pk__gt=last).values_list("person_id", "what", "where"))
    people = [person for person, _what, _where in rows]
    assert len(people) == len(set(people)) >= 1  # one row per person
    assert {(what, where) for _p, what, where in rows} == {("page", "staff:worklist")}


def test_nothing_is_recorded_for_a_refused_request(
    personas: dict[str, User | None],  # noqa: F811
    world: World,  # noqa: F811
    client_for: ClientFor,
) -> None:
    user = personas["agent_liege"]
    assert user is not None
    before = AccessEvent.objects.count()
    person = Person.objects.filter(family_name="Booked").get()
    assert client_for(user).get(f"/staff/people/{person.pk}/").status_code == 404
    assert AccessEvent.objects.count() == before


def test_the_person_page_shows_the_coordinator_who_read_the_file(
    personas: dict[str, User | None],  # noqa: F811
    world: World,  # noqa: F811
    client_for: ClientFor,
) -> None:
    agent, coordinator = personas["agent_mons"], personas["coordinator_mons"]
    assert agent is not None and coordinator is not None
    person = Person.objects.filter(family_name="Booked").get()
    assert client_for(agent).get(f"/staff/appointments/staff/{agent.pk}/").status_code == 200
    agent_page = client_for(agent).get(f"/staff/people/{person.pk}/").content.decode()
    assert 'class="readers"' not in agent_page  # coordinators only
    page = client_for(coordinator).get(f"/staff/people/{person.pk}/").content.decode()
    readers = page.split('class="readers"')[1].split("</ul>")[0]
    assert (agent.email in readers and "2 reads" in readers) or "2 lectures" in readers
