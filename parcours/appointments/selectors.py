"""Scoped reads: a centre's agents and coordinators see their centre's calendars; everyone
else sees nothing (404 for another centre's objects, 403 for other roles at the view)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, ExpressionWrapper, F, IntegerField, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from parcours.accounts.enums import CENTRE_ROLES
from parcours.accounts.models import User
from parcours.appointments.closing_days import closed_days
from parcours.appointments.enums import (
    AppointmentStatus,
    IntakeStatus,
    InterpreterStatus,
    SeatStatus,
)
from parcours.appointments.models import (
    Appointment,
    AppointmentKind,
    BookingIntake,
    CalendarFeed,
    ClosingDay,
    CollectiveSession,
    InterpreterRequest,
    Seat,
)
from parcours.audit.reads import reads_note
from parcours.core.tokens import find_by_token
from parcours.territory.models import Centre, Office

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
    return found.select_related("office", "room", "presenter", "guest_presenter").annotate(
        registered=registered, waiting=waiting
    )


def _open_online(now: datetime) -> QuerySet[CollectiveSession]:
    return CollectiveSession.objects.filter(
        starts_at__gt=now,
        cancelled=False,
        online_registration=True,
        counts_as_rights_and_duties=True,
    )


def sessions_open_online(
    *, now: datetime, centre_id: int | None = None
) -> QuerySet[CollectiveSession]:
    """Public: the coming rights and duties sessions open to online registration, with the
    seats left (the public sees no names, only counts)."""
    found = _open_online(now)
    if centre_id is not None:
        found = found.filter(centre_id=centre_id)
    registered = Count("seats", filter=Q(seats__status=SeatStatus.REGISTERED))
    waiting = Count("seats", filter=Q(seats__status=SeatStatus.WAITING))
    seats_left = ExpressionWrapper(F("capacity") - registered, output_field=IntegerField())
    return found.select_related("office__commune", "centre").annotate(
        registered=registered, waiting=waiting, seats_left=seats_left
    )


def centres_with_open_sessions(*, now: datetime) -> QuerySet[Centre]:
    """Public: the centres that have a session open to online registration."""
    return Centre.objects.filter(pk__in=_open_online(now).values("centre_id")).order_by("name")


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
    return found.select_related("matched_person").prefetch_related(
        "appointments", Prefetch("seats", queryset=Seat.objects.select_related("session"))
    )


def intake_get_for_staff(*, user: User, intake_id: int) -> BookingIntake:
    return get_object_or_404(
        intakes_visible_to(user=user).filter(status=IntakeStatus.NEW), pk=intake_id
    )


def closing_days_of(*, user: User) -> QuerySet[ClosingDay]:
    centre = _centre_id(user)
    found = ClosingDay.objects.filter(centre_id=centre) if centre else ClosingDay.objects.none()
    return found.select_related("office")


def feed_by_token(token: str) -> CalendarFeed | None:
    """The private ICS feed of an active staff member, found by the token of its URL."""
    return find_by_token(CalendarFeed.objects.filter(user__is_active=True), token)


def week_start(text: str | None, today: date) -> date:
    try:
        day = date.fromisoformat(text) if text else today
    except ValueError:
        day = today
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True, slots=True)
class CalendarItem:
    """One appointment in a calendar cell, its labels computed once (the week view of a busy
    office shows a thousand of them: no model instance, no lookup in the template)."""

    pk: int
    href: str
    iso: str
    span: str
    kind: str
    who: str
    status: str
    status_label: str
    room: str
    kind_code: str = ""  # the colour of its kind in the calendars (with the kind's name)
    hour: int = 0  # the hour it starts at, local time (its row in the hour grid)
    office: str = ""  # the office it takes place at (the day list names it)

    @property
    def label(self) -> str:
        return f"{self.kind} · {self.who}" if self.who else self.kind


@dataclass(frozen=True)
class CalendarRow:
    label: str
    key: int
    cells: list[list[CalendarItem]]


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


_COLUMNS = (
    "pk",
    "staff_id",
    "starts_at",
    "ends_at",
    "status",
    "kind_id",
    "room__name",
    "office__name",
    "person__family_name",
    "person__given_names",
    "intake__family_name",
    "intake__given_names",
    "person_id",
)
_SENTINEL = 999_999_999


def _labels() -> tuple[dict[int, tuple[str, str]], dict[str, str], str]:
    kinds = {kind.pk: (str(kind), kind.code) for kind in AppointmentKind.objects.all()}
    statuses = {value: str(label) for value, label in AppointmentStatus.choices}
    href = reverse("appointments:detail", args=[_SENTINEL]).replace(str(_SENTINEL), "{}")
    return kinds, statuses, href


def _grid(
    found: QuerySet[Appointment], days: list[date], rows: list[tuple[int, str]]
) -> list[CalendarRow]:
    kinds, statuses, href = _labels()
    zone = timezone.get_current_timezone()
    cells: dict[int, dict[date, list[CalendarItem]]] = defaultdict(lambda: defaultdict(list))
    found_rows = list(found.values_list(*_COLUMNS))
    reads_note(row[-1] for row in found_rows)  # the names shown: audited (audit.reads)
    for pk, staff, starts, ends, status, kind, room, office, pf, pg, i_f, i_g, _p in found_rows:
        start, end = starts.astimezone(zone), ends.astimezone(zone)
        family, given = (pf, pg) if pf is not None else (i_f or "", i_g or "")
        item = CalendarItem(
            pk=pk,
            href=href.format(pk),
            iso=starts.isoformat(),
            span=f"{start:%H:%M}–{end:%H:%M}",
            kind=kinds.get(kind, ("", ""))[0],
            who=f"{family.upper()} {given}".strip(),
            status=status,
            status_label=statuses.get(status, status),
            room=room or "",
            kind_code=kinds.get(kind, ("", ""))[1],
            hour=start.hour,
            office=office or "",
        )
        cells[staff][start.date()].append(item)
    return [CalendarRow(label, key, [cells[key][d] for d in days]) for key, label in rows]


@dataclass(frozen=True)
class HourRow:
    hour: int
    cells: list[list[CalendarItem]]


# The hours the grid always shows (a working day); earlier or later appointments widen it.
GRID_FIRST_HOUR, GRID_LAST_HOUR = 8, 18


def hour_grid(row: CalendarRow) -> list[HourRow]:
    """One staff member's week as hours × days: each appointment in the row of its start."""
    items = [item for cell in row.cells for item in cell]
    first = min([GRID_FIRST_HOUR, *(i.hour for i in items)])
    last = max([GRID_LAST_HOUR - 1, *(i.hour for i in items)])
    return [
        HourRow(hour, [[i for i in cell if i.hour == hour] for cell in row.cells])
        for hour in range(first, last + 1)
    ]


def kinds_legend() -> list[tuple[str, str]]:
    return [(kind.code, str(kind)) for kind in AppointmentKind.objects.order_by("code")]


def office_calendar(*, user: User, office: Office, days: list[date]) -> Calendar:
    start, end = _span(days)
    found = (
        appointments_visible_to(user=user)
        .filter(office=office, starts_at__gte=start, starts_at__lt=end)
        .exclude(status=AppointmentStatus.RESCHEDULED)
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
        .exclude(status=AppointmentStatus.RESCHEDULED)
    )
    sessions = sessions_visible_to(user=user).filter(
        presenter=staff, starts_at__gte=start, starts_at__lt=end
    )
    rows = _grid(found, days, [(staff.pk, staff.full_name or staff.email)])
    return Calendar(days, rows, {}, list(sessions))
