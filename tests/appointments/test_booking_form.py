"""The staff booking form offers the free slots of the chosen office and staff member (no
JavaScript needed): a GET step chooses office, staff member and kind, then a slot is booked."""

from collections.abc import Iterator
from datetime import datetime, time

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from parcours.accounts.models import User
from parcours.appointments.enums import KindCode
from parcours.appointments.models import Appointment
from parcours.pathways.models import Pathway
from parcours.territory.models import Office
from tests.factories.appointments import at, kind, make_availability, make_office, make_room
from tests.types import ClientFor

pytestmark = pytest.mark.django_db

MONDAY = datetime(2026, 11, 30, 8, 0)


@pytest.fixture(autouse=True)
def _monday_morning() -> Iterator[None]:
    with time_machine.travel(timezone.make_aware(MONDAY), tick=False):
        yield


def _url(pathway: Pathway) -> str:
    return reverse("appointments:new", args=[pathway.person_id])


def _choice(
    office: Office, staff: User, code: KindCode = KindCode.SOCIAL_ASSESSMENT
) -> dict[str, int]:
    return {"office": office.pk, "staff": staff.pk, "kind": kind(code).pk}


def test_the_first_step_lists_staff_by_name_and_has_no_stray_person_id(
    client_for: ClientFor, agent_mons: User, office: Office, pathway: Pathway
) -> None:
    response = client_for(agent_mons).get(_url(pathway))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="booking-choice"' in html and 'method="get"' in html
    assert 'id="booking-slot"' not in html
    assert f'<option value="{agent_mons.pk}" selected>{agent_mons.full_name}</option>' in html
    assert agent_mons.email not in html.split('id="booking-choice"')[1]
    assert "person_id" not in html and "Person id" not in html


def test_the_second_step_offers_only_the_staff_members_free_slots(
    client_for: ClientFor,
    agent_mons: User,
    coordinator_mons: User,
    office: Office,
    pathway: Pathway,
) -> None:
    make_availability(
        office,
        coordinator_mons,
        start=time(13),
        end=time(16),
    )
    client = client_for(agent_mons)
    mine = client.get(_url(pathway), _choice(office, agent_mons))
    theirs = client.get(_url(pathway), _choice(office, coordinator_mons))
    first = at(MONDAY.date(), 9).isoformat()
    afternoon = at(MONDAY.date(), 13).isoformat()
    assert f'value="{first}"' in mine.content.decode()
    assert f'value="{afternoon}"' not in mine.content.decode()
    assert f'value="{afternoon}"' in theirs.content.decode()
    assert f'value="{first}"' not in theirs.content.decode()


def test_rooms_are_named_with_their_office(
    client_for: ClientFor, agent_mons: User, office: Office, pathway: Pathway
) -> None:
    room = make_room(office, "Salle Verte")
    html = client_for(agent_mons).get(_url(pathway), _choice(office, agent_mons)).content.decode()
    assert f'<option value="{room.pk}">{office.name} — Salle Verte</option>' in html


def test_booking_a_slot_offered_books_it_and_the_slot_leaves_the_list(
    client_for: ClientFor, agent_mons: User, office: Office, pathway: Pathway
) -> None:
    client = client_for(agent_mons)
    url = _url(pathway) + "?" + "&".join(f"{k}={v}" for k, v in _choice(office, agent_mons).items())
    slot = at(MONDAY.date(), 10, 30).isoformat()
    response = client.post(url, {"slot": slot, "note": "Premier bilan"})
    appointment = Appointment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("appointments:detail", args=[appointment.pk])
    assert (appointment.person_id, appointment.staff_id, appointment.note) == (
        pathway.person_id,
        agent_mons.pk,
        "Premier bilan",
    )
    assert appointment.starts_at == at(MONDAY.date(), 10, 30)
    assert f'value="{slot}"' not in client.get(url).content.decode()


@pytest.mark.parametrize(
    "slot", ["", "not-a-date", "2026-11-30T07:00:00+01:00", "2026-11-28T09:00:00+01:00"]
)
def test_a_slot_not_offered_is_refused_and_nothing_is_booked(
    client_for: ClientFor, agent_mons: User, office: Office, pathway: Pathway, slot: str
) -> None:
    client = client_for(agent_mons)
    url = _url(pathway) + "?" + "&".join(f"{k}={v}" for k, v in _choice(office, agent_mons).items())
    response = client.post(url, {"slot": slot})
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()
    assert not Appointment.objects.exists()


def test_a_post_without_the_first_step_changes_nothing(
    client_for: ClientFor, agent_mons: User, office: Office, pathway: Pathway
) -> None:
    response = client_for(agent_mons).post(
        _url(pathway), {"slot": at(MONDAY.date(), 9).isoformat()}
    )
    assert response.status_code == 200
    assert not Appointment.objects.exists()


def test_another_centres_office_cannot_be_chosen(
    client_for: ClientFor, agent_mons: User, agent_liege: User, pathway: Pathway
) -> None:
    elsewhere = make_office(agent_liege.centre, "Ailleurs")  # type: ignore[arg-type]
    make_availability(elsewhere, agent_liege)
    response = client_for(agent_mons).get(_url(pathway), _choice(elsewhere, agent_mons))
    assert response.status_code == 200
    assert 'id="booking-slot"' not in response.content.decode()


def test_no_free_slot_says_so_and_offers_later_ones(
    client_for: ClientFor,
    agent_mons: User,
    coordinator_mons: User,
    office: Office,
    pathway: Pathway,
) -> None:
    html = (
        client_for(agent_mons)
        .get(_url(pathway), _choice(office, coordinator_mons))
        .content.decode()
    )
    assert 'id="no-slots"' in html
    assert "first_day=2026-12-14" in html


@pytest.mark.parametrize("first_day", ["9999-12-31", "not-a-day"])
def test_a_first_day_out_of_reach_is_explained(
    client_for: ClientFor, agent_mons: User, office: Office, pathway: Pathway, first_day: str
) -> None:
    choice = _choice(office, agent_mons) | {"first_day": first_day}
    response = client_for(agent_mons).get(_url(pathway), choice)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_first_day-error"' in html or 'class="error"' in html
    assert 'id="booking-slot"' not in html


def test_a_first_day_in_the_past_starts_from_today(
    client_for: ClientFor, agent_mons: User, office: Office, pathway: Pathway
) -> None:
    choice = _choice(office, agent_mons) | {"first_day": "2020-01-01"}
    html = client_for(agent_mons).get(_url(pathway), choice).content.decode()
    assert f'value="{at(MONDAY.date(), 9).isoformat()}"' in html
