import re
from datetime import date

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from pytest_django import DjangoAssertNumQueries

from parcours.accounts.models import User
from parcours.audit.enums import AccessKind
from parcours.audit.models import AccessEvent
from parcours.audit.services import access_record
from parcours.pathways.enums import EventKind
from parcours.pathways.explain import STAFF_MESSAGES
from parcours.pathways.models import Pathway
from parcours.pathways.services.events import event_record
from tests.factories.appointments import said
from tests.factories.people import make_pathway
from tests.queries import page_queries
from tests.types import ClientFor

pytestmark = pytest.mark.django_db
# A staff page says the reason about the person, not to them (pathways.explain.STAFF_MESSAGES).
OBLIGED = STAFF_MESSAGES["obligated"]


def _people(count: int, agent: User, start: int = 0) -> None:
    for index in range(start, start + count):
        make_pathway(actor=agent, national_number="", family_name=f"Doe{index}")


@time_machine.travel(date(2026, 5, 1))
def test_the_worklist_runs_the_same_queries_whatever_its_size(
    agent_mons: User, client_for: ClientFor
) -> None:
    client = client_for(agent_mons)
    url, scope = reverse("staff:worklist"), {"scope": "centre"}
    _people(3, agent_mons)
    page_queries(client, url, scope)  # warm-up: sessions, caches
    small = page_queries(client, url, scope)
    _people(27, agent_mons, start=3)
    response = client.get(url, scope)
    assert page_queries(client, url, scope) == small
    # Registered 15 Jan 2026: presentation was due on 15 Apr 2026, so every file is overdue.
    assert "DOE0" in response.content.decode()
    assert response.context["page"].paginator.count == 30


@time_machine.travel(date(2026, 5, 1))
def test_the_worklist_filters_by_task(agent_mons: User, client_for: ClientFor) -> None:
    _people(2, agent_mons)
    client = client_for(agent_mons)
    response = client.get(reverse("staff:worklist"), {"task": "certificate_ready"})
    assert response.context["page"].paginator.count == 0
    response = client.get(reverse("staff:worklist"), {"task": "overdue_presentation"})
    assert response.context["page"].paginator.count == 2


def test_the_person_page_runs_a_bounded_number_of_queries_and_is_audited(
    file_mons: Pathway,
    agent_mons: User,
    client_for: ClientFor,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    client = client_for(agent_mons)
    url = reverse("staff:person", args=[file_mons.person_id])
    with django_assert_max_num_queries(30):
        response = client.get(url)
    assert said(response, OBLIGED)  # the decision's reason, in the page's language (French)
    assert AccessEvent.objects.filter(person_id=file_mons.person_id, what="file").count() == 1


def test_search_finds_people_by_partial_name_without_accents_number_and_birth_date(
    agent_mons: User, agent_liege: User, client_for: ClientFor
) -> None:
    make_pathway(actor=agent_mons, family_name="Djé-Moûssa", given_names="Hélène")
    client = client_for(agent_mons)
    for query in ("moussa", "HELENE dje", "85.07.30-033.28", "30/07/1985", "1985-07-30"):
        response = client.post(reverse("staff:search"), {"q": query})
        assert "Hélène" in response.content.decode(), query
    response = client_for(agent_liege).post(reverse("staff:search"), {"q": "moussa"})
    assert "Hélène" not in response.content.decode()


def test_search_reads_the_query_from_a_post_never_from_the_url(
    agent_mons: User, client_for: ClientFor
) -> None:
    make_pathway(actor=agent_mons, family_name="Djé-Moûssa", given_names="Hélène")
    client = client_for(agent_mons)
    by_url = client.get(reverse("staff:search"), {"q": "moussa"}).content.decode()
    assert "Hélène" not in by_url
    page = client.get(reverse("staff:search")).content.decode()
    assert 'method="post"' in page and "csrfmiddlewaretoken" in page and "hx-get" not in page


def test_each_person_shown_in_search_results_is_in_the_access_log(
    agent_mons: User, client_for: ClientFor
) -> None:
    person = make_pathway(actor=agent_mons, family_name="Djé-Moûssa", given_names="Hélène").person
    client_for(agent_mons).post(reverse("staff:search"), {"q": "moussa"})
    event = AccessEvent.objects.get(person=person)
    assert (event.user, event.what) == (agent_mons, AccessKind.SEARCH)


def test_the_access_log_shows_what_was_read_in_words(
    agent_mons: User, coordinator_mons: User, client_for: ClientFor
) -> None:
    person = make_pathway(actor=agent_mons).person
    access_record(user=agent_mons, person=person, what=AccessKind.AGREEMENT_PDF)
    page = client_for(coordinator_mons).get(reverse("staff:access_log", args=[person.pk]))
    cells = set(re.findall(r"<td>([^<]*)</td>", page.content.decode()))
    labels = set()
    for language in ("fr", "en"):
        with translation.override(language):
            labels.add(str(AccessKind.AGREEMENT_PDF.label))
    assert "agreement_pdf" not in cells and labels & cells


def test_only_the_centre_sees_health_notes_and_each_view_is_audited(
    file_mons: Pathway, coordinator_mons: User, client_for: ClientFor
) -> None:
    client = client_for(coordinator_mons)
    response = client.get(reverse("staff:health", args=[file_mons.pk]))
    assert "Asthma" in response.content.decode()
    log = client.get(reverse("staff:access_log", args=[file_mons.person_id]))
    assert log.status_code == 200
    assert AccessEvent.objects.filter(user=coordinator_mons, what=AccessKind.HEALTH).exists()


def test_the_person_page_runs_the_same_number_of_queries_whatever_the_timeline(
    file_mons: Pathway, agent_mons: User, client_for: ClientFor
) -> None:
    client = client_for(agent_mons)
    url = reverse("staff:person", args=[file_mons.person_id])
    page_queries(client, url)  # warm the caches (content types, rules, sessions)
    short = page_queries(client, url)
    for index in range(200):
        event_record(pathway=file_mons, kind=EventKind.WELCOME, summary=f"Note {index}",
                     actor=agent_mons)  # fmt: skip
    assert page_queries(client, url) == short
