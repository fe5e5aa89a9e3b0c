"""PostgreSQL's JIT compiles plans for analytic queries; on the pages' short queries it only
adds hundreds of milliseconds (issue 16: 556–656 ms on the worklist at 500,000 people), so the
OLTP connection turns it off."""

import pytest
from django.db import connection

from config.database import parse_database_url


def test_every_postgresql_connection_asks_for_jit_off() -> None:
    for pooled in (False, True):
        config = parse_database_url("postgres://parcours@db.example/parcours", pooled=pooled)
        assert config["OPTIONS"]["options"].split(" ")[:2] == ["-c", "jit=off"]


@pytest.mark.django_db
def test_the_connection_the_pages_use_has_jit_off() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("JIT is a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
