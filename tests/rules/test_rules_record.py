"""Decision records: JSON round trip and replay."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from parcours.rules import DecisionRecord, legal_clock, replay
from parcours.rules.contract import decide_payload
from parcours.rules.inputs import pathway_dates_from_dict
from parcours.rules.loader import ParameterSet, default_parameters
from parcours.rules.territory import Territory


def test_a_record_survives_a_json_round_trip(
    territory: Territory, payload: dict[str, object]
) -> None:
    record = DecisionRecord.from_outcome(decide_payload(payload, territory=territory), payload)
    again = DecisionRecord.from_dict(json.loads(json.dumps(record.to_dict())))
    assert again == record
    assert again.governing_date == date(2026, 11, 26)
    assert again.deadlines == (
        ("present_by", date(2025, 9, 15)),
        ("certificate_by", date(2026, 12, 15)),
    )


def test_replaying_an_unchanged_decision_gives_the_same_result(
    territory: Territory, payload: dict[str, object]
) -> None:
    record = DecisionRecord.from_outcome(decide_payload(payload, territory=territory), payload)
    result = replay(DecisionRecord.from_dict(record.to_dict()), territory=territory)
    assert result.same
    assert result.differences == ()
    assert result.parameter_changes == ()


def test_replaying_after_a_parameter_changed_says_what_changed(
    territory: Territory, payload: dict[str, object]
) -> None:
    record = DecisionRecord.from_outcome(decide_payload(payload, territory=territory), payload)
    result = replay(record, territory=territory, parameters=_with_age_minimum(40))
    assert not result.same
    assert result.differences[0].startswith("status: 'obligated' -> 'waived'")
    assert result.parameter_changes == ("age_minimum",)


def test_a_legal_clock_decision_can_be_replayed() -> None:
    given = {
        "registered_on": "2025-06-15",
        "permit_ordered_on": "2025-06-15",
        "agreement_signed_on": "2025-08-01",
        "tracks": ["citizenship"],
        "evaluations_held": [],
        "adjustments": [
            {
                "kind": "suspension",
                "reason": "hospital",
                "starts_on": "2025-10-01",
                "until": "2025-10-03",
            }
        ],
    }
    outcome = legal_clock(pathway_dates_from_dict(given), on=date(2025, 8, 1))
    record = DecisionRecord.from_dict(
        json.loads(json.dumps(DecisionRecord.from_outcome(outcome, given).to_dict()))
    )
    assert replay(record).same


def _with_age_minimum(years: int) -> ParameterSet:
    base = default_parameters()
    parameter = base["age_minimum"]
    periods = tuple(replace(entry, value=years) for entry in parameter.periods)
    return ParameterSet({**base, "age_minimum": replace(parameter, periods=periods)})
