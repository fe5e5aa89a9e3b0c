"""The loader refuses what it cannot vouch for, and reading outside a period in force raises."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from parcours.rules.errors import ParameterFileError, ParameterNotInForce, UnknownParameter
from parcours.rules.loader import default_parameters, load_parameter, load_parameters

REFERENCE = """    reference:
      title: Code wallon de l'action sociale et de la santé
      article: art. 150
      link: https://wallex.wallonie.be/index.php?doc=21579
    confidence: confirmed
"""


def write(tmp_path: Path, text: str, name: str = "sample.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def parameter_text(*entries: tuple[str, str], unit: str = "months") -> str:
    body = "".join(f"  {start}:\n    value: {value}\n{REFERENCE}" for start, value in entries)
    return f"description: a sample\nunit: {unit}\nvalues:\n{body}"


def test_a_well_formed_parameter_is_read_on_its_dates(tmp_path: Path) -> None:
    path = write(tmp_path, parameter_text(("2016-05-19", "3"), ("2018-12-17", "4")))
    parameter = load_parameter(path)
    assert parameter.at(date(2016, 5, 19)).value == 3
    assert parameter.at(date(2018, 12, 16)).value == 3
    assert parameter.at(date(2018, 12, 17)).value == 4
    assert parameter.at(date(2018, 12, 17)).reference.article == "art. 150"


def test_a_value_without_reference_is_refused(tmp_path: Path) -> None:
    text = (
        "description: a sample\nunit: months\nvalues:\n"
        "  2016-05-19:\n    value: 3\n    confidence: confirmed\n"
    )
    with pytest.raises(ParameterFileError, match="without reference"):
        load_parameter(write(tmp_path, text))


def test_a_null_reference_is_refused(tmp_path: Path) -> None:
    text = parameter_text(("2016-05-19", "3")).replace(
        REFERENCE, "    reference: null\n    confidence: confirmed\n"
    )
    with pytest.raises(ParameterFileError, match="without reference"):
        load_parameter(write(tmp_path, text))


def test_dates_out_of_order_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, parameter_text(("2018-12-17", "4"), ("2016-05-19", "3")))
    with pytest.raises(ParameterFileError, match="out of order"):
        load_parameter(path)


def test_a_duplicate_date_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, parameter_text(("2016-05-19", "3"), ("2016-05-19", "4")))
    with pytest.raises(ParameterFileError, match="duplicate key"):
        load_parameter(path)


def test_a_duplicate_key_inside_a_value_is_refused(tmp_path: Path) -> None:
    text = parameter_text(("2016-05-19", "3")).replace(
        "    value: 3\n", "    value: 3\n    value: 4\n"
    )
    with pytest.raises(ParameterFileError, match="duplicate key"):
        load_parameter(write(tmp_path, text))


def test_an_unknown_unit_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ParameterFileError, match="unknown unit"):
        load_parameter(write(tmp_path, parameter_text(("2016-05-19", "3"), unit="fortnights")))


def test_a_value_that_does_not_fit_its_unit_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ParameterFileError, match="whole number"):
        load_parameter(write(tmp_path, parameter_text(("2016-05-19", "three"))))


def test_norway_written_bare_is_caught_as_a_boolean(tmp_path: Path) -> None:
    path = write(tmp_path, parameter_text(("2016-05-19", "[IS, NO]"), unit="country_codes"))
    with pytest.raises(ParameterFileError, match="must match"):
        load_parameter(path)


def test_an_unknown_confidence_mark_is_refused(tmp_path: Path) -> None:
    text = parameter_text(("2016-05-19", "3")).replace(
        "confidence: confirmed", "confidence: likely"
    )
    with pytest.raises(ParameterFileError, match="confidence"):
        load_parameter(write(tmp_path, text))


def test_reading_before_the_first_date_raises(tmp_path: Path) -> None:
    parameter = load_parameter(write(tmp_path, parameter_text(("2016-05-19", "3"))))
    with pytest.raises(ParameterNotInForce):
        parameter.at(date(2016, 5, 18))


def test_reading_after_a_null_repeal_raises(tmp_path: Path) -> None:
    parameter = load_parameter(
        write(tmp_path, parameter_text(("2016-05-19", "3"), ("2020-01-01", "null")))
    )
    assert parameter.at(date(2019, 12, 31)).value == 3
    with pytest.raises(ParameterNotInForce):
        parameter.at(date(2020, 1, 1))


def test_a_directory_without_parameters_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ParameterFileError, match="no parameter file"):
        load_parameters(tmp_path)


def test_an_unknown_parameter_name_raises() -> None:
    with pytest.raises(UnknownParameter):
        default_parameters().read("minimum_happiness", date(2020, 1, 1))


def test_every_shipped_parameter_has_a_reference_and_a_confidence_mark() -> None:
    for parameter in default_parameters().values():
        for entry in parameter.periods:
            assert entry.reference.link.startswith("http")
            assert entry.confidence in {"confirmed", "secondary", "unconfirmed"}


def test_the_shipped_values_match_domain_md_under_the_2018_decree() -> None:
    on, params = date(2019, 1, 1), default_parameters()
    values = {
        name: params.read(name, on).value
        for name in (
            "french_minimum_hours",
            "french_time_limit",
            "citizenship_minimum_hours",
            "citizenship_time_limit",
            "job_orientation_minimum_hours",
            "presentation_delay",
            "certificate_delay",
            "evaluation_interval",
            "certificate_delay_extended_maximum",
            "age_minimum",
            "age_maximum",
            "french_exit_level",
        )
    }
    assert values == {
        "french_minimum_hours": 400,
        "french_time_limit": 16,
        "citizenship_minimum_hours": 60,
        "citizenship_time_limit": 4,
        "job_orientation_minimum_hours": 4,
        "presentation_delay": 3,
        "certificate_delay": 18,
        "evaluation_interval": 6,
        "certificate_delay_extended_maximum": 36,
        "age_minimum": 18,
        "age_maximum": 65,
        "french_exit_level": "A2",
    }


def test_the_ue_plus_list_has_27_eu_members_and_4_others_from_2021() -> None:
    members = default_parameters().read("eea_countries", date(2025, 6, 1)).members
    assert len(members) == 31
    assert {"IS", "LI", "NO", "CH"} <= members
    assert "GB" not in members
