"""Every read of a person's data, recorded in one place.

While a request runs (`AccessReadsMiddleware`), every `Person` loaded from the database is
noted (a `post_init` hook on the model: whichever selector, list, PDF or API schema loads
the person, the hook sees it). When the request has been answered with success, one
`AccessEvent` per person is written for the user (a session user, or the owner of the API
token) in one bulk insert — "page", with the route's name — unless the view recorded that
person itself already (`access_record`, which says what was read: the health note, the
agreement PDF…). Nothing is recorded for anonymous requests, refusals (4xx) or redirects,
nor outside requests (the worker, the commands)."""

from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models.signals import post_init
from django.utils import timezone

from parcours.audit.enums import AccessKind
from parcours.audit.models import AccessEvent
from parcours.people.models import Person


@dataclass
class Reads:
    seen: set[int] = field(default_factory=set)
    recorded: set[int] = field(default_factory=set)


_current: ContextVar[Reads | None] = ContextVar("parcours_person_reads", default=None)


def reads_begin() -> Any:
    """Start noting the people loaded by this request; returns the token for `reads_end`."""
    return _current.set(Reads())


def reads_end(token: Any) -> Reads:
    reads = _current.get() or Reads()
    _current.reset(token)
    return reads


def reads_note(ids: Iterable[int | None]) -> None:
    """A selector that reads people's data without loading `Person` (values_list) says so."""
    reads = _current.get()
    if reads is not None:
        reads.seen.update(pk for pk in ids if pk is not None)


def reads_recorded(ids: Iterable[int]) -> None:
    """The view recorded these people itself (`access_record`): no second row."""
    reads = _current.get()
    if reads is not None:
        reads.recorded.update(ids)


def _loaded(sender: type[Person], instance: Person, **kwargs: Any) -> None:
    reads = _current.get()
    if reads is not None and instance.pk is not None:
        reads.seen.add(instance.pk)


post_init.connect(_loaded, sender=Person, dispatch_uid="audit-person-reads")


def reads_flush(*, reads: Reads, user: Any, where: str) -> int:
    """One row per person read (and not recorded by the view), one INSERT; returns how many."""
    ids = sorted(reads.seen - reads.recorded)
    if not ids or user is None or not getattr(user, "pk", None):
        return 0
    rows = [
        AccessEvent(user_id=user.pk, person_id=pk, what=AccessKind.PAGE, where=where[:100])
        for pk in ids
    ]
    return access_rows_insert(rows)


# Up to this many rows go in one INSERT statement, atomic by itself: no BEGIN and COMMIT
# around it (a page's log costs one query). Longer lists (exports) use `bulk_create`'s batches.
_ONE_STATEMENT = 500
_COLUMNS = ("user_id", "person_id", "what", "where", "at")


def access_rows_insert(rows: list[AccessEvent]) -> int:
    """Write these access rows, all stamped now: one `INSERT … VALUES (…), (…)` up to
    `_ONE_STATEMENT` rows (`bulk_create` would wrap it in a transaction: two more round
    trips on every page), `bulk_create` beyond."""
    if not rows:
        return 0
    if len(rows) > _ONE_STATEMENT:
        return len(AccessEvent.objects.bulk_create(rows, batch_size=_ONE_STATEMENT))
    quote = connection.ops.quote_name
    at = connection.ops.adapt_datetimefield_value(timezone.now())
    names = ", ".join(quote(column) for column in _COLUMNS)
    values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(rows))
    params = [
        value
        for row in rows
        for value in (row.user_id, row.person_id, str(row.what), row.where, at)
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(AccessEvent._meta.db_table)} ({names}) VALUES {values}",  # noqa: S608 - names from the model, values as parameters
            params,
        )
    return len(rows)
