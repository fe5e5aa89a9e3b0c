"""Many small reverse relations of a list of rows in the rows' own query: each relation as a
JSON array built by a correlated subquery (PostgreSQL `JSONB_AGG`, SQLite
`JSON_GROUP_ARRAY`), turned back into model instances and stored as Django's prefetch cache,
so that `obj.relation.all()` reads them without a query. For pages that show a dozen short
lists about one thing (the person page): one query instead of one per relation.

Each relation's subquery is compiled once per process (`_relation_sql`) and joined to the
row's query as SQL: building and compiling a JSON object of every field of a dozen models
cost the person page about 13 ms of Python on every request, more than its queries. Hence
two limits: a relation's filter is a constant of the code (its values are part of the
cache's key: a value of the request would compile, and be kept, once per request), and the
queryset is the outermost query (its table is named, not aliased as a subquery's)."""

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from django.apps import apps
from django.db import connection
from django.db.models import (
    Aggregate,
    F,
    ForeignKey,
    JSONField,
    Model,
    Q,
    QuerySet,
)
from django.db.models.expressions import RawSQL
from django.db.models.fields import DateTimeField, Field
from django.db.models.functions import JSONObject


class _JsonAgg(Aggregate):
    function = "JSONB_AGG"
    output_field = JSONField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(compiler, connection, function="JSON_GROUP_ARRAY", **extra)


def _prefix(relation: str) -> str:
    return f"_json_{relation}"


def _fields(model: type[Model]) -> list[Field[Any, Any]]:
    return list(model._meta.concrete_fields)


# A relation's foreign key to follow inside its JSON, and the fields of the row it points
# to that the page shows: {"changes": ("changed_by", ("full_name",))}.
Followed = Mapping[str, tuple[str, tuple[str, ...]]]


def json_relations(
    queryset: QuerySet[Any],
    relations: Iterable[str],
    filters: Mapping[str, Q] | None = None,
    follow: Followed | None = None,
) -> QuerySet[Any]:
    """Annotate each row with its `relations` (reverse foreign keys) as JSON arrays; read
    them back with `json_relations_load` (given the same `follow`). `filters`: a condition
    per relation, a constant of the code; `follow`: per relation, a foreign key whose row
    comes with it (joined in the subquery, only the fields named: the instance it becomes
    holds those alone). `queryset` must not itself become a subquery (see the module)."""
    model = queryset.model
    for relation in relations:
        condition = filters.get(relation) if filters else None
        followed = tuple(follow[relation]) if follow and relation in follow else None
        sql, params = _relation_sql(
            model._meta.label, relation, condition, followed, connection.vendor
        )
        # Our own compiled SQL, its values as parameters.
        subquery = RawSQL(f"({sql})", params, output_field=JSONField())  # noqa: S611
        queryset = queryset.annotate(**{_prefix(relation): subquery})
    return queryset


@lru_cache(maxsize=64)  # a few relations per page; bounded all the same
def _relation_sql(
    label: str,
    relation: str,
    condition: Q | None,
    followed: tuple[str, tuple[str, ...]] | None,
    vendor: str,  # a key of the cache: the SQL is the database's own
) -> tuple[str, tuple[Any, ...]]:
    """The SQL of one relation's JSON array, for a row of `model` (its table by name: the
    row's query is on that table, unaliased)."""
    model = apps.get_model(label)
    remote = model._meta.get_field(relation)
    related: type[Model] = remote.related_model
    fk_name = remote.field.name
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    outer = RawSQL(f"{table}.{quote(model._meta.pk.column)}", ())  # noqa: S611 -- quoted names
    rows = related._default_manager.filter(**{fk_name: outer})
    if condition is not None:
        rows = rows.filter(condition)
    columns: dict[str, Any] = {f.attname: f.attname for f in _fields(related)}
    if followed is not None:
        key, names = followed
        columns |= {f"{key}__{name}": F(f"{key}__{name}") for name in names}
    aggregated = (
        rows.order_by()
        .values(fk_name)
        .annotate(_rows=_JsonAgg(JSONObject(**columns)))
        .values("_rows")
    )
    sql, params = aggregated.query.sql_with_params()
    if sql.count(table) != 1:  # the subquery's own tables would hide the row's
        raise RuntimeError(f"{relation}: its subquery reads {table} itself")
    return sql, tuple(params)


def _value(field: Field[Any, Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(field, JSONField):
        return json.loads(value) if connection.vendor == "sqlite" else value
    converted = field.to_python(value)
    naive = isinstance(converted, datetime) and converted.tzinfo is None
    if isinstance(field, DateTimeField) and naive:  # SQLite keeps UTC without an offset
        converted = converted.replace(tzinfo=UTC)
    return converted


def _ordered(model: type[Model], items: list[Model]) -> list[Model]:
    """In the model's default ordering, as the manager would have returned them (nulls last)."""
    for name in reversed([str(n) for n in model._meta.ordering or ["pk"]]):
        attribute = name.lstrip("-")

        def key(item: Model, attribute: str = attribute) -> tuple[bool, Any]:
            value = getattr(item, attribute)
            return (value is None, 0 if value is None else value)

        items.sort(key=key, reverse=name.startswith("-"))
    return items


def _follow(item: Model, key: str, values: dict[str, Any]) -> None:
    """Attach the followed row to `item`: its primary key and the fields read, the others
    deferred (read from the database if ever asked for, never a default taken for a value)."""
    fk: ForeignKey[Any, Any] = item._meta.get_field(key)  # type: ignore[assignment]
    pk = getattr(item, fk.attname)
    target_model: type[Model] = fk.related_model  # type: ignore[assignment]
    target = None
    if pk is not None:
        known = {target_model._meta.pk.attname: pk}
        known |= {
            f.attname: _value(f, values[f.name]) for f in _fields(target_model) if f.name in values
        }
        names = [f.attname for f in _fields(target_model) if f.attname in known]
        target = target_model.from_db(item._state.db, names, [known[n] for n in names])
    fk.set_cached_value(item, target)


def json_relations_load(
    objects: Iterable[Model], relations: Iterable[str], follow: Followed | None = None
) -> None:
    """Turn the JSON arrays of `json_relations` into each object's prefetch cache."""
    for obj in objects:
        cache = obj.__dict__.setdefault("_prefetched_objects_cache", {})
        for relation in relations:
            remote = obj._meta.get_field(relation)
            related: type[Model] = remote.related_model  # type: ignore[assignment]
            fk: ForeignKey[Any, Any] = remote.field  # type: ignore[assignment,union-attr]
            fields = {f.attname: f for f in _fields(related)}
            rows = obj.__dict__.pop(_prefix(relation), None) or []
            items = []
            key, names = (follow or {}).get(relation, ("", ()))
            for row in rows:
                joined = {name: row.pop(f"{key}__{name}", None) for name in names}
                item = related(**{name: _value(fields[name], v) for name, v in row.items()})
                item._state.adding = False
                item._state.db = obj._state.db
                if key:
                    _follow(item, key, joined)
                fk.set_cached_value(item, obj)
                items.append(item)
            manager = getattr(obj, relation)
            found = manager.get_queryset()
            found._result_cache = _ordered(related, items)
            found._prefetch_done = True
            cache[relation] = found
