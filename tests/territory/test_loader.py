import pytest

from parcours.accounts.models import User
from parcours.territory.enums import CentreSource, LanguageRegion
from parcours.territory.models import (
    Centre,
    Commune,
    CommuneCentreChange,
    PostalLocality,
    ReferenceDataset,
)
from parcours.territory.services import commune_assign_centre, reference_load

pytestmark = pytest.mark.usefixtures("territory")


def test_the_reference_data_has_261_communes_of_which_9_are_german_speaking() -> None:
    assert Commune.objects.filter(valid_until__isnull=True).count() == 261
    german = Commune.objects.filter(language_region=LanguageRegion.GERMAN)
    assert german.count() == 9
    assert set(german.values_list("name_fr", flat=True)) >= {"Eupen", "La Calamine", "Saint-Vith"}


def test_the_eight_centres_and_1577_postal_localities_are_loaded() -> None:
    assert set(Centre.objects.values_list("code", flat=True)) == {
        "CRIBW",
        "CRIC",
        "CeRAIC",
        "CIMB",
        "CAI",
        "CRIPEL",
        "CRVI",
        "CRILUX",
    }
    assert PostalLocality.objects.count() == 1577


def test_every_commune_of_the_french_language_region_has_exactly_one_centre() -> None:
    french = Commune.objects.filter(language_region=LanguageRegion.FRENCH, valid_until=None)
    assert french.count() == 252
    assert not french.filter(centre__isnull=True).exists()
    german = Commune.objects.filter(language_region=LanguageRegion.GERMAN)
    assert not german.filter(centre__isnull=False).exists()


def test_mons_is_served_by_the_cimb_and_liege_by_the_cripel() -> None:
    assert Commune.objects.get(nis_code="53053").centre.code == "CIMB"  # type: ignore[union-attr]
    assert Commune.objects.get(nis_code="62063").centre.code == "CRIPEL"  # type: ignore[union-attr]


def test_loading_twice_updates_and_never_duplicates() -> None:
    before = (Commune.objects.count(), PostalLocality.objects.count(), Centre.objects.count())
    Commune.objects.filter(nis_code="53053").update(name_fr="Altered")
    report = reference_load()
    after = (Commune.objects.count(), PostalLocality.objects.count(), Centre.objects.count())
    assert before == after == (261 + 13, 1577, 8)  # 13 former codes
    assert report.communes == 261
    assert Commune.objects.get(nis_code="53053").name_fr == "Mons"


def test_each_loaded_file_keeps_its_source_and_date() -> None:
    datasets = {d.name: d for d in ReferenceDataset.objects.all()}
    assert set(datasets) == {
        "communes_wallonie.csv",
        "communes_history.csv",
        "postal_localities_wallonie.csv",
        "centres.csv",
        "commune_centre.csv",
    }
    assert "REFNIS" in datasets["communes_history.csv"].source
    assert "Statbel" in datasets["communes_wallonie.csv"].source
    assert datasets["postal_localities_wallonie.csv"].rows == 1577
    assert len(datasets["centres.csv"].sha256) == 64


def test_reloading_keeps_a_centre_corrected_by_hand(admin_user: User) -> None:
    tournai = Commune.objects.get(nis_code="57081")
    ceraic = Centre.objects.get(code="CeRAIC")
    commune_assign_centre(
        commune=tournai, centre=ceraic, reason="Arrêté du Gouvernement", actor=admin_user
    )
    report = reference_load()
    tournai.refresh_from_db()
    assert tournai.centre == ceraic
    assert tournai.centre_source == CentreSource.MANUAL
    assert report.assignments_kept == 1
    assert CommuneCentreChange.objects.filter(commune=tournai).count() == 1


def test_main_localities_are_shown_with_their_commune_spelling() -> None:
    names = set(PostalLocality.objects.filter(postal_code="1420").values_list("name", flat=True))
    assert "Braine-l’Alleud" in names
    assert PostalLocality.objects.filter(postal_code="7000", name="Mons").exists()
