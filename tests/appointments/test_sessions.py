import threading
from datetime import datetime, timedelta

import pytest
from django.db import connection, connections

from parcours.accounts.models import User
from parcours.appointments.enums import SeatStatus
from parcours.appointments.errors import SessionFullError
from parcours.appointments.models import CollectiveSession, Room, Seat
from parcours.appointments.services.sessions import (
    SessionPlan,
    attendance_mark,
    seat_cancel,
    seat_register,
    session_cancel,
    session_create,
)
from parcours.core.errors import DomainError
from parcours.pathways.models import Pathway
from parcours.people.models import Person
from parcours.territory.models import Office
from tests.appointments.conftest import NOW_DAY
from tests.errors import refused
from tests.factories.appointments import at, next_weekday
from tests.factories.people import make_person

DAY = next_weekday(NOW_DAY, 3)


def _session(office: Office, actor: User, now: datetime, capacity: int) -> CollectiveSession:
    plan = SessionPlan(
        office=office,
        title="Droits et devoirs",
        starts_at=at(DAY, 9),
        ends_at=at(DAY, 12),
        capacity=capacity,
        room=Room.objects.get_or_create(office=office, name="Salle 1")[0],
        presenter=actor,
        interpreter_languages=["ar"],
    )
    return session_create(plan=plan, actor=actor, now=now)


def _people(count: int) -> list[Person]:
    return [
        make_person(national_number="", family_name=f"Nom{i}", given_names="Test")
        for i in range(count)
    ]


def test_the_seat_after_the_last_goes_to_the_waiting_list_then_is_promoted(
    office: Office, coordinator_mons: User, now: datetime
) -> None:
    session = _session(office, coordinator_mons, now, capacity=2)
    a, b, c = (
        seat_register(session=session, actor=coordinator_mons, now=now, person=p)
        for p in _people(3)
    )
    assert [a.status, b.status, c.status] == ["registered", "registered", "waiting"]
    promoted = seat_cancel(seat=a, actor=coordinator_mons, now=now)
    assert promoted is not None and promoted.pk == c.pk
    c.refresh_from_db()
    assert c.status == SeatStatus.REGISTERED


def test_a_full_session_refuses_clearly_when_no_waiting_list_is_wanted(
    office: Office, coordinator_mons: User, now: datetime
) -> None:
    session = _session(office, coordinator_mons, now, capacity=1)
    first, second = _people(2)
    seat_register(session=session, actor=coordinator_mons, now=now, person=first)
    with pytest.raises(SessionFullError, match="full"):
        seat_register(
            session=session, actor=coordinator_mons, now=now, person=second, allow_waiting=False
        )


def test_the_same_person_cannot_register_twice_nor_ask_an_unplanned_language(
    office: Office, coordinator_mons: User, now: datetime
) -> None:
    session = _session(office, coordinator_mons, now, capacity=5)
    (person,) = _people(1)
    seat_register(session=session, actor=coordinator_mons, now=now, person=person)
    with pytest.raises(DomainError, match="already registered"):
        seat_register(session=session, actor=coordinator_mons, now=now, person=person)
    with pytest.raises(DomainError, match="interpreting"):
        seat_register(
            session=session,
            actor=coordinator_mons,
            now=now,
            person=_people(1)[0],
            interpreter_language="ps",
        )


def test_the_presenter_and_room_are_held_by_the_session(
    office: Office, coordinator_mons: User, now: datetime
) -> None:
    _session(office, coordinator_mons, now, capacity=5)
    from parcours.appointments.errors import ClashError  # noqa: PLC0415

    with refused("This room is already taken at that time.", ClashError):
        _session(office, coordinator_mons, now, capacity=5)


def test_attendance_ticks_rights_and_duties_and_records_absence(
    office: Office, coordinator_mons: User, pathway: Pathway, now: datetime
) -> None:
    session = _session(office, coordinator_mons, now, capacity=5)
    (absent_person,) = _people(1)
    came = seat_register(session=session, actor=coordinator_mons, now=now, person=pathway.person)
    seat_register(session=session, actor=coordinator_mons, now=now, person=absent_person)
    with pytest.raises(DomainError, match="started"):
        attendance_mark(session=session, present=[came.pk], actor=coordinator_mons, now=now)
    later = session.starts_at + timedelta(hours=1)
    assert (
        attendance_mark(session=session, present=[came.pk], actor=coordinator_mons, now=later) == 2
    )
    assert pathway.rights_sessions.get().themes == "Droits et devoirs"
    statuses = dict(Seat.objects.values_list("person_id", "status"))
    assert statuses[absent_person.pk] == SeatStatus.ABSENT
    assert set(Seat.objects.values_list("marked_by", flat=True)) == {coordinator_mons.pk}


def _register_in_thread(  # noqa: PLR0917 -- a thread target takes positional arguments
    session_id: int,
    person_id: int,
    actor_id: int,
    now: datetime,
    results: list[str],
    barrier: threading.Barrier,
) -> None:
    try:
        barrier.wait()
        session = CollectiveSession.objects.get(pk=session_id)
        seat = seat_register(
            session=session,
            actor=User.objects.get(pk=actor_id),
            now=now,
            person=Person.objects.get(pk=person_id),
        )
        results.append(seat.status)
    except Exception as error:
        results.append(f"error: {error}")
    finally:
        connections.close_all()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs concurrent connections with row locks: PostgreSQL (CI runs it); "
    "SQLite serialises every writer anyway",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_for_the_last_seats_give_exactly_the_capacity(
    office: Office, coordinator_mons: User, now: datetime
) -> None:
    session = _session(office, coordinator_mons, now, capacity=5)
    people, results = _people(24), list[str]()
    barrier = threading.Barrier(len(people))
    threads = [
        threading.Thread(
            target=_register_in_thread,
            args=(session.pk, p.pk, coordinator_mons.pk, now, results, barrier),
        )
        for p in people
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["registered"] * 5 + ["waiting"] * 19
    assert session.seats.filter(status=SeatStatus.REGISTERED).count() == 5


def test_cancelling_a_seat_or_a_session_records_who_did_it(
    office: Office, coordinator_mons: User, agent_mons: User, now: datetime
) -> None:
    session = _session(office, coordinator_mons, now, capacity=3)
    first, second = (
        seat_register(session=session, actor=coordinator_mons, now=now, person=p)
        for p in _people(2)
    )
    seat_cancel(seat=first, actor=agent_mons, now=now)
    first.refresh_from_db()
    assert first.cancelled_by == agent_mons
    session_cancel(session=session, actor=coordinator_mons)
    session.refresh_from_db()
    second.refresh_from_db()
    assert session.cancelled and session.cancelled_by == coordinator_mons
    assert (second.status, second.cancelled_by) == (SeatStatus.CANCELLED, coordinator_mons)
