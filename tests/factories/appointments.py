"""An office ready for appointments: opening hours, a room, an availability template."""

from datetime import date, datetime, time, timedelta
from typing import Any, Protocol

from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from parcours.accounts.models import User
from parcours.appointments.enums import KindCode
from parcours.appointments.models import (
    Appointment,
    AppointmentKind,
    Availability,
    CollectiveSession,
    Room,
)
from parcours.appointments.services.booking import BookingRequest, appointment_book
from parcours.appointments.services.sessions import SessionPlan, session_create
from parcours.people.models import Person
from parcours.territory.models import Centre, Commune, Office, OpeningHours

HOURS = ((time(9), time(12)), (time(13), time(16)))


def make_office(centre: Centre, name: str = "Bureau de test") -> Office:
    commune = Commune.objects.get(nis_code="53053")
    office = Office.objects.create(
        centre=centre,
        name=name,
        street="Rue de Nimy 1",
        postal_code="7000",
        commune=commune,
        latitude=commune.latitude,
        longitude=commune.longitude,
    )
    OpeningHours.objects.bulk_create(
        OpeningHours(office=office, weekday=day, opens_at=start, closes_at=end)
        for day in range(5)
        for start, end in HOURS
    )
    return office


def make_room(office: Office, name: str = "Salle 1", seats: int = 20) -> Room:
    return Room.objects.create(office=office, name=name, seats=seats)


def make_availability(
    office: Office, staff: User, *, start: time = time(9), end: time = time(12), online: bool = True
) -> None:
    Availability.objects.bulk_create(
        Availability(
            office=office,
            staff=staff,
            weekday=day,
            starts_at=start,
            ends_at=end,
            online_booking=online,
        )
        for day in range(5)
    )


def kind(code: KindCode = KindCode.OTHER) -> AppointmentKind:
    return AppointmentKind.objects.get(code=code)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def next_weekday(start: date, weekday: int = 1) -> date:
    """The first given weekday (0 = Monday) strictly after `start`."""
    ahead = (weekday - start.weekday()) % 7 or 7
    return start + timedelta(days=ahead)


def book(
    *,
    office: Office,
    staff: User,
    person: Person,
    starts_at: datetime,
    now: datetime,
    code: KindCode = KindCode.OTHER,
    **extra: Any,
) -> Appointment:
    request = BookingRequest(
        office=office, kind=kind(code), staff=staff, starts_at=starts_at, person=person, **extra
    )
    return appointment_book(request=request, actor=staff, now=now)


def make_session(
    office: Office,
    actor: User,
    *,
    starts_at: datetime,
    capacity: int = 10,
    now: datetime | None = None,
    **extra: Any,
) -> CollectiveSession:
    """A rights and duties session of three hours, open to online registration."""
    plan = SessionPlan(
        office=office,
        title=extra.pop("title", "Droits et devoirs"),
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=3),
        capacity=capacity,
        **extra,
    )
    return session_create(plan=plan, actor=actor, now=now or starts_at - timedelta(days=7))


class _Page(Protocol):
    content: bytes


def said(response: _Page, message_id: str, language: str = "fr") -> bool:
    """The page shows this message, in the page's language (French by default) whatever the
    catalogue holds today: tests name the English message id, never a translation."""
    with translation.override(language):
        shown = escape(gettext(message_id))
    return shown in response.content.decode()
