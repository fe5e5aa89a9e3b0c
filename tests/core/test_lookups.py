"""`core.lookups.AnyOf` (`<key>__any_of=[…]`): the same rows as `__in`, the list sent as one
parameter on PostgreSQL (`= ANY(%s::bigint[])`, the column's index used), `IN (…)`
elsewhere; an empty list matches nothing (and `exclude` everything) without a query;
anything but integer keys refused before SQL, and the lookup only on integer columns and
foreign keys."""

from decimal import Decimal

import pytest
from django.core.exceptions import FieldError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parcours.accounts.models import User
from parcours.pathways.models import Pathway, PathwayEvent
from tests.factories.people import make_pathway

pytestmark = pytest.mark.django_db


@pytest.fixture
def files(agent_mons: User) -> list[Pathway]:
    return [
        make_pathway(actor=agent_mons, national_number="", family_name=f"Any{n}") for n in range(4)
    ]


def test_the_same_rows_as_in_for_a_key_and_a_foreign_key(files: list[Pathway]) -> None:
    keys = [files[0].pk, files[2].pk, files[3].pk, 10**12]  # one key no row has
    by_in = set(Pathway.objects.filter(pk__in=keys).values_list("pk", flat=True))
    by_any = set(Pathway.objects.filter(pk__any_of=keys).values_list("pk", flat=True))
    assert by_any == by_in == {files[0].pk, files[2].pk, files[3].pk}
    events_in = list(PathwayEvent.objects.filter(pathway_id__in=keys).order_by("pk"))
    events_any = list(PathwayEvent.objects.filter(pathway_id__any_of=keys).order_by("pk"))
    assert events_any == events_in
    assert events_any  # each file has its creation's events
    assert {e.pathway_id for e in events_any} == by_in
    # Any iterable of keys: a set, a dict's keys, as the set-based services pass them.
    assert Pathway.objects.filter(pk__any_of={files[1].pk: "x"}).get() == files[1]
    left = set(Pathway.objects.exclude(pk__any_of=keys).values_list("pk", flat=True))
    assert files[1].pk in left
    assert left.isdisjoint(by_in)


def test_one_parameter_on_postgresql_and_the_index_is_used(files: list[Pathway]) -> None:
    keys = [pathway.pk for pathway in files]
    with CaptureQueriesContext(connection) as queries:
        assert Pathway.objects.filter(pk__any_of=keys).count() == len(keys)
    (query,) = queries.captured_queries
    if connection.vendor == "postgresql":
        assert "= ANY(" in query["sql"]
        assert " IN (" not in query["sql"]
        with connection.cursor() as cursor:  # a table this small would be read whole
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = Pathway.objects.filter(pk__any_of=keys).explain()
        assert "Index Cond: (id = ANY (" in plan
    else:
        assert " IN (" in query["sql"]


def test_an_empty_list_matches_nothing_without_a_query(files: list[Pathway]) -> None:
    with CaptureQueriesContext(connection) as queries:
        assert list(Pathway.objects.filter(pk__any_of=[])) == []
        assert Pathway.objects.filter(pk__any_of=[]).update(voluntary=True) == 0
    assert len(queries) == 0
    assert Pathway.objects.exclude(pk__any_of=[]).count() == len(files)
    assert not Pathway.objects.filter(voluntary=True, pk__any_of=[p.pk for p in files]).exists()


@pytest.mark.parametrize(
    "value", ["12", None, 12, [1, None], ["a"], ["12"], [1.5], [Decimal(2)], [True]]
)
def test_anything_but_integer_keys_is_refused(value: object) -> None:
    # A float or a decimal would be truncated to another file's key, a boolean taken for 1.
    with pytest.raises(TypeError):
        Pathway.objects.filter(pk__any_of=value)


def test_only_integer_columns_and_foreign_keys_have_it() -> None:
    with pytest.raises(FieldError):
        Pathway.objects.filter(status__any_of=[1])
