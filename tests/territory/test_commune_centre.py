from django.utils import translation
from django.utils.html import escape

from parcours.accounts.models import User
from parcours.territory.enums import CentreSource
from parcours.territory.models import Centre, Commune, CommuneCentreChange
from parcours.territory.services import commune_assign_centre
from tests.errors import refused
from tests.types import ClientFor


def test_a_centre_change_records_who_when_and_why(admin_user: User, cimb: Centre) -> None:
    commune = Commune.objects.get(nis_code="58001")  # La Louvière
    change = commune_assign_centre(
        commune=commune, centre=cimb, reason="Correction", actor=admin_user
    )
    assert change is not None
    assert (change.previous_centre.code, change.new_centre.code) == ("CeRAIC", "CIMB")  # type: ignore[union-attr]
    assert change.changed_by == admin_user
    assert change.reason == "Correction"
    assert commune.centre == cimb
    assert commune.centre_source == CentreSource.MANUAL


def test_a_centre_change_without_a_reason_is_refused_and_changes_nothing(
    admin_user: User, cimb: Centre
) -> None:
    commune = Commune.objects.get(nis_code="58001")
    with refused("Say why the commune changes centre."):
        commune_assign_centre(commune=commune, centre=cimb, reason="  ", actor=admin_user)
    commune.refresh_from_db()
    assert commune.centre.code == "CeRAIC"  # type: ignore[union-attr]
    assert not CommuneCentreChange.objects.exists()


def test_a_german_speaking_commune_cannot_get_a_centre(admin_user: User, cimb: Centre) -> None:
    eupen = Commune.objects.get(nis_code="63023")
    with refused("Only a commune of the French-language region can have a centre."):
        commune_assign_centre(commune=eupen, centre=cimb, reason="x", actor=admin_user)


def test_assigning_the_same_centre_again_writes_no_history(admin_user: User, mons: Commune) -> None:
    assert (
        commune_assign_centre(commune=mons, centre=mons.centre, reason="x", actor=admin_user)
        is None
    )
    assert not CommuneCentreChange.objects.exists()


def test_a_coordinator_corrects_a_commune_of_their_centre_in_the_admin(
    client_for: ClientFor, coordinator_mons: User, mons: Commune, cripel: Centre
) -> None:
    client = client_for(coordinator_mons)
    url = f"/admin/territory/commune/{mons.pk}/change/"
    refused = client.post(url, {"centre": cripel.pk, "reason": ""})
    assert refused.status_code == 200
    with translation.override("fr"):
        expected = escape(translation.gettext("Say why the commune changes centre."))
    assert expected in refused.content.decode()
    mons.refresh_from_db()
    assert mons.centre.code == "CIMB"  # type: ignore[union-attr]
    inline = {"centre_changes-TOTAL_FORMS": "0", "centre_changes-INITIAL_FORMS": "0"}
    response = client.post(url, {"centre": cripel.pk, "reason": "Test de correction", **inline})
    assert response.status_code == 302
    mons.refresh_from_db()
    assert mons.centre == cripel
    history = client.get(url)
    assert "Test de correction" in history.content.decode()


def test_a_coordinator_cannot_change_a_commune_of_another_centre(
    client_for: ClientFor, coordinator_mons: User, cripel: Centre
) -> None:
    liege = Commune.objects.get(nis_code="62063")
    client = client_for(coordinator_mons)
    response = client.post(
        f"/admin/territory/commune/{liege.pk}/change/", {"centre": "", "reason": "Nope"}
    )
    assert response.status_code == 403
    liege.refresh_from_db()
    assert liege.centre == cripel


def test_an_agent_has_no_access_to_the_admin(client_for: ClientFor, agent_mons: User) -> None:
    response = client_for(agent_mons).get("/admin/", follow=True)
    assert response.status_code == 403
    with translation.override("fr"):
        assert escape(translation.gettext("Access refused")) in response.content.decode()


def test_saving_a_commune_without_changing_its_centre_writes_nothing(
    client_for: ClientFor, coordinator_mons: User, mons: Commune
) -> None:
    inline = {"centre_changes-TOTAL_FORMS": "0", "centre_changes-INITIAL_FORMS": "0"}
    response = client_for(coordinator_mons).post(
        f"/admin/territory/commune/{mons.pk}/change/",
        {"centre": mons.centre_id, "reason": "", **inline},
        follow=True,
    )
    assert response.status_code == 200
    assert not [m for m in response.context["messages"] if m.level_tag == "error"]
    assert not CommuneCentreChange.objects.exists()


def test_the_admin_refuses_a_centre_for_a_german_speaking_commune(
    client_for: ClientFor, admin_user: User, cimb: Centre
) -> None:
    eupen = Commune.objects.get(nis_code="63023")
    inline = {"centre_changes-TOTAL_FORMS": "0", "centre_changes-INITIAL_FORMS": "0"}
    response = client_for(admin_user).post(
        f"/admin/territory/commune/{eupen.pk}/change/",
        {"centre": cimb.pk, "reason": "Test", **inline},
    )
    assert response.status_code == 200  # the form again, with the error
    eupen.refresh_from_db()
    assert eupen.centre is None


def test_a_coordinator_can_undo_a_move_they_made(
    client_for: ClientFor, coordinator_mons: User, mons: Commune, cripel: Centre, cimb: Centre
) -> None:
    client = client_for(coordinator_mons)
    url = f"/admin/territory/commune/{mons.pk}/change/"
    inline = {"centre_changes-TOTAL_FORMS": "0", "centre_changes-INITIAL_FORMS": "0"}
    client.post(url, {"centre": cripel.pk, "reason": "Mistake", **inline})
    back = client.post(url, {"centre": cimb.pk, "reason": "Undo my mistake", **inline})
    assert back.status_code == 302
    mons.refresh_from_db()
    assert mons.centre == cimb
    assert CommuneCentreChange.objects.filter(commune=mons).count() == 2
