"""A trigram (pg_trgm) GIN index on the folded names, so that a partial search by name
(`search_text LIKE '%word%'`) reads the index instead of every row. PostgreSQL only: SQLite
(the demo) has no such index and scans, which is fine at its size. The extension is created
when the database role may; otherwise the index is skipped and search still works."""

from typing import Any

from django.db import migrations

INDEX = "person_search_trgm_idx"


def forwards(apps: Any, schema_editor: Any) -> None:
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is None:
            cursor.execute("SAVEPOINT parcours_trgm")
            try:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            except Exception:  # noqa: BLE001 - no right to create it: search works without
                cursor.execute("ROLLBACK TO SAVEPOINT parcours_trgm")
                return
            cursor.execute("RELEASE SAVEPOINT parcours_trgm")
        # The lookup casts the column to text (`search_text::text LIKE ...`): index that.
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON people_person "
            "USING gin ((search_text::text) gin_trgm_ops)"
        )


def backwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("people", "0002_import_job")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
