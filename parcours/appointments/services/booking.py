"""Booking, confirming, attending, cancelling and moving individual appointments."""

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parcours.accounts.enums import CENTRE_ROLES
from parcours.accounts.models import User
from parcours.appointments.closing_days import closed_days
from parcours.appointments.enums import AppointmentStatus, InterpreterStatus
from parcours.appointments.models import (
    Appointment,
    AppointmentEvent,
    AppointmentKind,
    BookingIntake,
    Room,
)
from parcours.appointments.models.calendar import interpreter_key, room_key, staff_key
from parcours.appointments.services import pathway_hooks
from parcours.appointments.services.holds import holds_release, holds_take
from parcours.appointments.services.interpreters import interpreter_propose
from parcours.core.errors import DomainError
from parcours.core.tokens import token_issue
from parcours.people.models import Person
from parcours.territory.models import Office

S = AppointmentStatus
MANAGE_TOKEN_BYTES = 24  # the token of a link sent by e-mail or printed on a letter
_OPEN = (S.PLANNED, S.CONFIRMED)
TRANSITIONS: dict[str, frozenset[str]] = {
    S.PLANNED: frozenset(
        {
            S.CONFIRMED,
            S.ATTENDED,
            S.NO_SHOW,
            S.CANCELLED_BY_PERSON,
            S.CANCELLED_BY_CENTRE,
            S.RESCHEDULED,
        }
    ),
    S.CONFIRMED: frozenset(
        {S.ATTENDED, S.NO_SHOW, S.CANCELLED_BY_PERSON, S.CANCELLED_BY_CENTRE, S.RESCHEDULED}
    ),
}
_AFTER_START = frozenset({S.ATTENDED, S.NO_SHOW})
# Once the appointment has started, the person can no longer cancel it (that would erase a
# no-show) and nobody can move it: it happened, or it was missed.
_BEFORE_START = frozenset({S.CANCELLED_BY_PERSON, S.RESCHEDULED})


@dataclass(frozen=True)
class BookingRequest:
    office: Office
    kind: AppointmentKind
    staff: User
    starts_at: datetime
    minutes: int | None = None
    person: Person | None = None
    intake: BookingIntake | None = None
    room: Room | None = None
    language: str = "fr"
    note: str = ""

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.minutes or self.kind.default_minutes)


def new_token() -> tuple[str, str]:
    """A manage link's token and the digest the appointment or seat keeps of it."""
    return token_issue(MANAGE_TOKEN_BYTES)


def _within_opening_hours(request: BookingRequest) -> bool:
    start = timezone.localtime(request.starts_at)
    end = timezone.localtime(request.ends_at)
    if start.date() != end.date():
        return False
    hours = request.office.opening_hours.filter(weekday=start.weekday())
    return hours.filter(opens_at__lte=start.time(), closes_at__gte=end.time()).exists()


def _validate(request: BookingRequest, now: datetime) -> None:
    if request.person is None and request.intake is None:
        raise DomainError(_("Choose the person the appointment is for."))
    if (
        request.staff.role not in CENTRE_ROLES
        or request.staff.centre_id != request.office.centre_id
    ):
        raise DomainError(_("The staff member must work for the office's centre."))
    if request.room is not None and request.room.office_id != request.office.pk:
        raise DomainError(_("This room is not at this office."))
    if request.starts_at <= now:
        raise DomainError(_("An appointment cannot be booked in the past."))
    day = timezone.localdate(request.starts_at)
    reason = closed_days(request.office, day, day).get(day)
    if reason:
        raise DomainError(_("The office is closed that day (%(reason)s).") % {"reason": reason})
    if not _within_opening_hours(request):
        raise DomainError(_("The appointment must fit within the office's opening hours."))


def _resources(appointment: Appointment) -> list[str]:
    keys = [staff_key(appointment.staff_id)]
    if appointment.room_id:
        keys.append(room_key(appointment.room_id))
    confirmed = appointment.interpreter_requests.filter(
        status=InterpreterStatus.CONFIRMED, interpreter__isnull=False
    ).values_list("interpreter_id", flat=True)
    return keys + [interpreter_key(i) for i in confirmed if i is not None]


def event_add(
    appointment: Appointment, to: str, summary: str, actor: User | None, old: str = ""
) -> None:
    AppointmentEvent.objects.create(
        appointment=appointment, from_status=old, to_status=to, summary=summary[:300], actor=actor
    )


@transaction.atomic
def appointment_book(
    *, request: BookingRequest, actor: User | None, now: datetime, token_digest: str = ""
) -> Appointment:
    _validate(request, now)
    appointment = Appointment.objects.create(
        centre_id=request.office.centre_id,
        office=request.office,
        kind=request.kind,
        staff=request.staff,
        person=request.person,
        intake=request.intake,
        room=request.room,
        starts_at=request.starts_at,
        ends_at=request.ends_at,
        language=request.language,
        note=request.note.strip()[:300],
        token_digest=token_digest,
        created_by=actor,
    )
    holds_take(
        resources=_resources(appointment),
        starts_at=appointment.starts_at,
        ends_at=appointment.ends_at,
        appointment=appointment,
    )
    event_add(appointment, S.PLANNED, _("Booked"), actor)
    if request.person is not None:
        interpreter_propose(appointment=appointment, actor=actor)
    return appointment


def _locked(appointment: Appointment) -> Appointment:
    found = Appointment.objects.select_for_update(of=("self",)).select_related("kind", "person")
    return found.get(pk=appointment.pk)


def _check_transition(current: Appointment, to: S, now: datetime) -> None:
    if to not in TRANSITIONS.get(current.status, frozenset()):
        raise DomainError(
            _("An appointment cannot go from “%(from)s” to “%(to)s”.")
            % {"from": S(current.status).label, "to": to.label}
        )
    if to in _AFTER_START and current.starts_at > now:
        raise DomainError(_("Attendance can only be recorded once the appointment has started."))
    if to in _BEFORE_START and current.starts_at <= now:
        raise DomainError(
            _("This appointment has already started: it can no longer be cancelled or moved.")
        )


@transaction.atomic
def appointment_set_status(
    *, appointment: Appointment, to: S, actor: User | None, now: datetime, reason: str = ""
) -> Appointment:
    current = _locked(appointment)
    _check_transition(current, to, now)
    old, current.status = current.status, to
    current.save(update_fields=["status"])
    if to not in _OPEN:
        holds_release(appointment=current)
    summary = f"{to.label}. {reason.strip()}".strip() if reason.strip() else str(to.label)
    event_add(current, to, summary, actor, old)
    if to == S.ATTENDED:
        pathway_hooks.appointment_attended(appointment=current, actor=actor)
    elif to == S.NO_SHOW:
        pathway_hooks.appointment_missed(appointment=current, actor=actor)
    appointment.refresh_from_db()
    return current


@transaction.atomic
def appointment_reschedule(
    *,
    appointment: Appointment,
    starts_at: datetime,
    actor: User | None,
    now: datetime,
    staff: User | None = None,
) -> Appointment:
    current = _locked(appointment)
    _check_transition(current, S.RESCHEDULED, now)
    request = BookingRequest(
        office=current.office,
        kind=current.kind,
        staff=staff or current.staff,
        starts_at=starts_at,
        minutes=int((current.ends_at - current.starts_at).total_seconds() // 60),
        person=current.person,
        intake=current.intake,
        room=current.room,
        language=current.language,
        note=current.note,
    )
    _validate(request, now)
    holds_release(appointment=current)
    old_status = current.status
    current.status, digest, current.token_digest = S.RESCHEDULED, current.token_digest, ""
    current.save(update_fields=["status", "token_digest"])
    moved = _book_moved(current, request, actor, digest)
    event_add(
        current,
        S.RESCHEDULED,
        _("Moved to %(when)s")
        % {"when": timezone.localtime(moved.starts_at).strftime("%d/%m/%Y %H:%M")},
        actor,
        old_status,
    )
    return moved


def _book_moved(
    old: Appointment, request: BookingRequest, actor: User | None, digest: str
) -> Appointment:
    moved = Appointment.objects.create(
        centre_id=old.centre_id,
        office=old.office,
        kind=old.kind,
        staff=request.staff,
        person=old.person,
        intake=old.intake,
        room=old.room,
        starts_at=request.starts_at,
        ends_at=request.ends_at,
        language=old.language,
        note=old.note,
        rescheduled_from=old,
        token_digest=digest,
        created_by=actor,
    )
    old.interpreter_requests.update(appointment=moved)
    holds_take(
        resources=_resources(moved),
        starts_at=moved.starts_at,
        ends_at=moved.ends_at,
        appointment=moved,
    )
    event_add(moved, S.PLANNED, _("Booked (moved from an earlier time)"), actor)
    return moved


def with_length(request: BookingRequest, minutes: int) -> BookingRequest:
    return replace(request, minutes=minutes)
