"""The welcome module's task list says each part's state in words: to do, in progress (an
appointment of that kind booked or held, a seat in a coming rights and duties session, or the
agent's own mark) or done (its record); the agent sets a part in progress and back."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from parcours.accounts.models import User
from parcours.appointments.enums import AppointmentStatus, KindCode
from parcours.appointments.models import Appointment
from parcours.appointments.services.sessions import seat_register
from parcours.pathways.models import Pathway, PathwayEvent
from parcours.pathways.services.welcome import french_test_record
from parcours.territory.models import Centre
from tests.clock import FROZEN_AT
from tests.factories.appointments import at, kind, make_office, make_session, next_weekday
from tests.factories.people import make_pathway
from tests.types import ClientFor

pytestmark = pytest.mark.django_db


def _states(html: str) -> dict[str, str]:
    found = re.findall(r'data-task="(\w+)" data-state="(\w+)"', html)
    return dict(found)


def _page(client: object, pathway: Pathway) -> str:
    url = reverse("staff:person", args=[pathway.person_id])
    return str(client.get(url).content.decode())  # type: ignore[attr-defined]


def _appointment(
    pathway: Pathway, centre: Centre, agent: User, code: KindCode, status: str
) -> None:
    starts = timezone.now() + timedelta(days=1 if status == AppointmentStatus.PLANNED else -1)
    Appointment.objects.create(
        centre=centre,
        office=make_office(centre, name=f"Office {code}"),
        kind=kind(code),
        staff=agent,
        person=pathway.person,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=30),
        status=status,
    )


def test_a_booked_or_held_appointment_or_a_seat_puts_its_part_in_progress(
    agent_mons: User, coordinator_mons: User, cimb: Centre, client_for: ClientFor
) -> None:
    pathway = make_pathway(actor=agent_mons)
    client = client_for(agent_mons)
    assert set(_states(_page(client, pathway)).values()) <= {"todo", "cannot_start"}
    _appointment(pathway, cimb, agent_mons, KindCode.SOCIAL_ASSESSMENT, AppointmentStatus.PLANNED)
    _appointment(pathway, cimb, agent_mons, KindCode.FRENCH_TEST, AppointmentStatus.ATTENDED)
    _appointment(pathway, cimb, agent_mons, KindCode.ADMINISTRATIVE_HELP, "cancelled_centre")
    day = next_weekday(timezone.localdate(FROZEN_AT) + timedelta(days=7), 1)
    session = make_session(make_office(cimb), coordinator_mons, starts_at=at(day, 9), now=FROZEN_AT)
    seat_register(session=session, actor=agent_mons, now=FROZEN_AT, person=pathway.person)
    html = _page(client, pathway)
    states = _states(html)
    assert states["social_assessment"] == "in_progress"
    assert states["french_test"] == "in_progress"
    assert states["rights_and_duties"] == "in_progress"
    assert states["administrative_help"] == "todo"  # a cancelled appointment is no start
    # In words, not colour only: the state and why it is in progress.
    assert ">En cours</strong>" in html and "Rendez-vous fixé" in html
    assert "Rendez-vous tenu, à encoder" in html and "Inscrit à une séance collective" in html
    french_test_record(pathway=pathway, tested_on=day, level="A1", notes="", actor=agent_mons)
    assert _states(_page(client, pathway))["french_test"] == "done"


def test_the_agent_marks_a_part_in_progress_and_back_to_to_do(
    agent_mons: User, client_for: ClientFor
) -> None:
    pathway = make_pathway(actor=agent_mons)
    client = client_for(agent_mons)
    url = reverse("staff:welcome_task_state", args=[pathway.pk, "administrative_help"])
    assert 'data-set-state="in_progress"' in _page(client, pathway)
    assert client.post(url, {"state": "in_progress"}).status_code == 302
    pathway.refresh_from_db()
    assert pathway.welcome_started == ["administrative_help"]
    html = _page(client, pathway)
    assert _states(html)["administrative_help"] == "in_progress"
    assert "Marqué en cours par l’équipe" in html and 'data-set-state="todo"' in html
    assert PathwayEvent.objects.filter(pathway=pathway, summary__contains="en cours").exists()
    assert client.post(url, {"state": "todo"}).status_code == 302
    pathway.refresh_from_db()
    assert pathway.welcome_started == []
    assert _states(_page(client, pathway))["administrative_help"] == "todo"


def test_a_bad_state_or_part_changes_nothing_and_says_why(
    agent_mons: User, agent_liege: User, client_for: ClientFor
) -> None:
    pathway = make_pathway(actor=agent_mons)
    client = client_for(agent_mons)
    odd = reverse("staff:welcome_task_state", args=[pathway.pk, "holidays"])
    response = client.post(odd, {"state": "in_progress"}, follow=True)
    assert "Partie du module d’accueil inconnue." in response.content.decode()
    url = reverse("staff:welcome_task_state", args=[pathway.pk, "french_test"])
    response = client.post(url, {"state": "done"}, follow=True)
    assert "État inconnu." in response.content.decode()
    assert client.get(url).status_code == 405
    assert client_for(agent_liege).post(url, {"state": "in_progress"}).status_code == 404
    pathway.refresh_from_db()
    assert pathway.welcome_started == []


def test_once_every_part_is_done_nothing_is_read_for_the_parts_in_progress(
    agent_mons: User, django_assert_num_queries: object
) -> None:
    """Issue 16 (the person page of a file in training): no query for parts in progress
    when none can be."""
    from parcours.casework.welcome_tasks import parts_in_progress  # noqa: PLC0415
    from parcours.pathways.enums import WelcomePart  # noqa: PLC0415

    pathway = make_pathway(actor=agent_mons)
    everything = tuple(WelcomePart.values)
    with django_assert_num_queries(0):  # type: ignore[operator]
        assert parts_in_progress(pathway, everything) == {}
    with django_assert_num_queries(1):  # type: ignore[operator]
        assert parts_in_progress(pathway, everything[1:]) == {}
