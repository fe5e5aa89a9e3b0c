"""Smaller fixes: the history of a move, calendar statuses, bounded queries on attendance."""

from datetime import datetime

import icalendar
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parcours.accounts.models import User
from parcours.appointments.enums import AppointmentStatus
from parcours.appointments.ics import calendar_bytes
from parcours.appointments.models import AppointmentEvent
from parcours.appointments.services.booking import appointment_reschedule, appointment_set_status
from parcours.appointments.services.sessions import attendance_mark, seat_register
from parcours.pathways.models import Pathway
from parcours.territory.models import Office
from tests.appointments.conftest import NOW_DAY
from tests.factories.appointments import at, book, make_session, next_weekday
from tests.factories.people import make_pathway

DAY = next_weekday(NOW_DAY, 2)


def test_moving_a_confirmed_appointment_records_confirmed_as_the_old_status(
    office: Office, agent_mons: User, pathway: Pathway, now: datetime
) -> None:
    appointment = book(
        office=office, staff=agent_mons, person=pathway.person, starts_at=at(DAY, 9), now=now
    )
    appointment_set_status(
        appointment=appointment, to=AppointmentStatus.CONFIRMED, actor=agent_mons, now=now
    )
    appointment_reschedule(
        appointment=appointment, starts_at=at(DAY, 10), actor=agent_mons, now=now
    )
    event = AppointmentEvent.objects.get(appointment=appointment, to_status="rescheduled")
    assert event.from_status == AppointmentStatus.CONFIRMED


def _status(data: bytes) -> str:
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    return str(event["STATUS"])


def test_the_calendar_file_carries_the_real_status(
    office: Office, agent_mons: User, pathway: Pathway, now: datetime
) -> None:
    appointment = book(
        office=office, staff=agent_mons, person=pathway.person, starts_at=at(DAY, 9), now=now
    )
    assert _status(calendar_bytes([appointment])) == "TENTATIVE"
    appointment_set_status(
        appointment=appointment, to=AppointmentStatus.CONFIRMED, actor=agent_mons, now=now
    )
    appointment.refresh_from_db()
    assert _status(calendar_bytes([appointment])) == "CONFIRMED"
    appointment_set_status(
        appointment=appointment, to=AppointmentStatus.CANCELLED_BY_CENTRE, actor=agent_mons, now=now
    )
    appointment.refresh_from_db()
    assert _status(calendar_bytes([appointment])) == "CANCELLED"


def _pathway_reads(office: Office, actor: User, now: datetime, people: int) -> int:
    session = make_session(office, actor, starts_at=at(DAY, 9), now=now, capacity=50)
    for i in range(people):
        person = make_pathway(actor=actor, national_number="", family_name=f"Seat{i}").person
        seat_register(session=session, actor=actor, now=now, person=person)
    with CaptureQueriesContext(connection) as captured:
        attendance_mark(session=session, present=set(), actor=actor, now=session.ends_at)
    return sum(
        1
        for q in captured.captured_queries
        if q["sql"].startswith("SELECT") and 'FROM "pathways_pathway"' in q["sql"]
    )


def test_marking_absences_reads_the_files_once_not_once_per_seat(
    office: Office, agent_mons: User, now: datetime
) -> None:
    assert _pathway_reads(office, agent_mons, now, 5) == 1
