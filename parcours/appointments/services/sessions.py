"""Collective sessions: creation, registration with a waiting list promoted automatically,
and attendance marking in one screen.

Registration locks the session row (SELECT … FOR UPDATE on PostgreSQL; the database write
lock on SQLite) before counting the seats, so concurrent requests for the last seats are
served one after the other: exactly `capacity` people get a seat, the others are told they
are on the waiting list."""

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from parcours.accounts.enums import CENTRE_ROLES
from parcours.accounts.models import User
from parcours.appointments.enums import SeatStatus
from parcours.appointments.errors import SessionFullError
from parcours.appointments.models import BookingIntake, CollectiveSession, Presenter, Room, Seat
from parcours.appointments.models.calendar import room_key, staff_key
from parcours.appointments.services import pathway_hooks
from parcours.appointments.services.holds import holds_release, holds_take, serialise_writes
from parcours.appointments.services.outbox import seat_promoted_enqueue
from parcours.core.errors import DomainError
from parcours.pathways.models import Pathway
from parcours.people.identifiers import normalise_languages
from parcours.people.models import Person
from parcours.territory.models import Office

LIVE = (SeatStatus.REGISTERED, SeatStatus.WAITING)


@dataclass(frozen=True)
class SessionPlan:
    office: Office
    title: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    language: str = "fr"
    room: Room | None = None
    presenter: User | None = None
    guest_presenter: Presenter | None = None
    interpreter_languages: list[str] = field(default_factory=list)
    online_registration: bool = True
    counts_as_rights_and_duties: bool = True


def _check_plan(plan: SessionPlan, now: datetime) -> None:
    if not plan.title.strip():
        raise DomainError(_("Give the session a title."))
    if plan.ends_at <= plan.starts_at or plan.starts_at <= now:
        raise DomainError(_("A session starts in the future and ends after it starts."))
    if plan.capacity < 1:
        raise DomainError(_("A session has at least one seat."))
    if plan.room is not None and plan.room.office_id != plan.office.pk:
        raise DomainError(_("This room is not at this office."))
    presenter = plan.presenter
    if presenter and (
        presenter.role not in CENTRE_ROLES or presenter.centre_id != plan.office.centre_id
    ):
        raise DomainError(_("The presenter must work for the office's centre."))
    guest = plan.guest_presenter
    if guest and (guest.centre_id != plan.office.centre_id or not guest.is_active):
        raise DomainError(_("This guest presenter does not present the centre's sessions."))


@transaction.atomic
def session_create(*, plan: SessionPlan, actor: User, now: datetime) -> CollectiveSession:
    _check_plan(plan, now)
    session = CollectiveSession.objects.create(
        centre_id=plan.office.centre_id,
        office=plan.office,
        room=plan.room,
        presenter=plan.presenter,
        guest_presenter=plan.guest_presenter,
        title=plan.title.strip()[:200],
        starts_at=plan.starts_at,
        ends_at=plan.ends_at,
        language=plan.language,
        capacity=plan.capacity,
        interpreter_languages=normalise_languages(plan.interpreter_languages),
        online_registration=plan.online_registration,
        counts_as_rights_and_duties=plan.counts_as_rights_and_duties,
        created_by=actor,
    )
    keys = [room_key(plan.room.pk)] if plan.room else []
    keys += [staff_key(plan.presenter.pk)] if plan.presenter else []
    if keys:
        holds_take(
            resources=keys, starts_at=session.starts_at, ends_at=session.ends_at, session=session
        )
    return session


def session_lock(session: CollectiveSession) -> CollectiveSession:
    serialise_writes()
    return CollectiveSession.objects.select_for_update().get(pk=session.pk)


def _check_open(session: CollectiveSession, now: datetime) -> None:
    if session.cancelled or session.starts_at <= now:
        raise DomainError(_("Registration for this session is closed."))


@transaction.atomic
def seat_register(
    *,
    session: CollectiveSession,
    actor: User | None,
    now: datetime,
    person: Person | None = None,
    intake: BookingIntake | None = None,
    interpreter_language: str = "",
    allow_waiting: bool = True,
    token_digest: str = "",
) -> Seat:
    current = session_lock(session)
    _check_open(current, now)
    if interpreter_language and interpreter_language not in current.interpreter_languages:
        raise DomainError(_("No interpreting into this language is planned for this session."))
    taken = current.seats.filter(status=SeatStatus.REGISTERED).count()
    if taken >= current.capacity and not allow_waiting:
        raise SessionFullError(_("This session is full."))
    status = SeatStatus.REGISTERED if taken < current.capacity else SeatStatus.WAITING
    try:
        with transaction.atomic():
            return Seat.objects.create(
                session=current,
                person=person,
                intake=intake,
                status=status,
                interpreter_language=interpreter_language,
                token_digest=token_digest,
                registered_by=actor,
            )
    except IntegrityError:
        raise DomainError(_("This person is already registered for this session.")) from None


def waiting_position(seat: Seat) -> int:
    ahead = Seat.objects.filter(session_id=seat.session_id, status=SeatStatus.WAITING)
    return ahead.filter(registered_at__lte=seat.registered_at, pk__lte=seat.pk).count()


def _promote(session: CollectiveSession) -> Seat | None:
    taken = session.seats.filter(status=SeatStatus.REGISTERED).count()
    if taken >= session.capacity:
        return None
    first = session.seats.filter(status=SeatStatus.WAITING).order_by("registered_at", "pk").first()
    if first is not None:
        first.status = SeatStatus.REGISTERED
        first.save(update_fields=["status"])
    return first


@transaction.atomic
def seat_cancel(*, seat: Seat, actor: User | None, now: datetime) -> Seat | None:
    """Cancel a registration; returns the seat promoted from the waiting list, if any."""
    current = session_lock(seat.session)
    live = Seat.objects.select_for_update().get(pk=seat.pk)
    if live.status not in LIVE:
        raise DomainError(_("This registration is not active."))
    live.status, live.cancelled_by = SeatStatus.CANCELLED, actor
    live.save(update_fields=["status", "cancelled_by"])
    promoted = _promote(current) if current.starts_at > now else None
    if promoted is not None:
        seat_promoted_enqueue(promoted)
    return promoted


@transaction.atomic
def attendance_mark(
    *, session: CollectiveSession, present: Collection[int], actor: User, now: datetime
) -> int:
    """Every registered seat becomes attended (its id in `present`) or absent."""
    current = session_lock(session)
    if current.starts_at > now:
        raise DomainError(_("Attendance can only be recorded once the session has started."))
    seats = list(
        current.seats.filter(
            status__in=(SeatStatus.REGISTERED, SeatStatus.ATTENDED, SeatStatus.ABSENT)
        )
    )
    people = {seat.person_id for seat in seats if seat.person_id is not None}
    pathways = pathway_hooks.open_pathways(people, current.centre_id)
    changed = 0
    for seat in seats:
        pathway = pathways.get(seat.person_id) if seat.person_id else None
        changed += _mark(current, seat, seat.pk in present, pathway, actor)
    return changed


def _mark(
    session: CollectiveSession, seat: Seat, came: bool, pathway: Pathway | None, actor: User
) -> int:
    status = SeatStatus.ATTENDED if came else SeatStatus.ABSENT
    if seat.status == status:
        return 0
    seat.status, seat.marked_by = status, actor
    seat.save(update_fields=["status", "marked_by"])
    if came:
        pathway_hooks.session_attended(session=session, pathway=pathway, actor=actor)
    else:
        pathway_hooks.session_missed(session=session, pathway=pathway, actor=actor)
    return 1


@transaction.atomic
def session_cancel(*, session: CollectiveSession, actor: User) -> CollectiveSession:
    current = session_lock(session)
    current.cancelled, current.cancelled_by = True, actor
    current.save(update_fields=["cancelled", "cancelled_by"])
    holds_release(session=current)
    current.seats.filter(status__in=LIVE).update(status=SeatStatus.CANCELLED, cancelled_by=actor)
    return current
