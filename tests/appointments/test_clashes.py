from datetime import datetime

import pytest
from django.db import IntegrityError, connection

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.appointments.enums import AppointmentStatus, InterpreterStatus
from parcours.appointments.errors import ClashError
from parcours.appointments.models import Interpreter, InterpreterProvider, ResourceHold
from parcours.appointments.services.booking import appointment_reschedule, appointment_set_status
from parcours.appointments.services.interpreters import (
    InterpreterUpdate,
    interpreter_request_update,
)
from parcours.core.errors import DomainError
from parcours.pathways.models import Pathway
from parcours.territory.models import Office
from tests.appointments.conftest import NOW_DAY
from tests.errors import refused
from tests.factories.accounts import make_user
from tests.factories.appointments import at, book, make_room, next_weekday
from tests.factories.people import make_person

DAY = next_weekday(NOW_DAY, 1)


def test_a_staff_member_cannot_be_booked_twice_at_the_same_time(
    office: Office, agent_mons: User, pathway: Pathway, now: datetime
) -> None:
    book(office=office, staff=agent_mons, person=pathway.person, starts_at=at(DAY, 9), now=now)
    other = make_person(national_number="", family_name="Karimi", given_names="Ali")
    with pytest.raises(ClashError, match="staff member"):
        book(office=office, staff=agent_mons, person=other, starts_at=at(DAY, 9, 15), now=now)
    assert ResourceHold.objects.filter(active=True).count() == 1


def test_back_to_back_appointments_do_not_clash(
    office: Office, agent_mons: User, pathway: Pathway, now: datetime
) -> None:
    book(office=office, staff=agent_mons, person=pathway.person, starts_at=at(DAY, 9), now=now)
    second = book(
        office=office, staff=agent_mons, person=pathway.person, starts_at=at(DAY, 9, 30), now=now
    )
    assert second.starts_at == at(DAY, 9, 30)


def test_a_room_cannot_be_booked_twice(
    office: Office, agent_mons: User, coordinator_mons: User, pathway: Pathway, now: datetime
) -> None:
    room = make_room(office)
    book(
        office=office,
        staff=agent_mons,
        person=pathway.person,
        starts_at=at(DAY, 10),
        now=now,
        room=room,
    )
    with pytest.raises(ClashError, match="room"):
        book(
            office=office,
            staff=coordinator_mons,
            person=pathway.person,
            starts_at=at(DAY, 10),
            now=now,
            room=room,
        )


def test_an_interpreter_cannot_be_confirmed_for_two_overlapping_appointments(
    office: Office, agent_mons: User, coordinator_mons: User, now: datetime
) -> None:
    person = make_person(interpreter_language="ar")
    provider = InterpreterProvider.objects.get(is_default=True)
    amal = Interpreter.objects.create(provider=provider, name="Amal", languages=["ar"])
    first = book(office=office, staff=agent_mons, person=person, starts_at=at(DAY, 9), now=now)
    second = book(
        office=office, staff=coordinator_mons, person=person, starts_at=at(DAY, 9, 15), now=now
    )
    confirmed = InterpreterUpdate(status=InterpreterStatus.CONFIRMED, interpreter=amal)
    for appointment in (first, second):
        request = appointment.interpreter_requests.get()  # proposed from the person's need
        assert request.language == "ar"
    interpreter_request_update(
        request=first.interpreter_requests.get(), update=confirmed, actor=coordinator_mons
    )
    with pytest.raises(ClashError, match="interpreter"):
        interpreter_request_update(
            request=second.interpreter_requests.get(), update=confirmed, actor=coordinator_mons
        )
    assert second.interpreter_requests.get().status == InterpreterStatus.TO_REQUEST


def test_cancelling_frees_the_staff_member(
    office: Office, agent_mons: User, pathway: Pathway, now: datetime
) -> None:
    first = book(
        office=office, staff=agent_mons, person=pathway.person, starts_at=at(DAY, 9), now=now
    )
    appointment_set_status(
        appointment=first, to=AppointmentStatus.CANCELLED_BY_CENTRE, actor=agent_mons, now=now
    )
    again = book(
        office=office, staff=agent_mons, person=pathway.person, starts_at=at(DAY, 9), now=now
    )
    assert again.pk != first.pk
    assert list(first.events.values_list("to_status", flat=True)) == ["planned", "cancelled_centre"]


def test_moving_keeps_the_history_and_checks_the_new_time(
    office: Office, agent_mons: User, pathway: Pathway, now: datetime
) -> None:
    first = book(
        office=office, staff=agent_mons, person=pathway.person, starts_at=at(DAY, 9), now=now
    )
    blocker = book(
        office=office, staff=agent_mons, person=pathway.person, starts_at=at(DAY, 11), now=now
    )
    with refused(
        "This staff member already has an appointment or a session at that time.", ClashError
    ):
        appointment_reschedule(appointment=first, starts_at=at(DAY, 11), actor=agent_mons, now=now)
    first.refresh_from_db()
    assert first.status == AppointmentStatus.PLANNED  # nothing changed
    moved = appointment_reschedule(
        appointment=first, starts_at=at(DAY, 10), actor=agent_mons, now=now
    )
    first.refresh_from_db()
    assert (first.status, moved.rescheduled_from_id) == (AppointmentStatus.RESCHEDULED, first.pk)
    assert blocker.status == AppointmentStatus.PLANNED


def test_bookings_outside_hours_on_holidays_or_in_the_past_are_refused(
    office: Office, agent_mons: User, pathway: Pathway, now: datetime
) -> None:
    person = pathway.person
    cases = [
        (at(DAY, 7), "opening hours"),
        (at(NOW_DAY.replace(day=1), 10), "past"),
        (at(DAY.replace(month=12, day=25), 10), "closed"),
    ]
    for starts_at, words in cases:
        with pytest.raises(DomainError, match=words):
            book(office=office, staff=agent_mons, person=person, starts_at=starts_at, now=now)


def test_staff_of_another_centre_cannot_be_booked_at_this_office(
    office: Office, agent_liege: User, pathway: Pathway, now: datetime
) -> None:
    with pytest.raises(DomainError, match="centre"):
        book(office=office, staff=agent_liege, person=pathway.person, starts_at=at(DAY, 9), now=now)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the exclusion constraint exists on PostgreSQL only (migration 0002)",
)
def test_the_database_itself_refuses_overlapping_holds(
    office: Office, agent_mons: User, pathway: Pathway, now: datetime
) -> None:
    appointment = book(
        office=office, staff=agent_mons, person=pathway.person, starts_at=at(DAY, 9), now=now
    )
    with pytest.raises(IntegrityError):
        ResourceHold.objects.create(
            resource=f"staff:{agent_mons.pk}",
            appointment=appointment,
            starts_at=at(DAY, 9, 15),
            ends_at=at(DAY, 9, 45),
        )


def test_a_partner_cannot_be_the_staff_member(
    office: Office, pathway: Pathway, now: datetime
) -> None:
    outsider = make_user(email="x@example.org", role=Role.REGION)
    with refused("The staff member must work for the office's centre."):
        book(office=office, staff=outsider, person=pathway.person, starts_at=at(DAY, 9), now=now)
