"""Writing millions of generated rows fast (the synthetic region of `seed_region`).

- `Table`: the columns of a model's table in a fixed order; a row is the tuple of the given
  columns, the others take their field's default (checked once: a column without a default
  must be given).
- `table_write`: PostgreSQL's `COPY … FROM STDIN` (psycopg `cursor.copy`), batched INSERTs
  on another database.
- `bulk_loading`: on PostgreSQL, the secondary indexes and the foreign keys of the tables
  being filled are dropped for the load and built again at the end (one sort per index instead
  of one insertion per row, one join per foreign key instead of one lookup per row), and their
  triggers are off (the caller marks the files for the statistics), all in the caller's
  transaction: a load that fails leaves the tables as they were.
- `next_ids` / `sequences_reset`: the rows carry their primary keys (the tables point at each
  other within a chunk); the sequences are moved past them afterwards."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models

BATCH = 2_000


class Table:
    def __init__(self, model: type[models.Model], given: Sequence[str]) -> None:
        self.model = model
        fields = {f.attname: f for f in model._meta.concrete_fields}
        unknown = set(given) - set(fields)
        if unknown:
            raise ValueError(f"{model.__name__} has no column {sorted(unknown)}")
        rest = [f for name, f in fields.items() if name not in given]
        tail: list[Any] = []
        for f in rest:
            if f.has_default() and callable(f.default) and f.default not in (list, dict):
                raise ValueError(f"{model.__name__}.{f.attname}: give it (its default varies)")
            value = f.get_default()
            if value is None and not f.null:
                raise ValueError(f"{model.__name__}.{f.attname} has no default: give it")
            tail.append(value)
        self.columns: tuple[str, ...] = (*given, *(f.attname for f in rest))
        self.tail = tuple(tail)
        self.json = tuple(
            i for i, name in enumerate(self.columns) if isinstance(fields[name], models.JSONField)
        )
        self.rows: list[tuple[Any, ...]] = []

    def add(self, *values: Any) -> None:
        self.rows.append(values + self.tail)

    def take(self) -> list[tuple[Any, ...]]:
        rows, self.rows = self.rows, []
        return rows


def _dumped(rows: list[tuple[Any, ...]], json_columns: tuple[int, ...]) -> Iterator[Sequence[Any]]:
    if not json_columns:
        yield from rows
        return
    for row in rows:
        values = list(row)
        for i in json_columns:
            values[i] = json.dumps(values[i], cls=DjangoJSONEncoder)
        yield values


def table_write(table: Table) -> int:
    """The table's pending rows into the database (and out of memory)."""
    rows = table.take()
    if not rows:
        return 0
    if connection.vendor == "postgresql":
        quote = connection.ops.quote_name
        names = ", ".join(quote(c) for c in table.columns)
        with connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg's own cursor: COPY FROM STDIN
            with raw.copy(f"COPY {quote(table.model._meta.db_table)} ({names}) FROM STDIN") as copy:
                for row in _dumped(rows, table.json):
                    copy.write_row(row)
        return len(rows)
    # Elsewhere (SQLite): INSERTs of the fields' database values, in batches — not
    # `bulk_create`, whose `pre_save` would stamp the generated timestamps with the clock.
    by_column = {f.attname: f for f in table.model._meta.concrete_fields}
    fields = [by_column[c] for c in table.columns]
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(table.model._meta.db_table)} "  # noqa: S608 -- model names only
        f"({', '.join(quote(c) for c in table.columns)}) "
        f"VALUES ({', '.join(['%s'] * len(table.columns))})"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(
                sql,
                [
                    [f.get_db_prep_save(v, connection) for f, v in zip(fields, row, strict=True)]
                    for row in rows[start : start + BATCH]
                ],
            )
    return len(rows)


def next_ids(tables: Sequence[type[models.Model]]) -> dict[type[models.Model], int]:
    """The first free primary key of each table."""
    found = {}
    with connection.cursor() as cursor:
        for model in tables:
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # noqa: S608
            found[model] = int(cursor.fetchone()[0])
    return found


def sequences_reset(tables: Sequence[type[models.Model]]) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), list(tables))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


_INDEXES = """
SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
FROM pg_index i
WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
ORDER BY 1
"""
_FOREIGN_KEYS = """
SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
FROM pg_constraint c
WHERE c.contype = 'f' AND c.conrelid = ANY(%s::regclass[])
ORDER BY 1, 2
"""


@contextmanager
def bulk_loading(tables: Sequence[type[models.Model]]) -> Iterator[None]:
    """Inside a transaction: the tables' secondary indexes and foreign keys are dropped for the
    load and made again (the keys checked then, in one pass each) when it ends. Their own
    triggers (the statistics' change marks, `casework.FactChange`) are off meanwhile: the
    caller marks what it loaded (`statistics.facts.facts_mark_all`)."""
    if connection.vendor != "postgresql":
        yield
        return
    names = [model._meta.db_table for model in tables]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        # The checks the transaction deferred so far run now: a table with pending trigger
        # events cannot lose a foreign key (the accounts made before the load point at it).
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute(_INDEXES, [names])
        indexes = list(cursor.fetchall())
        cursor.execute(_FOREIGN_KEYS, [names])
        keys = list(cursor.fetchall())
        for table, name, _definition in keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
        for table in names:
            cursor.execute(f"ALTER TABLE {quote(table)} DISABLE TRIGGER USER")
    yield
    with connection.cursor() as cursor:
        for table in names:
            cursor.execute(f"ALTER TABLE {quote(table)} ENABLE TRIGGER USER")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in keys:
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {definition}")
