"""A coordinator manages the partner bodies their centre works with and their offers
in the staff pages (weekdays ticked, not typed), never another centre's; the admin sees all."""

import importlib

import pytest
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.territory.models import Centre, Commune
from parcours.training.models import Offer, Partner
from tests.factories.accounts import make_user
from tests.factories.people import make_pathway
from tests.factories.training import make_enrolment, make_offer, make_partner
from tests.pathways.journey import do_agreement, do_welcome
from tests.types import ClientFor

pytestmark = pytest.mark.django_db

PARTNER = {
    "name": "Lire et Écrire Mons",
    "street": "Rue d'Havré 10",
    "contact_email": "mons@lire-ecrire.example.org",
    "gives_french": "on",
}


def _offer(commune: Commune, **extra: object) -> dict[str, object]:
    return {
        "track": "french",
        "title": "FLE A1 matin",
        "commune": commune.pk,
        "weekdays": ["0", "3"],
        "schedule": "9:00–12:00",
        "runs_from": "01/09/2026",
        "runs_until": "30/06/2027",
        "start_dates": "01/09/2026, 05/01/2027",
        "capacity": "15",
        "level_from": "literacy",
        "level_to": "A1",
        "is_open": "on",
    } | extra


@pytest.fixture
def coordinator_liege(cripel: Centre) -> User:
    return make_user(email="coord.liege@example.org", role=Role.COORDINATOR, centre=cripel)


def test_a_coordinator_creates_a_partner_body_that_works_with_their_centre(
    coordinator_mons: User, cimb: Centre, mons: Commune, client_for: ClientFor
) -> None:
    client = client_for(coordinator_mons)
    page = client.get(reverse("staff:partner_new"))
    assert page.status_code == 200 and "<fieldset" in page.content.decode()
    done = client.post(reverse("staff:partner_new"), PARTNER | {"commune": mons.pk})
    partner = Partner.objects.get(name="Lire et Écrire Mons")
    assert done["Location"] == reverse("staff:partner_edit", args=[partner.pk])
    assert list(partner.centres.all()) == [cimb] and partner.gives_french
    entry = LogEntry.objects.get(object_id=str(partner.pk))
    assert entry.user_id == coordinator_mons.pk and entry.is_addition()
    listed = client.get(reverse("staff:partners")).content.decode()
    assert "Lire et Écrire Mons" in listed


def test_a_partner_body_without_a_track_or_with_a_taken_name_is_refused_with_a_message(
    coordinator_mons: User, client_for: ClientFor
) -> None:
    client = client_for(coordinator_mons)
    no_track = client.post(reverse("staff:partner_new"), {"name": "Sans axe"})
    assert no_track.status_code == 200
    assert "Cochez au moins un axe" in no_track.content.decode()
    make_partner("Lire et Écrire Mons")
    taken = client.post(reverse("staff:partner_new"), PARTNER)
    assert taken.status_code == 200 and "existe déjà" in taken.content.decode()
    bad_mail = client.post(reverse("staff:partner_new"), PARTNER | {"contact_email": "x@"})
    assert bad_mail.status_code == 200
    assert Partner.objects.count() == 1


def test_a_coordinator_edits_their_partner_and_never_another_centres(
    coordinator_mons: User, coordinator_liege: User, cimb: Centre, client_for: ClientFor
) -> None:
    ours = make_partner("Ours")
    ours.centres.add(cimb)
    theirs = make_partner("Theirs")
    theirs.centres.add(coordinator_liege.centre_id)  # type: ignore[arg-type]
    client = client_for(coordinator_mons)
    edit = reverse("staff:partner_edit", args=[ours.pk])
    saved = client.post(edit, PARTNER | {"name": "Ours renamed", "gives_citizenship": "on"})
    assert saved.status_code == 302
    ours.refresh_from_db()
    assert ours.name == "Ours renamed" and ours.gives_citizenship
    assert client.get(reverse("staff:partner_edit", args=[theirs.pk])).status_code == 404
    refused = client.post(reverse("staff:partner_edit", args=[theirs.pk]), PARTNER)
    assert refused.status_code == 404
    theirs.refresh_from_db()
    assert theirs.name == "Theirs"
    listed = client.get(reverse("staff:partners")).content.decode()
    assert reverse("staff:partner_edit", args=[theirs.pk]) not in listed


def test_a_coordinator_adds_a_body_another_centre_recorded(
    coordinator_mons: User, coordinator_liege: User, cimb: Centre, client_for: ClientFor
) -> None:
    shared = make_partner("Shared")
    shared.centres.add(coordinator_liege.centre_id)  # type: ignore[arg-type]
    client = client_for(coordinator_mons)
    assert client.post(reverse("staff:partner_join"), {"partner": shared.pk}).status_code == 302
    assert set(shared.centres.all()) == {cimb, coordinator_liege.centre}
    assert client.post(reverse("staff:partner_join"), {"partner": 0}).status_code == 302
    assert client.get(reverse("staff:partner_edit", args=[shared.pk])).status_code == 200


def test_the_admin_sees_every_body_and_says_which_centres(
    admin_user: User, cimb: Centre, cripel: Centre, client_for: ClientFor
) -> None:
    make_partner("Unlinked")
    client = client_for(admin_user)
    assert "Unlinked" in client.get(reverse("staff:partners")).content.decode()
    client.post(reverse("staff:partner_new"), PARTNER | {"centres": [cimb.pk, cripel.pk]})
    assert set(Partner.objects.get(name=PARTNER["name"]).centres.all()) == {cimb, cripel}


def test_a_coordinator_creates_an_offer_with_weekdays_ticked(
    coordinator_mons: User, cimb: Centre, mons: Commune, client_for: ClientFor
) -> None:
    partner = make_partner("Ours", gives_citizenship=False, gives_job_orientation=False)
    partner.centres.add(cimb)
    client = client_for(coordinator_mons)
    url = reverse("staff:offer_new", args=[partner.pk])
    form = client.get(url).content.decode()
    assert 'type="checkbox" name="weekdays" value="3"' in form and "jeudi" in form
    assert 'value="citizenship"' not in form  # a track the body does not give
    done = client.post(url, _offer(mons))
    assert done.status_code == 302
    offer = Offer.objects.get(partner=partner)
    assert offer.weekdays == [0, 3] and offer.capacity == 15 and offer.is_open
    assert offer.start_dates == ["2026-09-01", "2027-01-05"]
    assert str(offer.runs_until) == "2027-06-30"
    detail = client.get(reverse("staff:partner_edit", args=[partner.pk])).content.decode()
    assert "lundi, jeudi" in detail
    edit = reverse("staff:offer_edit", args=[partner.pk, offer.pk])
    assert 'value="01/09/2026, 05/01/2027"' in client.get(edit).content.decode()
    client.post(edit, _offer(mons, weekdays=["4"], is_open=""))
    offer.refresh_from_db()
    assert offer.weekdays == [4] and not offer.is_open
    assert LogEntry.objects.filter(object_id=str(offer.pk)).count() == 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"runs_until": "01/08/2026"}, "se terminer après"),
        ({"capacity": "0"}, "supérieure ou égale à 1"),
        ({"start_dates": "31/02/2026"}, "n’est pas une date"),
        ({"weekdays": ["9"]}, "n’est pas dans la liste"),
        ({"level_from": "B1", "level_to": "A1"}, "niveau de départ"),
        ({"title": ""}, "Ce champ est obligatoire"),
    ],
)
def test_a_bad_offer_gets_a_message_and_changes_nothing(  # noqa: PLR0917 -- personas
    change: dict[str, object],
    message: str,
    coordinator_mons: User,
    cimb: Centre,
    mons: Commune,
    client_for: ClientFor,
) -> None:
    partner = make_partner("Ours")
    partner.centres.add(cimb)
    page = client_for(coordinator_mons).post(
        reverse("staff:offer_new", args=[partner.pk]), _offer(mons, **change)
    )
    assert page.status_code == 200 and message in page.content.decode()
    assert not Offer.objects.exists()


def test_another_centres_offers_are_out_of_reach(
    coordinator_mons: User, coordinator_liege: User, mons: Commune, client_for: ClientFor
) -> None:
    theirs = make_partner("Theirs")
    theirs.centres.add(coordinator_liege.centre_id)  # type: ignore[arg-type]
    offer = make_offer(theirs)
    client = client_for(coordinator_mons)
    assert client.get(reverse("staff:offer_new", args=[theirs.pk])).status_code == 404
    edit = reverse("staff:offer_edit", args=[theirs.pk, offer.pk])
    assert client.post(edit, _offer(mons)).status_code == 404
    offer.refresh_from_db()
    assert offer.capacity == 25


def test_the_migration_links_partners_to_the_centres_they_served(
    agent_mons: User, partner_fle: User, cimb: Centre
) -> None:
    assert partner_fle.partner is not None
    pathway = make_pathway(actor=agent_mons)
    do_welcome(pathway, agent_mons)
    do_agreement(pathway, agent_mons)
    offer = make_offer(partner_fle.partner, nis="62063")  # Liège: the CRIPEL's commune
    make_enrolment(pathway, offer, agent=agent_mons, partner_user=partner_fle)
    migration = importlib.import_module(
        "parcours.training.migrations.0008_partner_centres_from_offers_and_enrolments"
    )
    migration.link(apps, None)
    assert set(partner_fle.partner.centres.values_list("code", flat=True)) == {
        "CIMB",
        "CRIPEL",
    }


def test_the_partner_and_account_lists_cost_the_same_for_many_rows(
    coordinator_mons: User,
    cimb: Centre,
    client_for: ClientFor,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    for index in range(12):
        partner = make_partner(f"Body {index}")
        partner.centres.add(cimb)
        make_offer(partner)
        make_user(email=f"p{index}@example.org", role=Role.PARTNER, partner=partner)
    client = client_for(coordinator_mons)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("staff:partners")).status_code == 200
    with django_assert_max_num_queries(5):
        assert client.get(reverse("staff:accounts")).status_code == 200


def test_the_partner_editing_its_offer_keeps_the_period_the_centre_set(
    partner_fle: User, coordinator_mons: User, cimb: Centre, mons: Commune, client_for: ClientFor
) -> None:
    assert partner_fle.partner is not None
    partner_fle.partner.centres.add(cimb)
    client = client_for(coordinator_mons)
    client.post(reverse("staff:offer_new", args=[partner_fle.partner.pk]), _offer(mons))
    offer = Offer.objects.get()
    edit = reverse("partner:offer_edit", args=[offer.pk])
    form = client_for(partner_fle).get(edit).content.decode()
    assert 'value="2026-09-01"' in form
    body = _offer(mons, title="FLE A1 matin (groupe 2)", runs_from="2026-09-01")
    assert (
        client_for(partner_fle).post(edit, body | {"runs_until": "2027-06-30"}).status_code == 302
    )
    offer.refresh_from_db()
    assert offer.title == "FLE A1 matin (groupe 2)" and str(offer.runs_until) == "2027-06-30"
