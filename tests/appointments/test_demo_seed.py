"""The demo calendars are not empty: `seed_demo` books appointments through the services,
and a second run books nothing more."""

from datetime import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from parcours.accounts.models import User
from parcours.appointments.enums import AppointmentStatus, InterpreterStatus
from parcours.appointments.models import Appointment, InterpreterRequest, ResourceHold, Seat
from parcours.demo.appointments import DEMO_NOTE

pytestmark = pytest.mark.django_db

# A Wednesday afternoon; Friday 1 January 2027 (New Year's Day) falls in the next week.
WEDNESDAY = datetime(2026, 12, 30, 14, 30)


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(territory: None) -> str:
    with time_machine.travel(timezone.make_aware(WEDNESDAY), tick=False):
        return _seed()


def test_seeding_twice_books_nothing_the_second_time(seeded: str) -> None:
    counts = (Appointment.objects.count(), Seat.objects.count(), InterpreterRequest.objects.count())
    with time_machine.travel(timezone.make_aware(WEDNESDAY), tick=False):
        again = _seed()
    assert "Appointments: 0 demo rows" in again
    assert counts[0] >= 12
    assert counts == (
        Appointment.objects.count(),
        Seat.objects.count(),
        InterpreterRequest.objects.count(),
    )


def test_the_demo_has_past_outcomes_interpreters_and_seats(seeded: str) -> None:
    demo = Appointment.objects.filter(note=DEMO_NOTE)
    statuses = set(demo.values_list("status", flat=True))
    assert {AppointmentStatus.ATTENDED, AppointmentStatus.NO_SHOW} <= statuses
    assert demo.filter(status=AppointmentStatus.NO_SHOW).count() == 1
    assert {
        InterpreterStatus.TO_REQUEST,
        InterpreterStatus.REQUESTED,
        InterpreterStatus.CONFIRMED,
    } <= set(InterpreterRequest.objects.values_list("status", flat=True))
    assert Seat.objects.filter(person__isnull=False).count() >= 3


def test_no_demo_appointment_falls_on_a_weekend_a_holiday_or_a_clash(seeded: str) -> None:
    for appointment in Appointment.objects.filter(note=DEMO_NOTE):
        day = timezone.localdate(appointment.starts_at)
        assert day.weekday() < 5
        assert (day.month, day.day) != (1, 1)
    holds = list(ResourceHold.objects.filter(active=True))
    for one in holds:
        for other in holds:
            if one.pk != other.pk and one.resource == other.resource:
                assert not (one.starts_at < other.ends_at and other.starts_at < one.ends_at)


@pytest.mark.parametrize("email", ["agent.mons@demo.parcours.be", "agent.liege@demo.parcours.be"])
def test_the_demo_agents_week_shows_appointments(seeded: str, client: Client, email: str) -> None:
    agent = User.objects.get(email=email)
    with time_machine.travel(timezone.make_aware(WEDNESDAY), tick=False):
        client.force_login(agent, backend="django.contrib.auth.backends.ModelBackend")
        this_week = client.get(reverse("appointments:staff_week", args=[agent.pk]))
        next_week = client.get(
            reverse("appointments:staff_week", args=[agent.pk]), {"week": "2027-01-04"}
        )
    assert this_week.status_code == next_week.status_code == 200
    shown = this_week.content.decode().count('class="appt ') + next_week.content.decode().count(
        'class="appt '
    )
    monday = timezone.make_aware(datetime(2026, 12, 28))
    mine = Appointment.objects.filter(staff=agent, note=DEMO_NOTE, starts_at__gte=monday).count()
    assert mine >= 2
    assert shown >= mine


@pytest.mark.parametrize("moment", [datetime(2027, 1, 2, 11, 0), datetime(2026, 12, 28, 7, 0)])
def test_seeding_on_a_weekend_or_a_monday_morning_still_fills_the_calendars(
    territory: None, moment: datetime
) -> None:
    with time_machine.travel(timezone.make_aware(moment), tick=False):
        _seed()
        assert "Appointments: 0 demo rows" in _seed()
    demo = Appointment.objects.filter(note=DEMO_NOTE)
    assert demo.filter(starts_at__gt=timezone.make_aware(moment)).count() >= 6
    assert demo.filter(status=AppointmentStatus.ATTENDED).exists()
