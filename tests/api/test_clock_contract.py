"""The legal clock contract (docs/clock-contract.md) through the API and the CLI, and its
waiting-list clock against the one the pathways keep for stored files."""

import copy
import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

FILE: dict[str, Any] = {
    "id": "file-1",
    "reference_date": "2026-11-30",
    "registered_on": "2025-06-15",
    "permit_ordered_on": "2025-06-15",
    "presented_on": "2025-07-01",
    "agreement": {"signed_on": "2025-08-01", "tracks": ["citizenship", "french"]},
    "evaluations_held": ["2026-01-20", "2026-07-10"],
    "waiting_lists": [{"track": "french", "from": "2025-09-01", "until": "2025-10-31"}],
    "extensions": [{"granted_on": "2026-06-01", "months": 6, "reason": "long illness"}],
    "welcome_done": [
        "social_assessment",
        "rights_and_duties",
        "french_test",
        "administrative_help",
    ],
    "hours": [
        {"track": "citizenship", "hours": 60, "on": "2025-11-30"},
        {"track": "french", "hours": 120, "on": "2026-05-01"},
    ],
    "french_level": {"level": "A2", "attested_on": "2026-05-01"},
}


def post(client: Client, body: object) -> tuple[int, Any]:
    response = client.post("/api/v1/clock", json.dumps(body), content_type="application/json")
    return response.status_code, response.json()


def test_the_api_gives_each_deadline_with_its_reasons_and_the_verdict(client: Client) -> None:
    status, answer = post(client, FILE)
    assert status == 200
    assert answer["id"] == "file-1"
    assert answer["governing_date"] == "2025-08-01"
    deadlines = answer["deadlines"]
    assert deadlines["present_by"]["due_on"] == "2025-09-15"
    assert deadlines["present_by"]["legal_basis"] == "CWASS art. 152/7, § 1er"
    assert deadlines["french_by"]["due_on"] == "2027-01-31"  # 61 days on a waiting list
    assert [r["code"] for r in deadlines["certificate_by"]["reasons"]] == [
        "base",
        "suspension",
        "extension",
    ]
    assert deadlines["certificate_by"]["due_on"] == "2027-08-14"
    assert deadlines["next_evaluation_by"]["due_on"] == "2027-01-10"
    assert (answer["complete"], answer["missing"]) == (True, [])
    assert (answer["sanctionable"], answer["grounds"]) == (False, [])
    assert {entry["parameter"] for entry in answer["trace"]} >= {"regime", "french_time_limit"}


def test_a_file_not_presented_by_its_deadline_is_sanctionable(client: Client) -> None:
    late = {**FILE, "presented_on": None, "agreement": None, "reference_date": "2025-09-16"}
    for key in ("evaluations_held", "waiting_lists", "extensions", "hours", "french_level"):
        late.pop(key)
    _status, answer = post(client, late)
    assert answer["sanctionable"] is True
    assert [g["code"] for g in answer["grounds"]] == ["presentation_late"]
    assert answer["missing"] is None  # no agreement: completion not assessed
    _status, volunteer = post(client, {**late, "voluntary": True})
    assert volunteer["sanctionable"] is False
    assert [e["code"] for e in volunteer["excuses"]] == ["voluntary_participant"]


def test_the_api_answers_an_array_with_an_array_in_the_same_order(client: Client) -> None:
    status, answers = post(client, [FILE, {**FILE, "id": "file-2", "voluntary": True}])
    assert status == 200
    assert [a["id"] for a in answers] == ["file-1", "file-2"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"agreement": {"signed_on": "2026-12-01", "tracks": []}}, "agreement.signed_on"),
        ({"hours": [{"track": "french", "hours": 4, "on": "2026-12-01"}]}, "hours[0].on"),
        ({"evaluations_held": ["2026-12-01"]}, "evaluations_held[0]"),
        ({"registered_on": "2026-12-01"}, "registered_on"),
        (
            {"waiting_lists": [{"track": "dutch", "from": "2025-09-01", "until": None}]},
            "waiting_lists[0].track",
        ),
        (
            {"extensions": [{"granted_on": "2026-06-01", "months": 0, "reason": "x"}]},
            "extensions[0].months",
        ),
        ({"extensions": [{"granted_on": "2026-06-01", "months": 30, "reason": "x"}]}, "extensions"),
        ({"shoe_size": 42}, "shoe_size"),
    ],
)
def test_the_api_names_the_bad_field(client: Client, change: dict[str, object], field: str) -> None:
    status, body = post(client, {**FILE, **change})
    assert status == 422
    assert body["error"]["field"] == field


def test_an_error_inside_an_array_names_the_item(client: Client) -> None:
    second = copy.deepcopy(FILE)
    second["hours"][1]["on"] = "2027-01-01"
    status, body = post(client, [FILE, second])
    assert (status, body["error"]["field"]) == (422, "[1].hours[1].on")


def run_clock(stdin: str, *args: str) -> tuple[int, Any]:
    out = io.StringIO()
    code = 0
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", io.StringIO(stdin))
        try:
            call_command("clock", *args, stdout=out)
        except SystemExit as leaving:
            code = int(leaving.code or 0)
    return code, json.loads(out.getvalue())


def test_the_cli_answers_an_array_and_exits_2_on_bad_input() -> None:
    code, answers = run_clock(json.dumps([FILE, FILE]), "-")
    assert code == 0
    assert len(answers) == 2
    assert answers[0]["missing"] == []
    code, error = run_clock(json.dumps([FILE, {**FILE, "reference_date": "30/11/2026"}]), "-")
    assert (code, error["error"]["field"]) == (2, "[1].reference_date")


def test_the_cli_reads_a_file_and_refuses_a_missing_one(tmp_path: Any) -> None:
    source = tmp_path / "file.json"
    source.write_text(json.dumps(FILE), encoding="utf-8")
    assert run_clock("", str(source))[1]["id"] == "file-1"
    assert run_clock("", str(tmp_path / "absent.json"))[0] == 2
