"""A centre's calendar set-up by its coordinator: closing days, availability, rooms;
the online bookings queue; private calendar feeds."""

import logging
from datetime import date, time

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from parcours.accounts.enums import CENTRE_ROLES
from parcours.accounts.models import User
from parcours.appointments.enums import IntakeStatus
from parcours.appointments.models import (
    AppointmentKind,
    Availability,
    BookingIntake,
    CalendarFeed,
    ClosingDay,
    InterpreterProvider,
    Room,
)
from parcours.core.errors import DomainError
from parcours.core.tokens import token_issue
from parcours.people.models import Person
from parcours.territory.models import Office

logger = logging.getLogger(__name__)


def _same_centre(actor: User, office: Office) -> None:
    if actor.centre_id != office.centre_id:
        raise DomainError(_("This office belongs to another centre."))


@transaction.atomic
def closing_day_add(
    *, office: Office, whole_centre: bool, on: date, reason: str, actor: User
) -> ClosingDay:
    _same_centre(actor, office)
    if not reason.strip():
        raise DomainError(_("Say why the office is closed."))
    try:
        with transaction.atomic():
            return ClosingDay.objects.create(
                created_by=actor,
                centre_id=office.centre_id,
                on=on,
                office=None if whole_centre else office,
                reason=reason.strip()[:200],
            )
    except IntegrityError:
        raise DomainError(_("This closing day is already recorded.")) from None


@transaction.atomic
def closing_day_remove(*, closing_day: ClosingDay, actor: User) -> None:
    if actor.centre_id != closing_day.centre_id:
        raise DomainError(_("This closing day belongs to another centre."))
    logger.info("closing day %s removed by user %s", closing_day.pk, actor.pk)
    closing_day.delete()


@transaction.atomic
def availability_add(
    *,
    office: Office,
    staff: User,
    weekday: int,
    starts_at: time,
    ends_at: time,
    online: bool,
    actor: User,
) -> Availability:
    _same_centre(actor, office)
    if staff.role not in CENTRE_ROLES or staff.centre_id != office.centre_id:
        raise DomainError(_("The staff member must work for the office's centre."))
    if ends_at <= starts_at:
        raise DomainError(_("The end must be after the start."))
    return Availability.objects.create(
        created_by=actor,
        office=office,
        staff=staff,
        weekday=weekday,
        starts_at=starts_at,
        ends_at=ends_at,
        online_booking=online,
    )


@transaction.atomic
def availability_remove(*, availability: Availability, actor: User) -> None:
    _same_centre(actor, availability.office)
    logger.info("availability %s removed by user %s", availability.pk, actor.pk)
    availability.delete()


@transaction.atomic
def room_add(*, office: Office, name: str, seats: int, actor: User) -> Room:
    _same_centre(actor, office)
    if not name.strip() or seats < 1:
        raise DomainError(_("Give the room a name and at least one seat."))
    room, _created = Room.objects.get_or_create(
        office=office, name=name.strip()[:100], defaults={"seats": seats, "created_by": actor}
    )
    return room


@transaction.atomic
def intake_link(*, intake: BookingIntake, person: Person, actor: User) -> BookingIntake:
    """The worker found (or created) the person: their appointments now belong to them."""
    if intake.status != IntakeStatus.NEW:
        raise DomainError(_("This online booking was already handled."))
    intake.appointments.update(person=person)
    intake.seats.update(person=person)
    intake.status, intake.matched_person, intake.handled_by = IntakeStatus.LINKED, person, actor
    intake.save(update_fields=["status", "matched_person", "handled_by"])
    return intake


@transaction.atomic
def intake_dismiss(*, intake: BookingIntake, actor: User) -> BookingIntake:
    if intake.status != IntakeStatus.NEW:
        raise DomainError(_("This online booking was already handled."))
    intake.status, intake.handled_by = IntakeStatus.DISMISSED, actor
    intake.save(update_fields=["status", "handled_by"])
    return intake


@transaction.atomic
def feed_renew(*, user: User) -> str:
    """A new private feed token (the old link stops working); returns the token once."""
    token, digest = token_issue()
    CalendarFeed.objects.update_or_create(user=user, defaults={"digest": digest})
    return token


# Default lengths in minutes, as in migration 0002 (product choices an administrator edits).
DEFAULT_KINDS = (
    ("first_welcome", 60, True),
    ("social_assessment", 90, False),
    ("rights_and_duties", 60, False),
    ("french_test", 60, False),
    ("administrative_help", 45, False),
    ("evaluation", 60, False),
    ("other", 30, False),
)


@transaction.atomic
def kinds_ensure() -> int:
    """The kinds and the default provider exist (after a flush, or on a fresh database)."""
    created = 0
    for code, minutes, online in DEFAULT_KINDS:
        _kind, new = AppointmentKind.objects.get_or_create(
            code=code, defaults={"default_minutes": minutes, "bookable_online": online}
        )
        created += int(new)
    if not InterpreterProvider.objects.filter(is_default=True).exists():
        InterpreterProvider.objects.get_or_create(
            name="SeTIS wallon", defaults={"is_default": True}
        )
        created += 1
    return created
