"""Writing a different value per row to many rows at once.

Django's `bulk_update` builds a `CASE WHEN pk = … THEN …` per row and per field and resolves
each as an expression: at 13,000 files and eight columns that was 20 of the nightly clock
refresh's 44 s. On PostgreSQL `rows_update` sends one `UPDATE … FROM UNNEST(…)` per batch
instead, each column as one typed array (the way Django's own `bulk_create` inserts on
PostgreSQL); elsewhere (SQLite, the demo) it falls back to `bulk_update`.

`rows_insert` writes new rows whose keys nobody reads back (decisions, timeline events) with
PostgreSQL's COPY. Django's `bulk_create` sends each column as one text array (`UNNEST`):
psycopg quotes every element of the array with a regular expression, and a JSON column's
every double quote is one more match — for a referral import's decisions (traces of ~4 kB)
that quoting, and the server parsing those arrays back, were half of the import's time."""

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import Field, Model

M = TypeVar("M", bound=Model)
BATCH = 2000


def rows_update(objects: Sequence[M], fields: Sequence[str], batch_size: int = BATCH) -> int:
    """Write `fields` of each of `objects` (instances of one model, saved) to its row; returns
    how many rows were written. No signal, no `save()`, as `bulk_update`."""
    if not objects:
        return 0
    model = type(objects[0])
    if connection.vendor != "postgresql":
        return model._default_manager.bulk_update(objects, list(fields), batch_size=batch_size)
    attnames = [_concrete(model._meta.get_field(name)).attname for name in fields]  # a key's id
    rows = {obj.pk: [getattr(obj, name) for name in attnames] for obj in objects}
    return keys_update(model, fields, rows, batch_size)


def keys_update(
    model: type[Model],
    fields: Sequence[str],
    rows: Mapping[Any, Sequence[Any]],
    batch_size: int = BATCH,
) -> int:
    """`rows_update` without instances: `rows` maps each primary key to its values of
    `fields`, in that order (the hours pace writes the day of 178,441 files on a first night:
    building a file's instance to hold one date cost more than the UPDATE)."""
    if not fields:
        raise ValueError("keys_update writes at least one field")
    if not rows:
        return 0
    if any(len(values) != len(fields) for values in rows.values()):
        raise ValueError(f"each row gives one value per field ({len(fields)})")
    meta = model._meta
    columns = [_concrete(meta.get_field(name)) for name in fields]
    if connection.vendor != "postgresql":  # by attname: a foreign key's value is its key
        objects = [
            model(pk=pk, **{f.attname: value for f, value in zip(columns, values, strict=True)})
            for pk, values in rows.items()
        ]
        return model._default_manager.bulk_update(objects, list(fields), batch_size=batch_size)
    pk = _concrete(meta.pk)
    names = ", ".join(connection.ops.quote_name(f.column) for f in [pk, *columns])
    arrays = ", ".join(f"%s::{f.db_type(connection)}[]" for f in [pk, *columns])
    assignments = ", ".join(
        f"{connection.ops.quote_name(f.column)} = v.{connection.ops.quote_name(f.column)}"
        for f in columns
    )
    table, key = connection.ops.quote_name(meta.db_table), connection.ops.quote_name(pk.column)
    sql = (
        f"UPDATE {table} SET {assignments} FROM UNNEST({arrays}) AS v({names}) "  # noqa: S608 -- names from the model
        f"WHERE {table}.{key} = v.{key}"
    )
    items = list(rows.items())
    written = 0
    with connection.cursor() as cursor:
        for start in range(0, len(items), batch_size):
            batch = items[start : start + batch_size]
            params: list[list[Any]] = [[pk.get_db_prep_save(key, connection) for key, _ in batch]]
            params += [
                [f.get_db_prep_save(values[n], connection) for _, values in batch]
                for n, f in enumerate(columns)
            ]
            cursor.execute(sql, params)
            written += cursor.rowcount
    return written


def rows_insert(objects: Sequence[M], batch_size: int = BATCH) -> int:
    """Insert `objects` (new instances of one model) without reading their keys back: on
    PostgreSQL one COPY, elsewhere `bulk_create`. Each field's `pre_save` runs as for
    `bulk_create` (`auto_now_add` stamps the time); no signal, no `save()`. Returns how many
    rows were written; the instances keep `pk` None. For plain rows only: values, not
    expressions; no `db_default`, generated field or inherited model; the related objects
    saved before (their keys are read as they are). On PostgreSQL `batch_size` is not used:
    one COPY streams every row."""
    if not objects:
        return 0
    model = type(objects[0])
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(objects, batch_size=batch_size)
        return len(objects)
    meta = model._meta
    fields = [f for f in meta.concrete_fields if f is not meta.auto_field]
    db = connections[DEFAULT_DB_ALIAS]  # not the proxy: each field's preparation reads it
    rows = ([f.get_db_prep_save(f.pre_save(obj, True), db) for f in fields] for obj in objects)
    _copy(model, fields, rows)
    return len(objects)


def values_insert(model: type[Model], rows: Sequence[Mapping[str, Any]]) -> int:
    """`rows_insert` without instances: each row the values of some fields by `attname`
    (`pathway_id`, not `pathway`), the same fields in every row; each of the others gets what
    `pre_save` of a new instance gives it (its default, or the time for `auto_now_add`),
    computed once for all the rows (a callable default is called once). Building a model
    instance per row, then preparing each of its fields, cost more than the COPY (a first
    night opens 168,789 cases and as many events). The limits of `rows_insert`; a field
    stamped by `auto_now`/`auto_now_add` is not given (refused). Elsewhere than PostgreSQL,
    instances and `bulk_create`."""
    if not rows:
        return 0
    given = rows[0].keys()
    if any(row.keys() != given for row in rows):
        raise ValueError("every row gives the same fields")
    meta = model._meta
    fields = [f for f in meta.concrete_fields if f is not meta.auto_field]
    unknown = set(given) - {f.attname for f in fields}
    if unknown:
        raise TypeError(f"{model.__name__} has no field {', '.join(sorted(unknown))}")
    stamped = {
        f.attname
        for f in fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    }
    if stamped & set(given):
        raise TypeError(f"{', '.join(sorted(stamped & set(given)))} is stamped, not given")
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create([model(**row) for row in rows])
        return len(rows)
    db = connections[DEFAULT_DB_ALIAS]
    new = model()  # what a new row gets of the fields not given
    # (attname, field) for a value of each row; (None, prepared) for one shared by all.
    plan: list[tuple[str | None, Any]] = [
        (f.attname, f)
        if f.attname in given
        else (None, f.get_db_prep_save(f.pre_save(new, True), db))
        for f in fields
    ]
    prepared = (
        [value if name is None else value.get_db_prep_save(row[name], db) for name, value in plan]
        for row in rows
    )
    _copy(model, fields, prepared)
    return len(rows)


def _copy(
    model: type[Model], fields: Sequence["Field[Any, Any]"], rows: Iterable[list[Any]]
) -> None:
    """One `COPY … FROM STDIN` of the prepared `rows` (a value per field, in order)."""
    meta = model._meta
    quote = connection.ops.quote_name
    names = ", ".join(quote(_concrete(f).column) for f in fields)
    sql = f"COPY {quote(meta.db_table)} ({names}) FROM STDIN"
    db = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:

        def copy(sql: str, params: Any, many: bool, context: dict[str, Any]) -> None:
            # As Django's cursor does: refused in a broken transaction, and psycopg's errors
            # raised as Django's (IntegrityError, DatabaseError).
            db.validate_no_broken_transaction()
            with db.wrap_database_errors, cursor.cursor.copy(sql) as copying:
                for row in rows:  # psycopg's own cursor: COPY FROM STDIN
                    copying.write_row(row)

        _counted(sql, copy, {"connection": connection, "cursor": cursor})


def _counted(sql: str, run: Callable[..., None], context: dict[str, Any]) -> None:
    """Run a statement Django's cursor does not send (COPY) as if it had: through the
    connection's execute wrappers (`connection.execute_wrapper`), and into its query log when
    queries are logged (`CaptureQueriesContext`, `DEBUG`), so that it is counted as any other."""
    for wrapper in reversed(connection.execute_wrappers):
        run = partial(wrapper, run)
    began = time.monotonic()
    run(sql, None, False, context)
    if connection.queries_logged:
        connection.queries_log.append({"sql": sql, "time": f"{time.monotonic() - began:.3f}"})


def _concrete(field: object) -> "Field[Any, Any]":
    if not isinstance(field, Field) or field.column is None:
        raise TypeError(f"{field!r} is not a column")
    return field
