"""The same contract through the CLI and the API (the rules' own cases test the decisions)."""

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.usefixtures("territory")
ROOT = Path(__file__).resolve().parents[2]
PERSON = {
    "id": "p1",
    "reference_date": "2026-11-26",
    "birth_date": "1990-05-01",
    "nationalities": ["SY"],
    "family_member_of_eea_citizen": False,
    "legal_stay_since": "2025-06-01",
    "registered_on": "2025-06-15",
    "permit": {"valid_from": "2025-06-20", "valid_until": "2030-06-19", "ordered_on": "2025-06-15"},
    "commune_nis": "53053",
    "waivers": [],
}


def post(client: Client, body: object) -> tuple[int, dict[str, Any]]:
    response = client.post("/api/v1/eligibility", json.dumps(body), content_type="application/json")
    return response.status_code, response.json()


def test_the_api_decides_for_one_person_with_reasons_deadlines_and_trace(client: Client) -> None:
    status, decision = post(client, PERSON)
    assert status == 200
    assert decision["id"] == "p1"
    assert decision["status"] == "obligated"
    assert decision["competent_centre"] == "CIMB"
    assert decision["deadlines"] == {"present_by": "2025-09-15", "certificate_by": "2026-12-15"}
    assert {entry["parameter"] for entry in decision["trace"]} >= {"regime", "eea_countries"}


def test_the_api_answers_in_french_by_default(client: Client) -> None:
    _status, decision = post(client, {**PERSON, "waivers": ["student"]})
    messages = [reason["message"] for reason in decision["reasons"]]
    assert "Vous êtes étudiant régulier." in messages


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"birth_date": "1990-02-30"}, "birth_date"),
        ({"nationalities": ["SY", "XX"]}, "nationalities[1]"),
        ({"waivers": ["lazy"]}, "waivers[0]"),
        ({"family_member_of_eea_citizen": "no"}, "family_member_of_eea_citizen"),
        ({"shoe_size": 42}, "shoe_size"),
        ({"permit": {"valid_from": "2025-06-20"}}, "permit.valid_until"),
    ],
)
def test_the_api_names_the_bad_field(client: Client, change: dict[str, object], field: str) -> None:
    status, body = post(client, {**PERSON, **change})
    assert status == 422
    assert body["error"]["field"] == field


def test_the_api_refuses_broken_json_with_a_message(client: Client) -> None:
    response = client.post("/api/v1/eligibility", "{not json", content_type="application/json")
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "$"


def cli_env(database: Path) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": f"sqlite:///{database}",
    }


@pytest.fixture(scope="module")
def cli_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    database = tmp_path_factory.mktemp("cli") / "parcours.sqlite3"
    for command in (["migrate", "-v0"], ["load_reference"]):
        subprocess.run(  # noqa: S603 -- our own interpreter and module
            [sys.executable, "-m", "parcours", *command],
            cwd=ROOT,
            env=cli_env(database),
            check=True,
            capture_output=True,
            timeout=300,
        )
    return database


def run_cli(database: Path, stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 -- our own interpreter and module
        [sys.executable, "-m", "parcours", "eligibility", *args],
        input=stdin,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=cli_env(database),
    )


def test_the_cli_answers_an_array_with_an_array_in_the_same_order(cli_database: Path) -> None:
    people = [
        PERSON,
        {**PERSON, "id": "p2", "nationalities": ["FR"]},
        {**PERSON, "id": "p3", "commune_nis": "21004"},
    ]
    result = run_cli(cli_database, json.dumps(people))
    assert result.returncode == 0, result.stderr
    decisions = json.loads(result.stdout)
    assert [(d["id"], d["status"]) for d in decisions] == [
        ("p1", "obligated"),
        ("p2", "not_concerned"),
        ("p3", "out_of_scope"),
    ]


def test_the_cli_exits_2_with_a_json_error_naming_the_field(cli_database: Path) -> None:
    result = run_cli(cli_database, json.dumps([PERSON, {**PERSON, "reference_date": "26/11/2026"}]))
    assert result.returncode == 2
    assert json.loads(result.stdout)["error"]["field"] == "[1].reference_date"
    assert "Traceback" not in result.stderr


def test_the_cli_reads_a_file(cli_database: Path, tmp_path: Path) -> None:
    source = tmp_path / "one.json"
    source.write_text(json.dumps(PERSON), encoding="utf-8")
    result = run_cli(cli_database, "", str(source))
    assert json.loads(result.stdout)["status"] == "obligated"
    missing = run_cli(cli_database, "", str(tmp_path / "absent.json"))
    assert missing.returncode == 2
