"""On PostgreSQL, a partial search by name reads the pg_trgm GIN index of the folded names."""

import pytest
from django.db import connection

from parcours.accounts.models import User
from parcours.pathways.selectors import people_search
from parcours.people.models import Person
from tests.factories.people import make_pathway

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's"),
]


def test_the_trigram_index_exists_on_the_folded_names() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'person_search_trgm_idx'")
        row = cursor.fetchone()
    assert row is not None and "gin_trgm_ops" in row[0]


def test_the_name_lookup_of_the_search_can_use_the_trigram_index(agent_mons: User) -> None:
    """The search's lookup (`search_text::text LIKE '%word%'`) matches the index expression;
    bench/bench_casework.py shows the whole search's plan on 50,000 people."""
    make_pathway(actor=agent_mons, family_name="Djé-Moûssa", given_names="Hélène")
    assert [p.given_names for p in people_search(user=agent_mons, query="moussa")] == ["Hélène"]
    # No order: the name-order index would answer the ORDER BY and hide the lookup's plan.
    lookup = Person.objects.filter(search_text__contains="moussa").only("pk").order_by()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        # The prefix index (names in byte order, for the first pass) can be read whole for
        # any LIKE; without it, the trigram index must serve (rolled back with the test).
        cursor.execute("DROP INDEX person_search_prefix_idx")
        sql, params = lookup.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "person_search_trgm_idx" in plan, plan


def test_the_first_pass_of_a_name_search_is_a_range_scan_of_the_prefix_index(
    agent_mons: User,
) -> None:
    """`search_text COLLATE "C" LIKE 'word%' ORDER BY search_text COLLATE "C" LIMIT n`: an
    index range scan in the answer's order, which stops at the LIMIT (the plans at 500,000
    people are in docs/performance.md)."""
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    from parcours.pathways.selectors import people_search_keys  # noqa: PLC0415

    make_pathway(actor=agent_mons, family_name="Nguyen", given_names="Anh")
    with CaptureQueriesContext(connection) as captured:  # the search's own first pass
        assert len(people_search_keys(user=agent_mons, query="nguyen", limit=1)) == 1
    (first,) = [q["sql"] for q in captured.captured_queries]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {first}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "person_search_prefix_idx" in plan, plan
    assert "Sort" not in plan, plan  # the index gives the order, (folded name, id)
