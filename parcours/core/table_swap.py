"""A table filled again whole, on PostgreSQL, without making its readers wait for the fill.

Writing millions of rows into a table with its indexes costs an index insertion per row and
per index; into a table without them, then one sort per index, about a third less (the
statistics' hours: 19.1 s with five indexes, 9.8 s + 3.7 s without). So each table is
filled as a copy (`copy_fill`: `LIKE` the table, with its defaults and identity), given the
table's constraints and indexes under temporary names, and put in its place at the end
(`copies_swap`): the tables dropped, the copies, their indexes, constraints and sequences
renamed to the tables' names, in a few catalogue statements. Readers go on reading the old
rows while the copies fill; they wait only for the swap, then the commit.

The swap locks the tables in one statement, each lock waiting at most `LOCK_WAIT` for the
readers in progress (a long report, a backup's `pg_dump`): past that, or on a deadlock with a
reader, it writes the copies' rows into the tables instead (`DELETE` and `INSERT … SELECT`,
which no reader waits for) and drops the copies. Either way the caller's transaction
decides: all of it commits, or none (it must be in one).

For tables that nothing points to with a foreign key (the drop would refuse), without
`serial` columns (an identity is copied, a `serial`'s default names the old sequence), and
whose privileges, comments, storage options, tablespace, statistics targets, triggers,
policies and views are none of their own (not copied); the copies are created in the first
schema of the search path; index names as `pg_get_indexdef` writes them without quotes."""

import logging
import re
from dataclasses import dataclass
from typing import Any

from django.db import OperationalError, connection, transaction
from django.db.backends.utils import CursorWrapper

logger = logging.getLogger(__name__)

COPY = "{}__rebuilt"  # a table's copy while it is filled
LOCK_WAIT = "5s"  # how long the swap waits for the tables' readers in progress
# A definition as `pg_get_indexdef` writes it.
_INDEX = re.compile(r"^CREATE (?P<unique>UNIQUE )?INDEX \S+ ON \S+ (?P<rest>USING .+)$")


@dataclass(frozen=True)
class Copy:
    table: str
    copy: str
    rows: int  # the rows written into the copy
    renames: tuple[tuple[str, str, str], ...]  # (kind, temporary name, the table's name)
    columns: tuple[str, ...]  # the columns the rows gave (the identity is the copy's own)


def copy_fill(table: str, columns: tuple[str, ...], select: str, params: Any) -> Copy:
    """Create the table's copy, write `select`'s rows into `columns`, then give it the
    table's constraints and indexes under temporary names."""
    if not connection.in_atomic_block:  # the fallback's DELETE would commit on its own
        raise RuntimeError("a table is rebuilt in the caller's transaction")
    quote = connection.ops.quote_name
    copy = COPY.format(table)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid ="
            " %s::regclass AND contype IN ('p', 'u', 'c', 'f', 'x') ORDER BY conname",
            [table],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i"
            " JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = %s::regclass"
            " AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conindid = i.indexrelid)"
            " ORDER BY c.relname",
            [table],
        )
        indexes = cursor.fetchall()
        sequences = dict(_sequences(cursor, table))
        cursor.execute(f"DROP TABLE IF EXISTS {quote(copy)}")
        cursor.execute(
            f"CREATE TABLE {quote(copy)} (LIKE {quote(table)} INCLUDING DEFAULTS"
            " INCLUDING IDENTITY)"
        )
        names = ", ".join(quote(column) for column in columns)
        cursor.execute(f"INSERT INTO {quote(copy)} ({names}) {select}", params)
        rows = int(cursor.rowcount)
        renames: list[tuple[str, str, str]] = []
        for number, (name, definition) in enumerate(constraints):
            temporary = f"{copy}_c{number}"
            cursor.execute(
                f"ALTER TABLE {quote(copy)} ADD CONSTRAINT {quote(temporary)} {definition}"
            )
            renames.append(("CONSTRAINT", temporary, name))
        for number, (name, definition) in enumerate(indexes):
            found = _INDEX.match(definition)
            if found is None:
                raise RuntimeError(f"an index defined as {definition!r} is not understood")
            temporary = f"{copy}_i{number}"
            cursor.execute(
                f"CREATE {found['unique'] or ''}INDEX {quote(temporary)} ON {quote(copy)}"
                f" {found['rest']}"
            )
            renames.append(("INDEX", temporary, name))
        for column, sequence in _sequences(cursor, copy):
            renames.append(("SEQUENCE", sequence, sequences[column]))
    return Copy(table, copy, rows, tuple(renames), columns)


def copies_swap(copies: list[Copy]) -> bool:
    """Put each copy in place of its table, all together; True if swapped, False if the
    readers held the tables past `LOCK_WAIT` and the rows were written into them instead."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('lock_timeout')")
        (before,) = cursor.fetchone()
    tables = ", ".join(quote(found.table) for found in copies)
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [LOCK_WAIT])
            cursor.execute(f"LOCK TABLE {tables} IN ACCESS EXCLUSIVE MODE")
            for found in copies:
                cursor.execute(f"DROP TABLE {quote(found.table)}")
                cursor.execute(f"ALTER TABLE {quote(found.copy)} RENAME TO {quote(found.table)}")
                for kind, temporary, name in found.renames:
                    if kind == "CONSTRAINT":
                        cursor.execute(
                            f"ALTER TABLE {quote(found.table)} RENAME CONSTRAINT"
                            f" {quote(temporary)} TO {quote(name)}"
                        )
                    else:
                        cursor.execute(f"ALTER {kind} {quote(temporary)} RENAME TO {quote(name)}")
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [before])
    except OperationalError:  # a lock not granted in time, or a deadlock: rolled back
        logger.warning("the tables %s were read past %s: rows written in place", tables, LOCK_WAIT)
        _copies_write(copies)
        return False
    return True


def _copies_write(copies: list[Copy]) -> None:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for found in copies:
            names = ", ".join(quote(column) for column in found.columns)
            cursor.execute(f"DELETE FROM {quote(found.table)}")  # noqa: S608 -- our names
            cursor.execute(
                f"INSERT INTO {quote(found.table)} ({names})"  # noqa: S608 -- our names
                f" SELECT {names} FROM {quote(found.copy)}"
            )
            cursor.execute(f"DROP TABLE {quote(found.copy)}")


def _sequences(cursor: CursorWrapper, table: str) -> list[tuple[str, str]]:
    """The table's identity columns, each with its sequence's name (not qualified)."""
    cursor.execute(
        "SELECT a.attname, s.relname FROM pg_attribute a"
        " JOIN pg_class s ON s.oid = pg_get_serial_sequence(%s, a.attname)::regclass"
        " WHERE a.attrelid = %s::regclass AND a.attidentity <> '' ORDER BY a.attnum",
        [table, table],
    )
    return list(cursor.fetchall())
