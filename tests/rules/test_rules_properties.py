"""Properties of the obligation decision over generated people (hypothesis)."""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from parcours.rules import REASONS, MappingTerritory, default_parameters, evaluate_payload
from parcours.rules.contract import countries
from parcours.rules.reasons import OBLIGATION_CODES

DATA = Path(__file__).resolve().parents[2] / "parcours" / "territory" / "data"
TERRITORY = MappingTerritory.from_csv(
    DATA / "communes_wallonie.csv", DATA / "commune_centre.csv", DATA / "communes_history.csv"
)
PARAMS = default_parameters()
FIRST_DAY, LAST_DAY = date(2014, 3, 27), date(2035, 12, 31)
WAIVERS = sorted(PARAMS.read("waiver_grounds", date(2025, 1, 1)).members)
COMMUNES = [
    "53053",
    "62063",
    "92094",
    "25072",
    "63023",
    "21004",
    "11002",
    "44021",
    "81001",
    "57081",
]
SETTINGS = settings(max_examples=250, deadline=None, database=None)


@st.composite
def people(draw: st.DrawFn, *, birth: st.SearchStrategy[date] | None = None) -> dict[str, object]:
    on = draw(st.dates(FIRST_DAY, LAST_DAY))
    stay = on - timedelta(days=draw(st.integers(0, 5 * 366)))
    valid_from = stay + timedelta(days=draw(st.integers(0, 60)))
    permit = draw(
        st.one_of(
            st.none(),
            st.builds(
                lambda days: {
                    "valid_from": valid_from.isoformat(),
                    "valid_until": None
                    if days is None
                    else (valid_from + timedelta(days=days)).isoformat(),
                    "ordered_on": stay.isoformat(),
                },
                st.one_of(st.none(), st.integers(0, 3000)),
            ),
        )
    )
    born = draw(birth if birth is not None else st.dates(on - timedelta(days=100 * 365), on))
    return {
        "id": draw(st.integers(0, 10**6)),
        "reference_date": on.isoformat(),
        "birth_date": min(born, on).isoformat(),
        "nationalities": draw(st.lists(st.sampled_from(sorted(countries())), max_size=3)),
        "family_member_of_eea_citizen": draw(st.booleans()),
        "legal_stay_since": stay.isoformat(),
        "registered_on": draw(st.one_of(st.none(), st.just(stay.isoformat()))),
        "permit": permit,
        "commune_nis": draw(st.sampled_from(COMMUNES)),
        "waivers": draw(st.lists(st.sampled_from(WAIVERS), max_size=2, unique=True)),
    }


def decide(payload: dict[str, object]) -> dict[str, object]:
    result = evaluate_payload(payload, territory=TERRITORY)
    assert isinstance(result, dict)
    return result


@SETTINGS
@given(people(), st.data())
def test_adding_a_ue_plus_or_belgian_nationality_never_makes_a_person_obligated(
    payload: dict[str, object], data: st.DataObject
) -> None:
    # UE+ as it stood on the reference date: a British passport added after the end of the
    # Brexit transition is a third country's, and may well make a stateless person obligated.
    on = date.fromisoformat(str(payload["reference_date"]))
    code = data.draw(st.sampled_from(sorted(PARAMS.read("eea_countries", on).members | {"BE"})))
    nationalities = payload["nationalities"]
    assert isinstance(nationalities, list)
    assert decide({**payload, "nationalities": [*nationalities, code]})["status"] != "obligated"


@SETTINGS
@given(people())
def test_a_person_under_18_is_never_obligated(payload: dict[str, object]) -> None:
    on = date.fromisoformat(str(payload["reference_date"]))
    born = date(on.year - 17, on.month, min(on.day, 28))
    assert decide({**payload, "birth_date": born.isoformat()})["status"] != "obligated"


@SETTINGS
@given(people(), st.integers(65, 100))
def test_a_person_of_65_or_more_is_never_obligated(payload: dict[str, object], age: int) -> None:
    on = date.fromisoformat(str(payload["reference_date"]))
    born = date(on.year - age, on.month, min(on.day, 28))
    assert decide({**payload, "birth_date": born.isoformat()})["status"] != "obligated"


@SETTINGS
@given(people())
def test_the_same_input_always_gives_the_same_output(payload: dict[str, object]) -> None:
    first = json.dumps(decide(copy.deepcopy(payload)), sort_keys=True)
    assert json.dumps(decide(copy.deepcopy(payload)), sort_keys=True) == first


@SETTINGS
@given(people())
def test_every_reason_given_has_a_message_and_a_legal_basis(payload: dict[str, object]) -> None:
    result = decide(payload)
    reasons = result["reasons"]
    assert isinstance(reasons, list)
    assert reasons, "every decision says why"
    for item in reasons:
        assert item["code"] in OBLIGATION_CODES
        assert item["message"] and item["legal_basis"]


@SETTINGS
@given(people())
def test_statuses_follow_the_precedence_of_domain_md(payload: dict[str, object]) -> None:
    result = decide(payload)
    codes = {item["code"] for item in result["reasons"]}  # type: ignore[attr-defined]
    if "outside_french_language_region" in codes:
        assert result["status"] == "out_of_scope"
    elif codes & {
        "belgian",
        "eea_citizen",
        "eea_family_member",
        "no_permit",
        "short_permit",
        "stay_over_3_years",
    }:
        assert result["status"] == "not_concerned"
    assert (result["deadlines"] is not None) == (result["status"] == "obligated")


@SETTINGS
@given(st.lists(people(), min_size=1, max_size=8))
def test_an_array_in_gives_an_array_out_in_the_same_order(
    payloads: list[dict[str, object]],
) -> None:
    for index, payload in enumerate(payloads):
        payload["id"] = f"row-{index}"
    results = evaluate_payload(payloads, territory=TERRITORY)
    assert isinstance(results, list)
    assert [item["id"] for item in results] == [f"row-{index}" for index in range(len(payloads))]


def test_every_reason_code_has_a_message_and_a_legal_basis() -> None:
    for spec in REASONS.values():
        assert spec.message.strip() and spec.legal_basis.strip()


def test_every_waiver_ground_and_welcome_part_ever_in_force_has_a_reason() -> None:
    for name, template in (
        ("waiver_grounds", "{}"),
        ("welcome_module_parts", "welcome_{}_missing"),
    ):
        for entry in PARAMS[name].periods:
            assert {template.format(code) for code in entry.members} <= set(REASONS)


def test_every_track_has_its_minimum_hours_and_a_reason() -> None:
    for entry in PARAMS["agreement_tracks"].periods:
        for track in entry.members:
            assert f"{track}_minimum_hours" in PARAMS
            assert f"{track}_hours_missing" in REASONS
