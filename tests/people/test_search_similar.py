"""On PostgreSQL, a name spelt a little differently still finds the person when the exact
spelling finds nobody (pg_trgm's word similarity above its threshold, closest first)."""

import pytest
from django.db import connection
from django.urls import reverse

from parcours.accounts.models import User
from tests.factories.people import make_pathway
from tests.types import ClientFor

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's"),
]


def test_a_misspelt_name_finds_the_closest_spellings_first(
    agent_mons: User, agent_liege: User, client_for: ClientFor
) -> None:
    make_pathway(actor=agent_mons, national_number="", family_name="Nguyen", given_names="Anh")
    make_pathway(actor=agent_mons, national_number="", family_name="Nguyenne", given_names="Bao")
    make_pathway(actor=agent_mons, national_number="", family_name="Petrenko", given_names="Olena")
    response = client_for(agent_mons).post(reverse("staff:search"), {"q": "nguyem"})
    found = [p.family_name for p in response.context["results"]]
    assert found == ["Nguyen", "Nguyenne"]
    elsewhere = client_for(agent_liege).post(reverse("staff:search"), {"q": "nguyem"})
    assert list(elsewhere.context["results"]) == []
