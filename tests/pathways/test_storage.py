"""How the files' table is stored on PostgreSQL (migration `pathways/0023`): a quarter of each
page left free, so that the nightly writes of columns no index holds (the pace's day, its
flag) put the row's new version on its page without an entry in each of the 14 indexes
(measured in `docs/performance.md`: 210 → 22 ms per 2,000 files at 500,000)."""

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL storage"),
]


def test_the_files_table_keeps_room_on_its_pages() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'pathways_pathway'")
        (options,) = cursor.fetchone()
    assert "fillfactor=75" in (options or [])
