"""A coordinator keeps the rooms and the guest presenters of the centre's collective
sessions (list, create, edit, deactivate); a deactivated one is no longer offered."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.appointments.models import CollectiveSession, Presenter, Room
from parcours.territory.models import Centre
from tests.clock import FROZEN_AT
from tests.factories.accounts import make_user
from tests.factories.appointments import make_office
from tests.types import ClientFor

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_liege(cripel: Centre) -> User:
    return make_user(email="coord.liege@example.org", role=Role.COORDINATOR, centre=cripel)


def test_a_coordinator_adds_edits_and_deactivates_a_room(
    coordinator_mons: User, cimb: Centre, client_for: ClientFor
) -> None:
    office = make_office(cimb)
    client = client_for(coordinator_mons)
    page = client.get(reverse("staff:rooms"))
    assert page.status_code == 200 and "<fieldset" in page.content.decode()
    body = {"office": office.pk, "name": "Salle Hainaut", "seats": "20", "is_active": "on"}
    assert client.post(reverse("staff:rooms"), body).status_code == 302
    room = Room.objects.get(name="Salle Hainaut")
    assert room.seats == 20 and room.is_active
    again = client.post(reverse("staff:rooms"), body)
    assert "déjà un local de ce nom" in again.content.decode()
    bad = client.post(reverse("staff:rooms"), body | {"name": "Autre", "seats": "0"})
    assert bad.status_code == 200 and Room.objects.count() == 1
    edit = reverse("staff:room_edit", args=[room.pk])
    client.post(edit, body | {"seats": "12", "is_active": ""})
    room.refresh_from_db()
    assert room.seats == 12 and not room.is_active
    assert LogEntry.objects.filter(object_id=str(room.pk)).count() == 2
    session_form = client.get(reverse("appointments:session_new")).content.decode()
    assert "Salle Hainaut" not in session_form  # a deactivated room is not offered


def test_another_centres_room_and_presenter_are_out_of_reach(
    coordinator_mons: User, coordinator_liege: User, cripel: Centre, client_for: ClientFor
) -> None:
    room = Room.objects.create(office=make_office(cripel), name="Salle Meuse", seats=10)
    presenter = Presenter.objects.create(centre=cripel, full_name="Me Lambert")
    client = client_for(coordinator_mons)
    assert client.get(reverse("staff:room_edit", args=[room.pk])).status_code == 404
    assert client.post(reverse("staff:room_edit", args=[room.pk]), {}).status_code == 404
    assert client.get(reverse("staff:presenter_edit", args=[presenter.pk])).status_code == 404
    assert "Salle Meuse" not in client.get(reverse("staff:rooms")).content.decode()
    assert "Me Lambert" not in client.get(reverse("staff:presenters")).content.decode()
    foreign = {"office": room.office_id, "name": "Intrus", "seats": "5", "is_active": "on"}
    assert client.post(reverse("staff:rooms"), foreign).status_code == 200
    assert not Room.objects.filter(name="Intrus").exists()


def test_a_coordinator_keeps_guest_presenters_and_chooses_one_for_a_session(
    coordinator_mons: User, cimb: Centre, client_for: ClientFor
) -> None:
    office = make_office(cimb)
    client = client_for(coordinator_mons)
    assert client.post(reverse("staff:presenters"), {"full_name": ""}).status_code == 200
    body = {
        "full_name": "Me Claire Dubois",
        "organisation": "ADDE",
        "email": "c.dubois@adde.example.org",
        "is_active": "on",
    }
    assert client.post(reverse("staff:presenters"), body).status_code == 302
    presenter = Presenter.objects.get(full_name="Me Claire Dubois")
    assert presenter.centre == cimb and presenter.is_active
    assert "déjà enregistré" in client.post(reverse("staff:presenters"), body).content.decode()
    form = client.get(reverse("appointments:session_new")).content.decode()
    assert "Me Claire Dubois (ADDE)" in form
    starts = timezone.localtime(FROZEN_AT + timedelta(days=7))
    session = {
        "title": "Droits et devoirs",
        "office": office.pk,
        "guest_presenter": presenter.pk,
        "day": starts.date().isoformat(),
        "time": "09:00",
        "minutes": "180",
        "capacity": "12",
        "language": "fr",
        "counts_as_rights_and_duties": "on",
    }
    assert client.post(reverse("appointments:session_new"), session).status_code == 302
    assert CollectiveSession.objects.get().guest_presenter == presenter
    client.post(reverse("staff:presenter_edit", args=[presenter.pk]), body | {"is_active": ""})
    presenter.refresh_from_db()
    assert not presenter.is_active
    assert (
        "Me Claire Dubois" not in client.get(reverse("appointments:session_new")).content.decode()
    )
