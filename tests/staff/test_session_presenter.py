"""A collective session shows who presents it (a member of staff or a guest presenter) on its
page, in the list of sessions, in the week calendars and in its attendance sheet."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from parcours.accounts.models import User
from parcours.appointments.models import Presenter
from parcours.appointments.services.sessions import seat_register
from parcours.territory.models import Centre
from tests.clock import FROZEN_AT
from tests.factories.appointments import at, make_office, make_session, next_weekday
from tests.factories.people import make_pathway
from tests.types import ClientFor

pytestmark = pytest.mark.django_db


def _day() -> date:
    return next_weekday(timezone.localdate(FROZEN_AT) + timedelta(days=2), 1)


def test_the_session_page_and_list_show_the_staff_presenter(
    agent_mons: User, coordinator_mons: User, cimb: Centre, client_for: ClientFor
) -> None:
    coordinator_mons.full_name = "Nadia Ferrari"
    coordinator_mons.save()
    office = make_office(cimb)
    session = make_session(
        office, coordinator_mons, starts_at=at(_day(), 9), now=FROZEN_AT, presenter=coordinator_mons
    )
    client = client_for(agent_mons)
    page = client.get(reverse("appointments:session", args=[session.pk])).content.decode()
    assert "Animée par Nadia Ferrari" in page
    listed = client.get(reverse("appointments:sessions")).content.decode()
    assert "data-presenter>Nadia Ferrari</td>" in listed and ">Animateur</th>" in listed
    sheet = client.get(reverse("appointments:session", args=[session.pk]), {"export": "csv"})
    assert "Animateur,Nadia Ferrari" in sheet.content.decode("utf-8-sig")


def test_a_guest_presenter_shows_with_the_organisation_and_unset_says_so(
    agent_mons: User, coordinator_mons: User, cimb: Centre, client_for: ClientFor
) -> None:
    office = make_office(cimb)
    guest = Presenter.objects.create(centre=cimb, full_name="Me Claire Dubois", organisation="ADDE")
    with_guest = make_session(
        office, coordinator_mons, starts_at=at(_day(), 9), now=FROZEN_AT, guest_presenter=guest
    )
    nobody = make_session(
        office, coordinator_mons, starts_at=at(_day(), 14), now=FROZEN_AT, title="Sans animateur"
    )
    client = client_for(agent_mons)
    page = client.get(reverse("appointments:session", args=[with_guest.pk])).content.decode()
    assert "Animée par Me Claire Dubois (ADDE)" in page and "animateur extérieur" in page
    empty = client.get(reverse("appointments:session", args=[nobody.pk])).content.decode()
    assert "Personne n’anime encore cette séance." in empty
    week = client.get(reverse("appointments:office_week", args=[office.pk]), {"week": str(_day())})
    assert "Me Claire Dubois (ADDE)" in week.content.decode()


def test_each_attendance_box_is_named_after_its_person(
    agent_mons: User, coordinator_mons: User, cimb: Centre, client_for: ClientFor
) -> None:
    """A screen reader heard "Présent" for every row: the hidden label names the person."""
    starts = FROZEN_AT - timedelta(hours=1)
    session = make_session(make_office(cimb), coordinator_mons, starts_at=starts)
    person = make_pathway(actor=agent_mons).person
    seat = seat_register(
        session=session, actor=agent_mons, now=starts - timedelta(days=1), person=person
    )
    page = client_for(agent_mons).get(reverse("appointments:session", args=[session.pk]))
    html = page.content.decode()
    label = html.split(f'<label for="present-{seat.pk}">', 1)[1].split("</label>", 1)[0]
    assert f"{person.full_name} était présent·e" in label
