"""An appointment's history and its calendar file carry its real status."""

from datetime import datetime

import icalendar

from parcours.accounts.models import User
from parcours.appointments.enums import AppointmentStatus
from parcours.appointments.ics import calendar_bytes
from parcours.appointments.models import AppointmentEvent
from parcours.appointments.services.booking import appointment_reschedule, appointment_set_status
from parcours.pathways.models import Pathway
from parcours.territory.models import Office
from tests.appointments.conftest import NOW_DAY
from tests.factories.appointments import at, book, next_weekday

DAY = next_weekday(NOW_DAY, 2)


def _status(data: bytes) -> str:
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    return str(event["STATUS"])


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
