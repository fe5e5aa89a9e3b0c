"""`<key>__any_of=[…]`: a field among a list of keys, as one parameter on PostgreSQL.

Django's `__in` writes one placeholder per value and prepares each value through the field:
for the chunks of a few thousand keys that the nightly jobs read and write, building the
statement, then psycopg splitting it at each placeholder and quoting each value, costs more
than PostgreSQL's work (the hours pace at 500,000 people: about a sixth of its time, under the
profiler). `any_of` sends `"column" = ANY(%s)` with the list as one array; elsewhere (SQLite)
it is `IN (…)`. For integer keys only (registered on integer fields and foreign keys): each
value must be an integer (`operator.index`: not a float, a decimal, a string or a boolean,
which would match another row), and is sent without the field's preparation."""

import operator
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import ForeignObject, IntegerField, Lookup
from django.db.models.sql.compiler import SQLCompiler


class AnyOf(Lookup[Any]):
    lookup_name = "any_of"
    prepare_rhs = False

    def get_prep_lookup(self) -> list[int]:
        if not isinstance(self.rhs, Iterable) or isinstance(self.rhs, (str, bytes)):
            raise TypeError("any_of takes a list of integer keys")
        keys = [_key(key) for key in self.rhs]  # refused here, not by SQL
        return keys

    def as_sql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper
    ) -> tuple[str, list[Any]]:
        lhs, lhs_params = self._column(compiler, connection)
        placeholders = ", ".join(["%s"] * len(self.rhs))
        return f"{lhs} IN ({placeholders})", [*lhs_params, *self.rhs]

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper
    ) -> tuple[str, list[Any]]:
        lhs, lhs_params = self._column(compiler, connection)
        # bigint[]: the keys' own type, whatever the largest value (psycopg would pick int2[]
        # for small ones), so that the index on the column is used as for `=`.
        return f"{lhs} = ANY(%s::bigint[])", [*lhs_params, self.rhs]

    def _column(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper
    ) -> tuple[str, list[Any]]:
        """The column's SQL; no key matches no row, without a query (as `__in`)."""
        if not self.rhs:
            raise EmptyResultSet
        lhs, params = self.process_lhs(compiler, connection)
        return lhs, list(params)


def _key(value: object) -> int:
    if isinstance(value, bool):
        raise TypeError("any_of takes integer keys, not booleans")
    return operator.index(value)  # type: ignore[arg-type]  # a TypeError for anything else


IntegerField.register_lookup(AnyOf)  # and the auto and big integer fields, its subclasses
ForeignObject.register_lookup(AnyOf)  # its own lookups, not Field's: `pathway_id__any_of`
