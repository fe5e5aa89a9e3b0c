"""A btree index on the folded names in the "C" collation (byte order), so that the search's
first pass — the names that start with the first word — is an index range scan that stops
at its LIMIT: `search_text COLLATE "C" LIKE 'word%' ORDER BY search_text COLLATE "C", id`.
(The database's collation, C.UTF-8 or a language's, serves neither a LIKE prefix nor this
order.) PostgreSQL only: SQLite compares text byte by byte already and has no "C"."""

from typing import Any

from django.db import migrations

INDEX = "person_search_prefix_idx"


def forwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {INDEX} ON people_person ((search_text COLLATE "C"), id)'
        )


def backwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("people", "0009_person_name_order_index")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
