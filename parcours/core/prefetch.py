"""Many small reverse relations of a list of rows in the rows' own query: each relation as a
JSON array built by a correlated subquery (PostgreSQL `JSONB_AGG`, SQLite
`JSON_GROUP_ARRAY`), turned back into model instances and stored as Django's prefetch cache,
so that `obj.relation.all()` reads them without a query. For pages that show a dozen short
lists about one thing (the person page): one query instead of one per relation."""

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from django.db import connection
from django.db.models import (
    Aggregate,
    F,
    ForeignKey,
    JSONField,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
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
    per relation; `follow`: per relation, a foreign key whose row comes with it (joined in
    the subquery, only the fields named: the instance it becomes holds those alone)."""
    model = queryset.model
    for relation in relations:
        remote = model._meta.get_field(relation)
        related: type[Model] = remote.related_model
        fk_name = remote.field.name
        rows = related._default_manager.filter(**{fk_name: OuterRef("pk")})
        if filters and relation in filters:
            rows = rows.filter(filters[relation])
        columns: dict[str, Any] = {f.attname: f.attname for f in _fields(related)}
        if follow and relation in follow:
            key, names = follow[relation]
            columns |= {f"{key}__{name}": F(f"{key}__{name}") for name in names}
        aggregated = (
            rows.order_by()
            .values(fk_name)
            .annotate(_rows=_JsonAgg(JSONObject(**columns)))
            .values("_rows")
        )
        queryset = queryset.annotate(**{_prefix(relation): Subquery(aggregated)})
    return queryset


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
