from datetime import date, datetime, time, timedelta

import pytest
from django.test import Client

from parcours.accounts.models import User
from parcours.appointments.models import Appointment
from parcours.appointments.services.setup import availability_add, closing_day_add, room_add
from parcours.pathways.models import Pathway
from parcours.territory.models import Office
from tests.appointments.conftest import NOW_DAY
from tests.factories.appointments import at, book, next_weekday, said
from tests.types import ClientFor

DAY = next_weekday(NOW_DAY, 1)


@pytest.fixture
def appointment(office: Office, agent_mons: User, pathway: Pathway, now: datetime) -> Appointment:
    return book(
        office=office, staff=agent_mons, person=pathway.person, starts_at=at(DAY, 9), now=now
    )


def test_the_week_view_shows_the_appointment_within_a_query_budget(
    client_for: ClientFor,
    agent_mons: User,
    appointment: Appointment,
    django_assert_max_num_queries: object,
) -> None:
    client = client_for(agent_mons)
    with django_assert_max_num_queries(20):  # type: ignore[operator]
        response = client.get(f"/staff/appointments/offices/{appointment.office_id}/?week={DAY}")
    html = response.content.decode()
    assert "AL-HASSAN Amira" in html and "<caption" in html and 'scope="col"' in html


def test_a_bad_week_parameter_falls_back_to_this_week(
    client_for: ClientFor, agent_mons: User, office: Office
) -> None:
    response = client_for(agent_mons).get(f"/staff/appointments/offices/{office.pk}/?week=nope")
    html = response.content.decode()
    assert response.status_code == 200
    # The frozen instant is Monday 30 November 2026: its week is shown, with its neighbours.
    monday = NOW_DAY - timedelta(days=NOW_DAY.weekday())
    for week in (monday - timedelta(days=7), monday, monday + timedelta(days=7)):
        assert f'href="?week={week.isoformat()}"' in html
    assert f"{monday:%d/%m}" in html


def test_the_private_feed_lists_the_appointments_without_names(
    client_for: ClientFor, agent_mons: User, appointment: Appointment, client: Client
) -> None:
    page = client_for(agent_mons).post("/staff/appointments/feed/")
    url = page.context["url"]
    client.logout()
    feed = client.get(url.split("testserver")[1])
    body = feed.content.decode()
    assert feed.status_code == 200 and "BEGIN:VEVENT" in body and "Amira" not in body
    assert client.get("/staff/appointments/feed/wrong-token.ics").status_code == 404


def test_an_invalid_move_changes_nothing(
    client_for: ClientFor, agent_mons: User, appointment: Appointment
) -> None:
    client = client_for(agent_mons)
    response = client.post(
        f"/staff/appointments/{appointment.pk}/move/",
        {"day": "2020-01-01", "time": "10:00"},
        follow=True,
    )
    assert said(response, "An appointment cannot be booked in the past.")
    appointment.refresh_from_db()
    assert appointment.status == "planned"


def test_the_day_view_lists_the_appointments_of_the_day_with_their_labels(
    client_for: ClientFor, agent_mons: User, appointment: Appointment
) -> None:
    url = f"/staff/appointments/offices/{appointment.office_id}/day/?day={DAY}"
    html = client_for(agent_mons).get(url).content.decode()
    assert f'href="/staff/appointments/{appointment.pk}/"' in html
    assert "AL-HASSAN Amira" in html and "09:00–09:30" in html


def test_the_setup_records_who_added_a_closing_day_an_availability_and_a_room(
    office: Office, coordinator_mons: User, agent_mons: User
) -> None:
    day = closing_day_add(
        office=office,
        on=date(2026, 12, 24),
        reason="Réveillon",
        whole_centre=False,
        actor=coordinator_mons,
    )
    room = room_add(office=office, name="Salle 2", seats=12, actor=coordinator_mons)
    slot = availability_add(
        office=office,
        staff=agent_mons,
        weekday=5,
        starts_at=time(9),
        ends_at=time(12),
        online=False,
        actor=coordinator_mons,
    )
    assert {day.created_by, room.created_by, slot.created_by} == {coordinator_mons}
