"""Holding staff members, rooms and interpreters so that none is ever booked twice.

PostgreSQL: the exclusion constraint `hold_no_overlap` (migration 0002) is the guarantee —
two transactions that both passed the check below cannot both commit overlapping holds; the
loser's insert fails and becomes a ClashError. SQLite (the demo): `serialise_writes` makes the
transaction take the database write lock before it reads, so the check and the insert
happen with no other writer in between."""

from collections.abc import Iterable
from datetime import datetime

from django.db import IntegrityError, connection, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from parcours.appointments.errors import ClashError
from parcours.appointments.models import Appointment, CollectiveSession, ResourceHold

_CLASH_MESSAGES: dict[str, Promise] = {
    "staff": _("This staff member already has an appointment or a session at that time."),
    "room": _("This room is already taken at that time."),
    "interpreter": _("This interpreter is already booked at that time."),
}


def serialise_writes() -> None:
    if connection.vendor == "sqlite":
        # A write (even of no row) takes SQLite's RESERVED lock: other writers wait for us.
        ResourceHold.objects.filter(pk=0).update(active=False)


def _clash(resources: list[str], starts_at: datetime, ends_at: datetime) -> ClashError | None:
    taken = ResourceHold.objects.filter(
        resource__in=resources, active=True, starts_at__lt=ends_at, ends_at__gt=starts_at
    ).values_list("resource", flat=True)
    first = next(iter(taken), None)
    if first is None:
        return None
    return ClashError(_CLASH_MESSAGES[first.split(":")[0]])


def holds_take(
    *,
    resources: Iterable[str],
    starts_at: datetime,
    ends_at: datetime,
    appointment: Appointment | None = None,
    session: CollectiveSession | None = None,
) -> None:
    wanted = sorted(set(resources))
    serialise_writes()
    clash = _clash(wanted, starts_at, ends_at)
    if clash is not None:
        raise clash
    rows = [
        ResourceHold(
            resource=key,
            starts_at=starts_at,
            ends_at=ends_at,
            appointment=appointment,
            session=session,
        )
        for key in wanted
    ]
    try:
        with transaction.atomic():
            ResourceHold.objects.bulk_create(rows)
    except IntegrityError:  # a concurrent booking won the race (PostgreSQL exclusion)
        raise _clash(wanted, starts_at, ends_at) or ClashError(_CLASH_MESSAGES["staff"]) from None


def holds_release(
    *,
    appointment: Appointment | None = None,
    session: CollectiveSession | None = None,
    resource: str | None = None,
) -> None:
    holds = ResourceHold.objects.filter(active=True)
    holds = holds.filter(appointment=appointment) if appointment else holds.filter(session=session)
    if resource is not None:
        holds = holds.filter(resource=resource)
    holds.update(active=False)
