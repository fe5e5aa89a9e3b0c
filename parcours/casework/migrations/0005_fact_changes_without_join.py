"""The triggers of `0004_fact_changes` compared each updated row with its old version by
joining the statement's two transition tables. PostgreSQL has no statistics on them and
planned a nested loop: every new row against every old one, 554 of the 620 ms of one UPDATE
of 2,000 files at 500,000 people (the nightly pace's, which changes no watched column). The
same rows are found by a set difference (`EXCEPT`, linear, NULLs compared as equal as
`IS DISTINCT FROM` does): the new rows that are not among the old ones, and the old rows not
among the new ones. The tables, columns and events watched are those of 0004."""

import importlib

from django.db import migrations

_0004 = importlib.import_module("parcours.casework.migrations.0004_fact_changes")
MARK = _0004.MARK


def _function(table, ids, columns, events, changed):
    listed = ", ".join(("id", *(c for c in columns if c != "id")))
    branches = {
        "INSERT": MARK.format(ids=ids.format(rows="new_rows")),
        "DELETE": MARK.format(ids=ids.format(rows="old_rows")),
        "UPDATE": MARK.format(
            ids=ids.format(rows=changed.format(listed=listed, one="new_rows", other="old_rows"))
            + " UNION ALL "
            + ids.format(rows=changed.format(listed=listed, one="old_rows", other="new_rows"))
        ),
    }
    body = " ".join(
        f"{'IF' if index == 0 else 'ELSIF'} TG_OP = '{event}' THEN {branches[event]}"
        for index, event in enumerate(events)
    )
    return (
        f"CREATE OR REPLACE FUNCTION parcours_facts_{table}() RETURNS trigger"
        " LANGUAGE plpgsql SET search_path FROM CURRENT AS $$"
        f" BEGIN {body} END IF; RETURN NULL; END $$;"
    )


# The rows of one side whose watched columns (and key) are not found on the other side.
EXCEPT = "(SELECT {listed} FROM {one} EXCEPT SELECT {listed} FROM {other})"


def _replace(schema_editor, changed):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, (ids, columns, events) in _0004.SOURCES.items():
        schema_editor.execute(_function(table, ids, columns, events, changed))


def functions_replace(apps, schema_editor):
    _replace(schema_editor, EXCEPT)


def functions_restore(apps, schema_editor):
    """Back to 0004's functions (a join of the transition tables)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, (ids, columns, events) in _0004.SOURCES.items():
        created = _0004._function(table, ids, columns, events)
        schema_editor.execute(created.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1))


class Migration(migrations.Migration):
    dependencies = [("casework", "0004_fact_changes")]

    operations = [migrations.RunPython(functions_replace, functions_restore)]
