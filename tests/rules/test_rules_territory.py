"""Territory: NIS prefixes and the mapping built from the reference CSVs."""

from __future__ import annotations

from datetime import date

import pytest

from parcours.rules import (
    CentrePeriod,
    CodeNotValidOn,
    CommuneRecord,
    MappingTerritory,
    RulesInputError,
    language_region_from_nis_prefix,
)


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
        ("54007", "wallonia"),
        ("92094", "wallonia"),
        ("99999", "unknown"),
        ("5305", "unknown"),
        ("abcde", "unknown"),
    ],
)
def test_a_nis_code_is_classified_by_its_prefix(nis: str, region: str) -> None:
    assert language_region_from_nis_prefix(nis) == region


TODAY = date(2026, 11, 30)
GERMAN = ["63001", "63012", "63013", "63023", "63040", "63048", "63061", "63067", "63087"]


def test_the_nine_german_speaking_communes_are_outside_the_french_language_region(
    territory: MappingTerritory,
) -> None:
    communes = [territory.commune_on(nis, TODAY) for nis in GERMAN]
    assert {c.language_region for c in communes} == {"german_speaking"}
    assert {c.competent_centre for c in communes} == {None}


def test_every_french_speaking_walloon_commune_of_today_has_a_centre(
    territory: MappingTerritory,
) -> None:
    today = [r for r in territory.records.values() if r.valid_on(TODAY)]
    french = [r for r in today if r.language_region == "french_language_region"]
    assert (len(today), len(french)) == (261, 252)
    assert all(territory.commune_on(r.nis_code, TODAY).competent_centre for r in french)


def test_a_walloon_code_missing_from_the_list_is_unknown(territory: MappingTerritory) -> None:
    with pytest.raises(RulesInputError, match="unknown NIS code"):
        territory.commune_on("53999", TODAY)
    assert territory.commune_on("21004", TODAY).language_region == "brussels"


@pytest.mark.parametrize(
    ("nis", "on", "valid"),
    [
        ("54007", date(2019, 1, 1), ("57096",)),
        ("57096", date(2018, 12, 31), ("54007",)),
        ("82003", date(2024, 12, 2), ("82039",)),
        ("82039", date(2024, 12, 1), ("82003", "82005")),
        ("56087", date(2025, 6, 1), ("58004",)),
    ],
)
def test_a_code_outside_its_period_is_refused_naming_the_code_of_that_date(
    territory: MappingTerritory, nis: str, on: date, valid: tuple[str, ...]
) -> None:
    with pytest.raises(CodeNotValidOn) as refused:
        territory.commune_on(nis, on)
    assert refused.value.field == "commune_nis"
    assert refused.value.valid_codes == valid
    assert " or ".join(valid) in refused.value.message


def test_a_code_is_valid_up_to_its_last_day_and_its_successor_from_the_next(
    territory: MappingTerritory,
) -> None:
    assert territory.commune_on("54007", date(2018, 12, 31)).competent_centre == "CIMB"
    assert territory.commune_on("57096", date(2019, 1, 1)).competent_centre == "CIMB"
    assert territory.commune_on("82005", date(2024, 12, 1)).competent_centre == "CRILUX"
    assert territory.commune_on("82039", date(2024, 12, 2)).competent_centre == "CRILUX"


def test_stored_records_are_answered_through_the_successions(
    territory: MappingTerritory,
) -> None:
    stored = MappingTerritory.of(territory.records.values(), through_successions=True)
    assert stored.commune_on("57096", date(2018, 6, 1)).nis_code == "54007"
    assert stored.commune_on("54007", date(2026, 1, 1)).nis_code == "57096"
    merged = stored.commune_on("82039", date(2023, 5, 1))  # two predecessors, one centre
    assert (merged.nis_code, merged.competent_centre) == ("82039", "CRILUX")


def test_statistics_count_a_former_code_under_the_commune_of_today(
    territory: MappingTerritory,
) -> None:
    assert territory.code_of_today("54010", TODAY) == "57097"
    assert territory.code_of_today("82005", TODAY) == "82039"
    assert territory.code_of_today("82005", date(2024, 12, 1)) == "82005"
    assert territory.code_of_today("53053", TODAY) == "53053"
    assert territory.predecessors("82039") == ("82003", "82005")


def test_the_centre_of_a_commune_is_the_one_of_the_day() -> None:
    record = CommuneRecord(
        "53053",
        "Mons",
        "french_language_region",
        date(1977, 1, 1),
        centres=(CentrePeriod(date(1977, 1, 1), "CIMB"), CentrePeriod(date(2027, 1, 1), "CRIC")),
    )
    territory = MappingTerritory.of([record])
    assert territory.commune_on("53053", date(2026, 12, 31)).competent_centre == "CIMB"
    assert territory.commune_on("53053", date(2027, 1, 1)).competent_centre == "CRIC"
