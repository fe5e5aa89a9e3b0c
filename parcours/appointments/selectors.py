"""Scoped reads: a centre's agents and coordinators see their centre's calendars; everyone
else sees nothing (404 for another centre's objects, 403 for other roles at the view)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from parcours.accounts.enums import CENTRE_ROLES
from parcours.accounts.models import User
from parcours.appointments.closing import closed_days
from parcours.appointments.enums import IntakeStatus, InterpreterStatus, SeatStatus
from parcours.appointments.models import (
    Appointment,
    BookingIntake,
    ClosingDay,
    CollectiveSession,
    InterpreterRequest,
)
from parcours.territory.models import Office

DAYS_IN_WEEK = 7


def _centre_id(user: User) -> int | None:
    return user.centre_id if user.role in CENTRE_ROLES else None


def appointments_visible_to(*, user: User) -> QuerySet[Appointment]:
    centre = _centre_id(user)
    found = Appointment.objects.filter(centre_id=centre) if centre else Appointment.objects.none()
    return found.select_related("kind", "person", "intake", "staff", "room", "office__commune")


def appointment_get_for_staff(*, user: User, appointment_id: int) -> Appointment:
    return get_object_or_404(appointments_visible_to(user=user), pk=appointment_id)


def staff_visible_to(*, user: User) -> QuerySet[User]:
    centre = _centre_id(user)
    if centre is None:
        return User.objects.none()
    return User.objects.filter(centre_id=centre, role__in=CENTRE_ROLES, is_active=True).order_by(
        "full_name"
    )


def staff_get_for_staff(*, user: User, staff_id: int) -> User:
    return get_object_or_404(staff_visible_to(user=user), pk=staff_id)


def sessions_visible_to(*, user: User) -> QuerySet[CollectiveSession]:
    centre = _centre_id(user)
    found = (
        CollectiveSession.objects.filter(centre_id=centre)
        if centre
        else CollectiveSession.objects.none()
    )
    registered = Count("seats", filter=Q(seats__status=SeatStatus.REGISTERED))
    waiting = Count("seats", filter=Q(seats__status=SeatStatus.WAITING))
    return found.select_related("office", "room", "presenter").annotate(
        registered=registered, waiting=waiting
    )


def session_get_for_staff(*, user: User, session_id: int) -> CollectiveSession:
    return get_object_or_404(sessions_visible_to(user=user), pk=session_id)


def interpreter_requests_visible_to(*, user: User) -> QuerySet[InterpreterRequest]:
    centre = _centre_id(user)
    found = (
        InterpreterRequest.objects.filter(centre_id=centre)
        if centre
        else InterpreterRequest.objects.none()
    )
    return found.select_related(
        "provider", "interpreter", "appointment__office__commune", "session__office__commune"
    )


def interpreter_requests_to_send(*, user: User) -> QuerySet[InterpreterRequest]:
    return interpreter_requests_visible_to(user=user).filter(status=InterpreterStatus.TO_REQUEST)


def intakes_visible_to(*, user: User) -> QuerySet[BookingIntake]:
    centre = _centre_id(user)
    found = (
        BookingIntake.objects.filter(centre_id=centre) if centre else BookingIntake.objects.none()
    )
    return found.select_related("matched_person").prefetch_related("appointments")


def intake_get_for_staff(*, user: User, intake_id: int) -> BookingIntake:
    return get_object_or_404(
        intakes_visible_to(user=user).filter(status=IntakeStatus.NEW), pk=intake_id
    )


def closing_days_of(*, user: User) -> QuerySet[ClosingDay]:
    centre = _centre_id(user)
    found = ClosingDay.objects.filter(centre_id=centre) if centre else ClosingDay.objects.none()
    return found.select_related("office")


def week_start(text: str | None, today: date) -> date:
    try:
        day = date.fromisoformat(text) if text else today
    except ValueError:
        day = today
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class CalendarRow:
    label: str
    key: int
    cells: list[list[Appointment]]


@dataclass(frozen=True)
class Calendar:
    days: list[date]
    rows: list[CalendarRow]
    closed: dict[date, str]
    sessions: list[CollectiveSession]

    @property
    def headers(self) -> list[tuple[date, str | None]]:
        return [(day, self.closed.get(day)) for day in self.days]


def _span(days: list[date]) -> tuple[datetime, datetime]:
    first = timezone.make_aware(datetime.combine(days[0], time.min))
    return first, timezone.make_aware(datetime.combine(days[-1] + timedelta(days=1), time.min))


def _grid(
    found: QuerySet[Appointment], days: list[date], rows: list[tuple[int, str]]
) -> list[CalendarRow]:
    cells: dict[int, dict[date, list[Appointment]]] = defaultdict(lambda: defaultdict(list))
    for item in found:
        cells[item.staff_id][timezone.localdate(item.starts_at)].append(item)
    return [CalendarRow(label, key, [cells[key][d] for d in days]) for key, label in rows]


def office_calendar(*, user: User, office: Office, days: list[date]) -> Calendar:
    start, end = _span(days)
    found = (
        appointments_visible_to(user=user)
        .filter(office=office, starts_at__gte=start, starts_at__lt=end)
        .exclude(status="rescheduled")
    )
    staff = [(u.pk, u.full_name or u.email) for u in staff_visible_to(user=user)]
    sessions = sessions_visible_to(user=user).filter(
        office=office, starts_at__gte=start, starts_at__lt=end
    )
    return Calendar(
        days, _grid(found, days, staff), closed_days(office, days[0], days[-1]), list(sessions)
    )


def staff_calendar(*, user: User, staff: User, days: list[date]) -> Calendar:
    start, end = _span(days)
    found = (
        appointments_visible_to(user=user)
        .filter(staff=staff, starts_at__gte=start, starts_at__lt=end)
        .exclude(status="rescheduled")
    )
    sessions = sessions_visible_to(user=user).filter(
        presenter=staff, starts_at__gte=start, starts_at__lt=end
    )
    rows = _grid(found, days, [(staff.pk, staff.full_name or staff.email)])
    return Calendar(days, rows, {}, list(sessions))
