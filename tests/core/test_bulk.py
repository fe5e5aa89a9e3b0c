"""`core.bulk.rows_update`: a value of its own per row, in one statement per batch on
PostgreSQL (`bulk_update` elsewhere), NULLs and booleans included."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parcours.accounts.models import User
from parcours.core.bulk import rows_update
from parcours.pathways.models import Pathway
from tests.factories.people import make_pathway

pytestmark = pytest.mark.django_db


def test_each_row_gets_its_own_values_in_one_statement_per_batch(agent_mons: User) -> None:
    made = [
        make_pathway(actor=agent_mons, national_number="", family_name=f"Bulk{n}") for n in range(5)
    ]
    untouched = make_pathway(actor=agent_mons, national_number="", family_name="Other")
    before = Pathway.objects.values_list("present_by", "ready_for_certificate").get(pk=untouched.pk)
    for n, pathway in enumerate(made):
        pathway.present_by = None if n == 2 else date(2027, 1, 1) + timedelta(days=n)
        pathway.ready_for_certificate = n % 2 == 0
    with CaptureQueriesContext(connection) as queries:
        written = rows_update(made, ["present_by", "ready_for_certificate"], batch_size=3)
    assert written == 5
    if connection.vendor == "postgresql":
        assert len(queries) == 2  # two batches: one UPDATE … FROM UNNEST each
    stored = dict(
        Pathway.objects.filter(pk__in=[p.pk for p in made]).values_list("pk", "present_by")
    )
    for n, pathway in enumerate(made):
        assert stored[pathway.pk] == pathway.present_by, n
    ready = set(
        Pathway.objects.filter(pk__in=[p.pk for p in made], ready_for_certificate=True).values_list(
            "pk", flat=True
        )
    )
    assert ready == {made[0].pk, made[2].pk, made[4].pk}
    assert (
        Pathway.objects.values_list("present_by", "ready_for_certificate").get(pk=untouched.pk)
        == before
    )
    assert rows_update([], ["present_by"]) == 0
