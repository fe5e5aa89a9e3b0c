"""Territory: NIS prefixes and the mapping built from the reference CSVs."""

from __future__ import annotations

import pytest

from parcours.rules import MappingTerritory, language_region_from_nis_prefix


@pytest.mark.parametrize(
    ("nis", "region"),
    [
        ("21004", "brussels"),
        ("11002", "flanders"),
        ("24062", "flanders"),
        ("31005", "flanders"),
        ("44021", "flanders"),
        ("71022", "flanders"),
        ("25072", "wallonia"),
        ("53053", "wallonia"),
        ("63023", "wallonia"),
        ("82039", "wallonia"),
        ("92094", "wallonia"),
        ("99999", "unknown"),
        ("5305", "unknown"),
        ("abcde", "unknown"),
    ],
)
def test_a_nis_code_is_classified_by_its_prefix(nis: str, region: str) -> None:
    assert language_region_from_nis_prefix(nis) == region


def test_the_nine_german_speaking_communes_are_outside_the_french_language_region(
    territory: MappingTerritory,
) -> None:
    german = ["63001", "63012", "63013", "63023", "63040", "63048", "63061", "63067", "63087"]
    assert {territory.language_region(nis) for nis in german} == {"german_speaking"}
    assert {territory.competent_centre(nis) for nis in german} == {None}


def test_every_french_speaking_walloon_commune_has_a_centre(territory: MappingTerritory) -> None:
    regions = {nis: territory.language_region(nis) for nis in territory._regions}
    french = [nis for nis, region in regions.items() if region == "french_language_region"]
    assert len(french) == 252
    assert all(territory.competent_centre(nis) for nis in french)


def test_a_walloon_code_missing_from_the_list_is_unknown(territory: MappingTerritory) -> None:
    assert territory.language_region("53999") == "unknown"
    assert territory.language_region("21004") == "brussels"
