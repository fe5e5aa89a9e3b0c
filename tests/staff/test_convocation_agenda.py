"""A convocation to an evaluation is an appointment in the agenda (kind "evaluation"), with
its letter; a time the office cannot give refuses both and says why."""

import pytest
from django.urls import reverse

from parcours.accounts.models import User
from parcours.appointments.enums import KindCode
from parcours.appointments.models import Appointment
from parcours.pathways.models import Convocation, Pathway
from tests.clock import FROZEN_ON
from tests.factories.appointments import make_office, next_weekday
from tests.types import ClientFor

pytestmark = pytest.mark.django_db
DAY = next_weekday(FROZEN_ON, 1)


def test_a_convocation_books_the_evaluation_in_the_agenda_and_the_letter_says_where(
    file_mons: Pathway, agent_mons: User, client_for: ClientFor
) -> None:
    office = make_office(file_mons.centre)
    url = reverse("staff:convocation", args=[file_mons.pk])
    client = client_for(agent_mons)
    assert 'name="office"' in client.get(url).content.decode()
    body = {"meeting_at": f"{DAY.isoformat()}T10:00", "office": office.pk, "staff": agent_mons.pk}
    response = client.post(url, body)
    assert response.status_code == 302
    [appointment] = Appointment.objects.filter(person=file_mons.person)
    assert appointment.kind.code == KindCode.EVALUATION and appointment.staff == agent_mons
    assert appointment.office == office
    [convocation] = Convocation.objects.filter(pathway=file_mons)
    assert convocation.meeting_at == appointment.starts_at
    assert convocation.place == f"{office.name}, {office.address}"
    week = client.get(
        reverse("appointments:staff_week", args=[agent_mons.pk]), {"week": DAY.isoformat()}
    )
    text = week.content.decode()
    assert reverse("appointments:detail", args=[appointment.pk]) in text
    # The agenda is an hour grid: the interview sits in the 10:00 row, coloured by its kind
    # and named, with the legend of the kinds.
    ten = text.split('<th scope="row" class="hour">10:00</th>', 1)[1].split("</tr>", 1)[0]
    assert 'data-kind="evaluation"' in ten and str(appointment.kind) in ten
    assert 'class="kinds-legend"' in text and "kind-evaluation" in text


def test_a_time_the_office_cannot_give_refuses_the_convocation_and_changes_nothing(
    file_mons: Pathway, agent_mons: User, client_for: ClientFor
) -> None:
    office = make_office(file_mons.centre)
    url = reverse("staff:convocation", args=[file_mons.pk])
    body = {"meeting_at": f"{DAY.isoformat()}T22:00", "office": office.pk, "staff": agent_mons.pk}
    response = client_for(agent_mons).post(url, body)
    assert response.status_code == 200
    [error] = response.context["form"].non_field_errors()
    assert error in response.content.decode()  # the office's opening hours, in words
    assert not Convocation.objects.filter(pathway=file_mons).exists()
    assert not Appointment.objects.filter(person=file_mons.person).exists()


def test_a_convocation_elsewhere_needs_a_place(
    file_mons: Pathway, agent_mons: User, client_for: ClientFor
) -> None:
    url = reverse("staff:convocation", args=[file_mons.pk])
    client = client_for(agent_mons)
    empty = client.post(url, {"meeting_at": f"{DAY.isoformat()}T10:00"})
    assert empty.status_code == 200 and not Convocation.objects.exists()
    elsewhere = {"meeting_at": f"{DAY.isoformat()}T10:00", "place": "CPAS de Mons"}
    assert client.post(url, elsewhere).status_code == 302
    assert Convocation.objects.get().place == "CPAS de Mons"
    assert not Appointment.objects.exists()
