"""`core.prefetch.json_relations`: the short lists of each row read in the row's own query,
the same as the ORM reads them (filters, followed rows, order), and each relation's SQL
compiled once per process."""

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from parcours.accounts.models import User
from parcours.core.prefetch import _relation_sql, json_relations, json_relations_load
from parcours.pathways.models import Pathway, PathwayEvent
from parcours.people.models import Person, PersonChange
from tests.factories.people import make_pathway

pytestmark = pytest.mark.django_db

FOLLOW = {"changes": ("changed_by", ("full_name",))}


def _people(ids: list[int]) -> list[Person]:
    found = json_relations(Person.objects.filter(pk__in=ids), ["changes"], follow=FOLLOW)
    people = list(found.order_by("pk"))
    json_relations_load(people, ["changes"], follow=FOLLOW)
    return people


def test_each_row_gets_its_own_rows_as_the_orm_reads_them(agent_mons: User) -> None:
    first = make_pathway(actor=agent_mons, national_number="", family_name="Alpha").person
    second = make_pathway(actor=agent_mons, national_number="", family_name="Beta").person
    for n in range(3):
        PersonChange.objects.create(
            person=first,
            field="phone",
            old_value=str(n),
            new_value=str(n + 1),
            changed_by=agent_mons,
        )
    PersonChange.objects.create(person=second, field="email", new_value="b@example.org")
    with CaptureQueriesContext(connection) as queries:
        people = _people([first.pk, second.pk])
        read = {p.pk: list(p.changes.all()) for p in people}
        names = [c.changed_by.full_name for c in read[first.pk] if c.changed_by]
    assert len(queries) == 1  # the lists came with the rows
    expected = {p.pk: list(p.changes.all()) for p in Person.objects.filter(pk__in=read)}
    assert {pk: [c.pk for c in rows] for pk, rows in read.items()} == {
        pk: [c.pk for c in rows] for pk, rows in expected.items()
    }
    assert [c.old_value for c in read[first.pk]][:3] == ["2", "1", "0"]  # the model's order
    assert read[first.pk][0].changed_at == expected[first.pk][0].changed_at
    assert names[:3] == [agent_mons.full_name] * 3
    assert read[second.pk][0].changed_by is None


def test_a_relation_is_compiled_once_and_its_filter_kept(agent_mons: User) -> None:
    pathway = make_pathway(actor=agent_mons, national_number="")
    events = PathwayEvent.objects.filter(pathway=pathway)
    kept = events.order_by("pk").first()
    assert kept is not None
    _relation_sql.cache_clear()
    for _ in range(3):
        found = json_relations(
            Pathway.objects.filter(pk=pathway.pk), ["events"], {"events": Q(pk=kept.pk)}
        )
        rows = list(found)
        json_relations_load(rows, ["events"])
        assert [e.pk for e in rows[0].events.all()] == [kept.pk]
    assert _relation_sql.cache_info().misses == 1
    assert _relation_sql.cache_info().hits == 2
    unfiltered = json_relations(Pathway.objects.filter(pk=pathway.pk), ["events"])
    rows = list(unfiltered)
    json_relations_load(rows, ["events"])
    assert {e.pk for e in rows[0].events.all()} == set(events.values_list("pk", flat=True))
