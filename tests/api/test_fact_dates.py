"""No fact of the eligibility contract may lie after its reference date: the API, the CLI and
the public self-check refuse it alike (the rules' cases hold the day before / day after)."""

import io
import json
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.usefixtures("territory")
PERSON = {
    "reference_date": "2026-11-26",
    "birth_date": "1990-05-01",
    "nationalities": ["SY"],
    "family_member_of_eea_citizen": False,
    "legal_stay_since": "2025-06-01",
    "registered_on": "2025-06-15",
    "permit": {"valid_from": "2025-06-20", "valid_until": "2030-06-19", "ordered_on": "2026-11-27"},
    "commune_nis": "53053",
}


def test_the_api_refuses_a_permit_ordered_after_the_reference_date(client: Client) -> None:
    response = client.post("/api/v1/eligibility", json.dumps(PERSON), "application/json")
    assert response.status_code == 422
    assert response.json() == {
        "error": {"field": "permit.ordered_on", "message": "is after reference_date"}
    }


def test_the_api_refuses_waiver_evidence_dated_after_the_reference_date(client: Client) -> None:
    permit = {**PERSON["permit"], "ordered_on": "2025-06-15"}  # type: ignore[dict-item]
    waivers = [{"code": "student", "evidence_on": "2026-12-01"}]
    body = {**PERSON, "permit": permit, "waivers": waivers}
    response = client.post("/api/v1/eligibility", json.dumps(body), "application/json")
    assert response.json()["error"]["field"] == "waivers[0].evidence_on"


def run_command(*args: str, stdin: str) -> tuple[int, Any]:
    out = io.StringIO()
    code = 0
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", io.StringIO(stdin))
        try:
            call_command(*args, stdout=out)
        except SystemExit as leaving:
            code = int(leaving.code or 0)
    return code, json.loads(out.getvalue())


def test_the_cli_exits_2_on_a_permit_ordered_after_the_reference_date() -> None:
    code, body = run_command("eligibility", "-", stdin=json.dumps([PERSON]))
    assert code == 2
    assert body["error"]["field"] == "[0].permit.ordered_on"


@time_machine.travel("2026-11-26 10:00 +0100", tick=False)
def test_the_self_check_decides_nothing_for_a_permit_ordered_tomorrow(client: Client) -> None:
    answers = {
        "postal_code": "7000",
        "birth_date": "1990-05-01",
        "nationality": "SY",
        "has_permit": "yes",
        "permit_valid_from": "2025-06-20",
        "permit_valid_until": "2030-06-19",
        "permit_ordered_on": "2026-11-27",
        "legal_stay_since": "2025-06-01",
        "registered_on": "2025-06-15",
    }
    response = client.post("/am-i-concerned/", answers)
    # Named on its field, before the contract (which refuses it too): nothing is decided.
    assert response.context["form"].errors["permit_ordered_on"] == ["Cette date est dans le futur."]
    assert response.context["decision"] is None
