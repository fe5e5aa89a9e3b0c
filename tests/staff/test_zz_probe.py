import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.people import make_pathway

pytestmark = pytest.mark.django_db


def test_probe(file_mons, agent_mons, client_for):
    client = client_for(agent_mons)
    make_pathway(
        actor=agent_mons, national_number="", family_name="Djé-Moûssa", given_names="Hélène"
    )
    url = reverse("staff:person", args=[file_mons.person_id])
    client.get(url)
    with CaptureQueriesContext(connection) as c:
        client.get(url)
    print("PERSON", len(c.captured_queries))
    for q in c.captured_queries:
        print("  ", q["sql"][:230])
    client.post(reverse("staff:search"), {"q": "moussa"})
    with CaptureQueriesContext(connection) as c:
        client.post(reverse("staff:search"), {"q": "moussa"})
    print("SEARCH", len(c.captured_queries))
    for q in c.captured_queries:
        print("  ", q["sql"][:230])
