"""The territory by date: former NIS codes with their successors, postal localities and the
commune → centre table dated, the rules' adapter, and statistics by the commune of today."""

from datetime import date

import pytest
from django.utils import translation

from parcours.accounts.models import User
from parcours.pathways.territory_adapter import DatabaseTerritory
from parcours.rules import CodeNotValidOn
from parcours.territory.eligibility import territory_for_rules
from parcours.territory.models import Centre, CentreAssignment, Commune, PostalLocality
from parcours.territory.selectors import (
    commune_of_today,
    communes_served_by,
    locality_commune_on,
)
from parcours.territory.services import (
    commune_assign_centre,
    commune_centres_refresh,
    reference_load,
)

pytestmark = pytest.mark.usefixtures("territory")


def test_the_former_codes_carry_their_period_and_successor() -> None:
    mouscron = Commune.objects.get(nis_code="54007")
    assert (mouscron.valid_until, mouscron.successor.nis_code) == (  # type: ignore[union-attr]
        date(2018, 12, 31),
        "57096",
    )
    merged = Commune.objects.get(nis_code="82039")
    assert sorted(merged.predecessors.values_list("nis_code", flat=True)) == ["82003", "82005"]
    with translation.override("fr"):  # wherever it is listed, a former code says so
        assert str(mouscron) == "Mouscron (INS 54007, jusqu’au 31/12/2018)"


def test_loading_twice_keeps_one_row_per_code_succession_and_period() -> None:
    counts = (Commune.objects.count(), CentreAssignment.objects.count())
    reference_load()
    assert (Commune.objects.count(), CentreAssignment.objects.count()) == counts
    assert Commune.objects.filter(successor__isnull=False).count() == 13


def test_a_former_code_is_served_today_by_its_successors_centre_but_not_listed() -> None:
    cimb = Centre.objects.get(code="CIMB")
    assert Commune.objects.get(nis_code="54007").centre == cimb
    served = set(communes_served_by(centre=cimb).values_list("nis_code", flat=True))
    assert "57096" in served
    assert "54007" not in served


def test_a_postal_locality_points_to_the_commune_of_the_day() -> None:
    bertogne = PostalLocality.objects.get(postal_code="6687")
    assert locality_commune_on(locality=bertogne, on=date(2024, 12, 1)).nis_code == "82005"  # type: ignore[union-attr]
    assert locality_commune_on(locality=bertogne, on=date(2024, 12, 2)).nis_code == "82039"  # type: ignore[union-attr]
    bastogne = PostalLocality.objects.get(postal_code="6600", name="Bastogne")
    assert locality_commune_on(locality=bastogne, on=date(2020, 1, 1)).nis_code == "82003"  # type: ignore[union-attr]
    herseaux = PostalLocality.objects.get(postal_code="7712")
    assert locality_commune_on(locality=herseaux, on=date(2018, 12, 31)).nis_code == "54007"  # type: ignore[union-attr]


def test_the_contract_refuses_a_code_outside_its_period_naming_the_code_of_that_date() -> None:
    territory = territory_for_rules()
    with pytest.raises(CodeNotValidOn, match="the code then was 54007"):
        territory.commune_on("57096", date(2018, 6, 1))
    assert territory.commune_on("54007", date(2018, 6, 1)).competent_centre == "CIMB"


def test_the_adapter_answers_a_stored_code_through_the_successions() -> None:
    adapter = DatabaseTerritory()
    on_2018 = adapter.commune_on("57096", date(2018, 6, 1))
    assert (on_2018.nis_code, on_2018.language_region, on_2018.competent_centre) == (
        "54007",
        "french_language_region",
        "CIMB",
    )
    assert adapter.commune_on("82003", date(2026, 1, 1)).nis_code == "82039"


def test_statistics_group_a_former_code_under_the_commune_of_today() -> None:
    assert commune_of_today(nis_code="54010", today=date(2026, 11, 30)).nis_code == "57097"  # type: ignore[union-attr]
    assert commune_of_today(nis_code="53053", today=date(2026, 11, 30)).nis_code == "53053"  # type: ignore[union-attr]


def test_a_centre_takes_a_commune_over_from_a_given_day(admin_user: User) -> None:
    tournai = Commune.objects.get(nis_code="57081")
    ceraic = Centre.objects.get(code="CeRAIC")
    commune_assign_centre(
        commune=tournai,
        centre=ceraic,
        reason="Arrêté du Gouvernement",
        actor=admin_user,
        from_on=date(2027, 1, 1),
    )
    tournai.refresh_from_db()
    assert tournai.centre.code == "CIMB"  # type: ignore[union-attr]  # not yet
    territory = territory_for_rules()
    assert territory.commune_on("57081", date(2026, 12, 31)).competent_centre == "CIMB"
    assert territory.commune_on("57081", date(2027, 1, 1)).competent_centre == "CeRAIC"
    assert commune_centres_refresh(today=date(2027, 1, 1)) == 1
    tournai.refresh_from_db()
    assert tournai.centre == ceraic
    reference_load()  # the reference table never undoes a takeover recorded by hand
    assert territory_for_rules().commune_on("57081", date(2027, 1, 1)).competent_centre == "CeRAIC"
