"""Demo data for appointments: availability of the demo agents at the demo offices, a room,
a collective session, and booked appointments over this week and next for the demo people
(attended and missed ones in the past, interpreter requests, seats on the session).
Idempotent; called by `seed_demo` after the casework and training seeds.

Appointments are written through the booking services, so the no-clash rules hold; their
times come from the free slots (`slots.free_slots`), so weekends, public holidays and the
centre's closing days are skipped. Past appointments are booked "as of" a week before they
start, then marked attended or missed, as an agent would have done."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from parcours.accounts.enums import CENTRE_ROLES
from parcours.accounts.models import User
from parcours.appointments.enums import (
    AppointmentStatus,
    InterpreterMode,
    InterpreterStatus,
    KindCode,
    SeatStatus,
)
from parcours.appointments.models import (
    Appointment,
    AppointmentKind,
    Availability,
    CollectiveSession,
    Interpreter,
    Room,
    Seat,
)
from parcours.appointments.services.booking import (
    BookingRequest,
    appointment_book,
    appointment_set_status,
)
from parcours.appointments.services.interpreters import (
    InterpreterNeed,
    InterpreterUpdate,
    default_provider,
    interpreter_request_create,
    interpreter_request_update,
)
from parcours.appointments.services.sessions import seat_register
from parcours.appointments.services.setup import kinds_ensure
from parcours.appointments.slots import Slot, free_slots
from parcours.pathways.enums import ReferralSource
from parcours.pathways.models import Pathway
from parcours.pathways.services.intake import ReferralInput, referral_register
from parcours.pathways.transitions import OPEN_STATUSES
from parcours.people.models import Person
from parcours.territory.models import Commune, Office

_SLOTS = ((time(9), time(12)), (time(13), time(16)))
# Marks the demo appointments, so a second run finds them and books nothing.
DEMO_NOTE = "Rendez-vous de démonstration"
CIMB_AGENTS = ("agent.mons@demo.parcours.be", "coordinator.mons@demo.parcours.be")
LIEGE_AGENT = "agent.liege@demo.parcours.be"
# Invented CRIPEL people (the demo casework is at the CIMB): family, given, country, language.
_LIEGE_PEOPLE = (
    ("Amini", "Soraya", "AF", "fa"),
    ("Haidari", "Karim", "SY", "ar"),
)


K, S, IS = KindCode, AppointmentStatus, InterpreterStatus
_PEOPLE_BOOKED = 9  # the CIMB people with individual appointments; the next ones take seats


def _availability(office: Office, staff: User) -> int:
    rows = [
        Availability(office=office, staff=staff, weekday=day, starts_at=start, ends_at=end)
        for day in range(5)
        for start, end in _SLOTS
        if not Availability.objects.filter(
            office=office, staff=staff, weekday=day, starts_at=start
        ).exists()
    ]
    Availability.objects.bulk_create(rows)
    return len(rows)


def _session(office: Office, room: Room, presenter: User) -> int:
    day = timezone.localdate() + timedelta(days=14 - timezone.localdate().weekday())
    starts = timezone.make_aware(datetime.combine(day, time(13, 30)))
    _row, created = CollectiveSession.objects.get_or_create(
        office=office,
        title="Droits et devoirs (démo)",
        starts_at=starts,
        defaults={
            "centre_id": office.centre_id,
            "room": room,
            "presenter": presenter,
            "ends_at": starts + timedelta(hours=2, minutes=30),
            "capacity": 12,
            "interpreter_languages": ["ar", "uk"],
        },
    )
    return int(created)


@dataclass(frozen=True)
class Visit:
    """One demo appointment: who, what, with whom, where, and what became of it."""

    person: Person
    kind: str
    staff: User
    office: Office
    day: int  # days from today (negative: in the past); the next open slot from there
    outcome: str = ""  # attended or no_show (past) / confirmed (future)
    interpreter: str = ""  # the interpreter request's status, if any


def _at(day: date, moment: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, moment))


def _slot(visit: Visit, kind: AppointmentKind, now: datetime) -> Slot | None:
    """The first free slot of this staff member from the visit's day: before now for a past
    visit (it must be over), after now for a future one."""
    today = timezone.localdate(now)
    first = today + timedelta(days=visit.day)
    past = visit.day < 0
    as_of = _at(first, time.min) if past else now
    days = (today - first).days + 1 if past else 14
    for slot_day in free_slots(
        office=visit.office, kind=kind, first_day=first, days=days, now=as_of, online_only=False
    ):
        for slot in slot_day.slots:
            if visit.staff.pk in slot.staff_ids and (not past or slot.ends_at <= now):
                return slot
    return None


def _interpreter(language: str) -> Interpreter:
    interpreter, _created = Interpreter.objects.get_or_create(
        provider=default_provider(),
        name="Interprète de démonstration",
        defaults={"languages": ["ar", "fa", "uk", "ps", "tr"]},
    )
    if language not in interpreter.languages:
        interpreter.languages = [*interpreter.languages, language]
        interpreter.save(update_fields=["languages"])
    return interpreter


def _ask_interpreter(appointment: Appointment, status: str, actor: User) -> None:
    language = (appointment.person.languages or ["ar"])[0] if appointment.person else "ar"
    request = appointment.interpreter_requests.first() or interpreter_request_create(
        need=InterpreterNeed(language=language, mode=InterpreterMode.ON_SITE),
        actor=actor,
        appointment=appointment,
    )
    if status == InterpreterStatus.TO_REQUEST:
        return
    update = InterpreterUpdate(
        status=InterpreterStatus(status),
        interpreter=_interpreter(language) if status == InterpreterStatus.CONFIRMED else None,
        provider_reference="DEMO-" + str(appointment.pk),
    )
    interpreter_request_update(request=request, update=update, actor=actor)


def _book(visit: Visit, now: datetime) -> int:
    kind = AppointmentKind.objects.get(code=visit.kind)
    mine = Appointment.objects.filter(person=visit.person, kind=kind, note=DEMO_NOTE)
    if mine.exists():
        return 0
    slot = _slot(visit, kind, now)
    if slot is None:  # the staff member's calendar is full: nothing to show, nothing to fail
        return 0
    booking = BookingRequest(
        office=visit.office,
        kind=kind,
        staff=visit.staff,
        starts_at=slot.starts_at,
        person=visit.person,
        language=visit.person.letter_language,
        note=DEMO_NOTE,
    )
    booked_as_of = min(now, slot.starts_at - timedelta(days=7))
    appointment = appointment_book(request=booking, actor=visit.staff, now=booked_as_of)
    if visit.interpreter:
        _ask_interpreter(appointment, visit.interpreter, visit.staff)
    if visit.outcome:
        appointment_set_status(
            appointment=appointment,
            to=AppointmentStatus(visit.outcome),
            actor=visit.staff,
            now=now,
        )
    return 1


def _open_people(centre_id: int) -> list[Person]:
    files = Pathway.objects.filter(centre_id=centre_id, status__in=OPEN_STATUSES)
    files = files.filter(person__email__endswith="@example.org").select_related("person")
    return [p.person for p in files.order_by("person__email")]


def _cimb_visits(now: datetime) -> list[Visit]:
    agent = User.objects.filter(email=CIMB_AGENTS[0]).first()
    coordinator = User.objects.filter(email=CIMB_AGENTS[1]).first()
    if agent is None or coordinator is None:
        return []
    offices = list(
        Office.objects.filter(centre_id=agent.centre_id or 0, is_demo=True).order_by("name")
    )
    people = _open_people(agent.centre_id or 0)
    if not offices or len(people) < _PEOPLE_BOOKED:
        return []
    main, other = offices[-1], offices[0]  # the Mons permanence, then Saint-Ghislain
    return [
        Visit(people[0], K.SOCIAL_ASSESSMENT, agent, main, -7, S.ATTENDED),
        Visit(people[1], K.FRENCH_TEST, agent, main, -5, S.ATTENDED),
        Visit(people[2], K.RIGHTS_AND_DUTIES, agent, main, -3, S.NO_SHOW),
        Visit(people[3], K.SOCIAL_ASSESSMENT, agent, main, 0, S.CONFIRMED, IS.TO_REQUEST),
        Visit(people[4], K.RIGHTS_AND_DUTIES, agent, main, 1, "", IS.REQUESTED),
        Visit(people[5], K.FRENCH_TEST, agent, other, 2, S.CONFIRMED, IS.CONFIRMED),
        Visit(people[6], K.EVALUATION, agent, main, 3),
        Visit(people[7], K.EVALUATION, coordinator, main, 1),
        Visit(people[8], K.SOCIAL_ASSESSMENT, coordinator, other, 6, "", IS.REQUESTED),
        Visit(people[1], K.EVALUATION, agent, main, 8),
    ]


def _seats(now: datetime) -> int:
    agent = User.objects.filter(email=CIMB_AGENTS[0]).first()
    if agent is None:
        return 0
    session = (
        CollectiveSession.objects.filter(
            centre_id=agent.centre_id or 0, title="Droits et devoirs (démo)", starts_at__gt=now
        )
        .order_by("starts_at", "pk")
        .first()
    )
    if session is None:
        return 0
    created = 0
    for person in _open_people(agent.centre_id or 0)[_PEOPLE_BOOKED : _PEOPLE_BOOKED + 4]:
        if Seat.objects.filter(session=session, person=person).exists():
            continue
        language = "ar" if "ar" in (person.languages or []) else ""
        seat = seat_register(
            session=session, actor=agent, now=now, person=person, interpreter_language=language
        )
        created += int(seat.status != SeatStatus.CANCELLED)
    return created


def _liege_person(index: int, agent: User, liege: Commune, today: date) -> Person:
    family, given, country, language = _LIEGE_PEOPLE[index]
    email = f"liege{index}.demo@example.net"
    known = Person.objects.filter(email=email).first()
    if known is not None:
        return known
    registered = today - timedelta(days=20 + 10 * index)
    fields = {
        "family_name": family,
        "given_names": given,
        "birth_date": date(1988 + index, 3 + index, 12),
        "nationalities": [country],
        "languages": [language],
        "interpreter_language": language,
        "letter_language": "fr",
        "commune": liege,
        "street": f"Rue de la Démonstration {10 + index}",
        "postal_code": "4000",
        "legal_stay_since": registered - timedelta(days=20),
        "registered_on": registered,
        "permit_ordered_on": registered - timedelta(days=5),
        "permit_valid_from": registered - timedelta(days=5),
        "permit_valid_until": registered + timedelta(days=5 * 365),
        "email": email,
    }
    data = ReferralInput(
        person=fields,
        commune=liege,
        referred_on=registered + timedelta(days=3),
        source=ReferralSource.FORM,
    )
    return referral_register(data=data, actor=agent).pathway.person


def _liege_visits(now: datetime) -> list[Visit]:
    agent = User.objects.filter(email=LIEGE_AGENT).first()
    liege = Commune.objects.filter(nis_code="62063").first()
    office = (
        Office.objects.filter(centre_id=agent.centre_id or 0, is_demo=True).first()
        if agent
        else None
    )
    if agent is None or liege is None or office is None:
        return []
    today = timezone.localdate(now)
    first, second = (_liege_person(i, agent, liege, today) for i in range(len(_LIEGE_PEOPLE)))
    return [
        Visit(first, K.SOCIAL_ASSESSMENT, agent, office, 1),
        Visit(second, K.FIRST_WELCOME, agent, office, 2),
        Visit(first, K.FRENCH_TEST, agent, office, 7, "", InterpreterStatus.REQUESTED),
    ]


@transaction.atomic
def appointments_seed(now: datetime | None = None) -> int:
    """Rows created (0 when run again)."""
    moment = now or timezone.now()
    created = kinds_ensure()
    for office in Office.objects.filter(is_demo=True).select_related("centre"):
        staff = User.objects.filter(centre_id=office.centre_id, role__in=CENTRE_ROLES)
        for member in staff:
            created += _availability(office, member)
        room, new_room = Room.objects.get_or_create(
            office=office, name="Salle 1", defaults={"seats": 12}
        )
        created += int(new_room)
        presenter = staff.first()
        if presenter is not None:
            created += _session(office, room, presenter)
    for visit in _cimb_visits(moment) + _liege_visits(moment):
        created += _book(visit, moment)
    return created + _seats(moment)
