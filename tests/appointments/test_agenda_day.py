"""The agenda on a phone: a staff member's day as a list in time order (kind, person, office,
room), with the days around it; a day that is no date says so and shows today."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse

from parcours.accounts.models import User
from parcours.appointments.enums import KindCode
from parcours.pathways.models import Pathway
from parcours.territory.models import Centre, Office
from tests.appointments.conftest import NOW_DAY
from tests.factories.appointments import (
    at,
    book,
    make_availability,
    make_office,
    make_room,
    next_weekday,
)
from tests.types import ClientFor

pytestmark = pytest.mark.django_db
DAY = next_weekday(NOW_DAY, 1)  # a Tuesday


def _day_url(staff: User) -> str:
    return reverse("appointments:staff_day", args=[staff.pk])


@pytest.fixture
def day_booked(office: Office, agent_mons: User, pathway: Pathway, now: datetime) -> Office:
    room = make_room(office, "Salle Europe")
    book(
        office=office,
        staff=agent_mons,
        person=pathway.person,
        starts_at=at(DAY, 10),
        now=now,
        code=KindCode.SOCIAL_ASSESSMENT,
        room=room,
    )
    book(office=office, staff=agent_mons, person=pathway.person, starts_at=at(DAY, 9), now=now)
    return office


def test_the_day_list_shows_the_appointments_in_time_order_with_kind_person_office_and_room(
    client_for: ClientFor, agent_mons: User, day_booked: Office
) -> None:
    response = client_for(agent_mons).get(_day_url(agent_mons), {"day": DAY.isoformat()})
    assert response.status_code == 200
    html = response.content.decode()
    agenda = html.split('<ol class="day-agenda">', 1)[1].split("</ol>", 1)[0]
    assert agenda.count("<li ") == 2
    assert agenda.index("09:00") < agenda.index("10:00")  # in time order
    eleven = agenda.split("10:00", 1)[1]
    assert 'data-kind="social_assessment"' in agenda and "Bilan social" in eleven
    assert "AL-HASSAN Amira" in eleven and day_booked.name in eleven
    assert "Salle Europe" in eleven
    assert "<dt>Personne</dt>" in agenda and "<dt>Local</dt>" in agenda


def test_the_day_list_leads_to_the_day_before_and_after_and_the_week_grid(
    client_for: ClientFor, agent_mons: User, day_booked: Office
) -> None:
    html = client_for(agent_mons).get(_day_url(agent_mons), {"day": DAY.isoformat()}).content
    page = html.decode()
    for other in (DAY - timedelta(days=1), DAY + timedelta(days=1)):
        assert f'href="?day={other.isoformat()}"' in page
    assert f"?week={DAY.isoformat()}" in page
    assert 'aria-current="date"' in page  # the day shown, in the strip of its week
    # The day after holds nothing: it says so.
    after = client_for(agent_mons).get(_day_url(agent_mons), {"day": str(DAY + timedelta(1))})
    assert "Aucun rendez-vous." in after.content.decode()
    assert "AL-HASSAN" not in after.content.decode()


def test_a_french_date_in_the_address_is_read_and_no_day_given_is_today(
    client_for: ClientFor, agent_mons: User, day_booked: Office
) -> None:
    client = client_for(agent_mons)
    typed = client.get(_day_url(agent_mons), {"day": DAY.strftime("%d/%m/%Y")})
    assert typed.status_code == 200 and "AL-HASSAN Amira" in typed.content.decode()
    assert client.get(_day_url(agent_mons)).context["day"] == NOW_DAY


@pytest.mark.parametrize("bad", ["nope", "2026-02-30", "9999-12-31", "31/12/0001"])
def test_a_day_that_is_no_date_says_so_and_shows_today(
    client_for: ClientFor, agent_mons: User, office: Office, bad: str
) -> None:
    response = client_for(agent_mons).get(_day_url(agent_mons), {"day": bad})
    assert response.status_code == 400
    html = response.content.decode()
    assert "n’est pas un jour du calendrier" in html and response.context["day"] == NOW_DAY


def test_the_day_list_of_another_centres_staff_is_not_found_and_shows_only_its_own(
    client_for: ClientFor, agent_mons: User, agent_liege: User, cripel: Centre, day_booked: Office
) -> None:
    liege = client_for(agent_liege)
    assert liege.get(_day_url(agent_mons), {"day": DAY.isoformat()}).status_code == 404
    make_availability(make_office(cripel, "Bureau de Liège"), agent_liege)
    own = liege.get(_day_url(agent_liege), {"day": DAY.isoformat()})
    assert own.status_code == 200 and "AL-HASSAN" not in own.content.decode()


def test_the_week_page_links_to_the_day_list_and_carries_it_for_narrow_screens(
    client_for: ClientFor, agent_mons: User, day_booked: Office
) -> None:
    week = client_for(agent_mons).get(
        reverse("appointments:staff_week", args=[agent_mons.pk]), {"week": DAY.isoformat()}
    )
    html = week.content.decode()
    monday = DAY - timedelta(days=DAY.weekday())
    assert f'{_day_url(agent_mons)}?day={monday.isoformat()}" id="day-list-link"' in html
    narrow = html.split('<section class="agenda-narrow"', 1)[1].split("</section>", 1)[0]
    assert '<ol class="day-agenda">' in narrow  # the day's list (CSS shows it on a phone)
    assert 'class="agenda-wide"' in html and "hour-grid" in html  # the grid stays
