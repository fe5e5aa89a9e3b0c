"""The eligibility contract: shapes, errors naming their field, translation at the edge."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parcours.rules import InputError, MappingTerritory, evaluate_payload, parse_json
from parcours.rules.contract import countries
from parcours.rules.territory import Territory

DATA = Path(__file__).resolve().parents[2] / "parcours" / "territory" / "data"
TERRITORY = MappingTerritory.from_csv(
    DATA / "communes_wallonie.csv", DATA / "commune_centre.csv", DATA / "communes_history.csv"
)


def syrian_in_mons(**overrides: object) -> dict[str, object]:
    payload: dict[str, object] = {
        "id": "p-1",
        "reference_date": "2026-11-26",
        "birth_date": "1990-05-01",
        "nationalities": ["SY"],
        "family_member_of_eea_citizen": False,
        "legal_stay_since": "2025-06-01",
        "registered_on": "2025-06-15",
        "permit": {
            "valid_from": "2025-06-20",
            "valid_until": "2030-06-19",
            "ordered_on": "2025-06-15",
        },
        "commune_nis": "53053",
        "waivers": [],
    }
    return payload | overrides


TOP_FIELDS = [
    "reference_date",
    "birth_date",
    "nationalities",
    "family_member_of_eea_citizen",
    "legal_stay_since",
    "registered_on",
    "permit",
    "commune_nis",
    "waivers",
]
BAD_DATES: list[Any] = ["yes", 12, 1.5, True, {"a": 1}, ["2026-01-01"], "2026-13-01", "2026-1-1"]
INVALID: dict[str, list[Any]] = {
    "reference_date": [*BAD_DATES, None, "2010-01-01"],
    "birth_date": [*BAD_DATES, None, "2030-01-01"],
    "nationalities": ["SY", 12, True, None, {"a": 1}, [12], ["XX"], ["SY", "sy"]],
    "family_member_of_eea_citizen": ["yes", "false", 0, 1, None, []],
    "legal_stay_since": [*BAD_DATES, None],
    "registered_on": BAD_DATES,
    "permit": ["yes", 12, True, [], {"valid_from": "2025-01-01"}],
    "commune_nis": [53053, "5305", "abcde", None, True, "99999", "53999"],
    "waivers": ["student", 12, None, [1], ["refugee"], {"student": True}],
}


def error_of(payload: object) -> InputError:
    with pytest.raises(InputError) as caught:
        evaluate_payload(payload, territory=TERRITORY)
    return caught.value


def test_the_output_has_exactly_the_fields_of_the_contract(territory: Territory) -> None:
    result = evaluate_payload(syrian_in_mons(), territory=territory)
    assert isinstance(result, dict)
    assert list(result) == [
        "id",
        "status",
        "reasons",
        "voluntary_participation_possible",
        "competent_centre",
        "regime",
        "deadlines",
        "trace",
    ]
    assert set(result["trace"][0]) == {
        "parameter",
        "value",
        "in_force_from",
        "reference",
        "link",
        "confidence",
    }


def test_the_trace_lists_the_regime_and_every_parameter_read(territory: Territory) -> None:
    result = evaluate_payload(syrian_in_mons(), territory=territory)
    assert isinstance(result, dict)
    names = [entry["parameter"] for entry in result["trace"]]
    assert names[0] == "regime"
    assert {
        "age_minimum",
        "age_maximum",
        "eea_countries",
        "permit_minimum_validity",
        "legal_stay_maximum",
        "presentation_delay",
        "certificate_delay",
        "waiver_grounds",
    } <= set(names)


def test_messages_are_translated_by_the_function_given(territory: Territory) -> None:
    result = evaluate_payload(
        syrian_in_mons(birth_date="2015-01-01"),
        territory=territory,
        translate=lambda message: message.replace("You are under", "Vous avez moins de"),
    )
    assert isinstance(result, dict)
    assert result["reasons"][0]["message"] == "Vous avez moins de 18."


def test_the_id_is_echoed_back_and_null_when_absent(territory: Territory) -> None:
    payload = syrian_in_mons()
    del payload["id"]
    result = evaluate_payload(payload, territory=territory)
    assert isinstance(result, dict)
    assert result["id"] is None


def test_an_error_inside_an_array_names_its_index() -> None:
    error = error_of([syrian_in_mons(), syrian_in_mons(), syrian_in_mons(birth_date="1990-1-1")])
    assert error.field == "[2].birth_date"
    assert error.to_dict() == {
        "error": {"field": "[2].birth_date", "message": "expected a date YYYY-MM-DD"}
    }


def test_an_array_item_that_is_not_an_object_is_named_by_its_index() -> None:
    assert error_of([syrian_in_mons(), "nope"]).field == "[1]"


def test_a_document_that_is_not_an_object_is_refused_as_a_whole() -> None:
    assert error_of("hello").field == "$"


def test_invalid_json_is_an_input_error() -> None:
    with pytest.raises(InputError) as caught:
        parse_json("{not json")
    assert caught.value.field == "$"


def test_an_empty_array_gives_an_empty_array(territory: Territory) -> None:
    assert evaluate_payload([], territory=territory) == []


def test_the_country_list_holds_every_iso_code_and_kosovo() -> None:
    assert len(countries()) == 250
    assert {"BE", "SY", "TR", "XK", "NO", "UA", "CD"} <= countries()


@settings(max_examples=150, deadline=None, database=None)
@given(st.sampled_from([(field, value) for field, values in INVALID.items() for value in values]))
def test_a_wrong_value_is_refused_with_its_field_named(case: tuple[str, object]) -> None:
    field, value = case
    error = error_of(syrian_in_mons(**{field: value}))
    assert error.field.split(".")[0].split("[")[0] == field


@settings(max_examples=60, deadline=None, database=None)
@given(
    st.sampled_from(["valid_from", "valid_until", "ordered_on"]),
    st.sampled_from(["x", 3, True, "2025-02-30"]),
)
def test_a_wrong_permit_date_is_refused_with_its_dotted_path(field: str, value: object) -> None:
    permit = {
        "valid_from": "2025-06-20",
        "valid_until": "2030-06-19",
        "ordered_on": "2025-06-15",
        field: value,
    }
    assert error_of(syrian_in_mons(permit=permit)).field == f"permit.{field}"


@pytest.mark.parametrize("field", TOP_FIELDS[:-1])
def test_each_required_field_is_named_when_missing(field: str) -> None:
    payload = syrian_in_mons()
    del payload[field]
    assert error_of(payload).field == field
