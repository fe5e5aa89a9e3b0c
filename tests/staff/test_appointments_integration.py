"""Casework with the appointments: the next appointments on the person page, a booking link,
and "appointment today" on the worklist (an agent's own; the whole centre for a coordinator)."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.appointments.enums import AppointmentStatus
from parcours.appointments.models import Appointment
from parcours.pathways.models import Pathway
from parcours.people.models import Person
from parcours.territory.models import Centre
from tests.factories.accounts import make_user
from tests.factories.appointments import at, kind, make_office
from tests.factories.people import make_pathway
from tests.types import ClientFor

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 10)
NOW = timezone.make_aware(datetime(2026, 3, 10, 8, 0))


def _appointment(person: Person, staff: User, cimb: Centre, starts: datetime) -> Appointment:
    return Appointment.objects.create(
        centre=cimb,
        office=make_office(cimb, name=f"Office {starts:%d%H}"),
        kind=kind(),
        staff=staff,
        person=person,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        status=AppointmentStatus.PLANNED,
    )


@pytest.fixture
def two_files(agent_mons: User, cimb: Centre) -> tuple[Pathway, Pathway]:
    colleague = make_user(email="colleague@example.org", role=Role.AGENT, centre=cimb)
    mine = make_pathway(actor=agent_mons)
    theirs = make_pathway(actor=colleague, national_number="", family_name="Colleague")
    _appointment(mine.person, agent_mons, cimb, at(TODAY, 10))
    _appointment(theirs.person, colleague, cimb, at(TODAY, 11))
    return mine, theirs


@time_machine.travel(NOW)
def test_an_agent_sees_their_own_appointments_today_and_a_coordinator_the_centre(
    two_files: tuple[Pathway, Pathway],
    agent_mons: User,
    coordinator_mons: User,
    client_for: ClientFor,
) -> None:
    mine, theirs = two_files
    url = reverse("staff:worklist")
    page = client_for(agent_mons).get(url, {"task": "appointment_today", "scope": "centre"})
    assert [p.pk for p in page.context["page"]] == [mine.pk]
    page = client_for(coordinator_mons).get(url, {"task": "appointment_today"})
    assert {p.pk for p in page.context["page"]} == {mine.pk, theirs.pk}
    assert all(p.due == TODAY for p in page.context["page"])


@time_machine.travel(NOW)
def test_the_person_page_lists_the_next_appointments_and_links_to_booking(
    agent_mons: User, cimb: Centre, client_for: ClientFor
) -> None:
    pathway = make_pathway(actor=agent_mons)
    _appointment(pathway.person, agent_mons, cimb, at(TODAY + timedelta(days=2), 9))
    past = _appointment(pathway.person, agent_mons, cimb, at(TODAY - timedelta(days=2), 9))
    response = client_for(agent_mons).get(reverse("staff:person", args=[pathway.person_id]))
    html = response.content.decode()
    assert 'data-next-appointments="1"' in html
    assert reverse("appointments:new", args=[pathway.person_id]) in html
    assert reverse("appointments:detail", args=[past.pk]) not in html
