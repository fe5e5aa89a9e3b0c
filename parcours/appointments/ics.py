"""iCalendar files: one appointment (attached to the confirmation) and a staff member's feed."""

from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.utils.translation import gettext as _

from parcours.appointments.enums import AppointmentStatus
from parcours.appointments.models import Appointment, CollectiveSession

# RFC 5545 VEVENT statuses: a planned appointment is not yet confirmed by the person; a
# cancelled or moved one is withdrawn from the calendar.
_ICS_STATUS: dict[str, str] = {
    AppointmentStatus.PLANNED: "TENTATIVE",
    AppointmentStatus.CONFIRMED: "CONFIRMED",
    AppointmentStatus.ATTENDED: "CONFIRMED",
    AppointmentStatus.NO_SHOW: "CONFIRMED",
    AppointmentStatus.CANCELLED_BY_PERSON: "CANCELLED",
    AppointmentStatus.CANCELLED_BY_CENTRE: "CANCELLED",
    AppointmentStatus.RESCHEDULED: "CANCELLED",
}


def _event(appointment: Appointment, *, for_staff: bool) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"appointment-{appointment.pk}@parcours")
    event.add("dtstamp", appointment.created_at)
    event.add("dtstart", appointment.starts_at)
    event.add("dtend", appointment.ends_at)
    title = str(appointment.kind)
    if for_staff:  # a feed leaves Parcours for a calendar app: a reference, never a name
        title = f"{title} (#{appointment.pk})"
    event.add("summary", title)
    event.add("location", f"{appointment.office.name}, {appointment.office.address}")
    event.add("status", _ICS_STATUS.get(appointment.status, "CONFIRMED"))
    return event


def _calendar() -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Parcours//appointments//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Parcours appointments"))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def calendar_bytes(appointments: Iterable[Appointment], *, for_staff: bool = False) -> bytes:
    calendar = _calendar()
    for appointment in appointments:
        calendar.add_component(_event(appointment, for_staff=for_staff))
    data: bytes = calendar.to_ical()
    return data


def session_calendar_bytes(session: CollectiveSession) -> bytes:
    """One collective session, attached to a registration's confirmation."""
    event = icalendar.Event()
    event.add("uid", f"session-{session.pk}@parcours")
    event.add("dtstamp", session.starts_at)
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    event.add("summary", session.title)
    event.add("location", f"{session.office.name}, {session.office.address}")
    calendar = _calendar()
    calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
