"""POST /api/v1/clock: the legal clock of one file, or of an array of files (the rules
contract of docs/clock-contract.md, shared with `parcours clock`)."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Router, Schema, Status

from parcours.api.errors import responses
from parcours.api.routers.eligibility import InputErrorOut, ReasonOut
from parcours.rules.clock_contract import clock_payload
from parcours.rules.contract import parse_json
from parcours.rules.errors import InputError

router = Router(tags=["clock"])
# Not a rule of the decree: a bound on one request's work (the CLI takes any number).
MAX_FILES = 500


class StepOut(Schema):
    code: str
    detail: str
    result: str


class DeadlineOut(Schema):
    due_on: str
    passed: bool
    legal_basis: str
    reasons: list[StepOut]


class ClockDeadlinesOut(Schema):
    present_by: DeadlineOut | None
    agreement_ends_on: DeadlineOut | None
    citizenship_by: DeadlineOut | None
    french_by: DeadlineOut | None
    certificate_by: DeadlineOut | None
    next_evaluation_by: DeadlineOut | None


class ClockOut(Schema):
    id: Any = None
    reference_date: str
    governing_date: str
    regime: str
    centre: str | None
    deadlines: ClockDeadlinesOut
    complete: bool
    missing: list[ReasonOut] | None
    sanctionable: bool
    grounds: list[ReasonOut]
    excuses: list[ReasonOut]
    trace: list[dict[str, Any]]


_DATE = {"type": "string", "format": "date"}


def _records(required: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": required,
            "properties": properties,
        },
    }


_PERIOD = {"from": _DATE, "until": {**_DATE, "nullable": True}, "reason": {"type": "string"}}
_FILE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["reference_date", "registered_on", "permit_ordered_on"],
    "properties": {
        "id": {"description": "echoed back"},
        "reference_date": _DATE,
        "registered_on": _DATE,
        "permit_ordered_on": _DATE,
        "voluntary": {"type": "boolean"},
        "presented_on": {**_DATE, "nullable": True},
        "agreement": {
            "type": "object",
            "nullable": True,
            "additionalProperties": False,
            "required": ["signed_on", "tracks"],
            "properties": {
                "signed_on": _DATE,
                "tracks": {"type": "array", "items": {"type": "string"}},
            },
        },
        "evaluations_held": {"type": "array", "items": _DATE},
        "waiting_lists": _records(
            ["track", "from", "until"],
            {"track": {"type": "string"}, "from": _DATE, "until": {**_DATE, "nullable": True}},
        ),
        "suspensions": _records(["from", "until", "reason"], _PERIOD),
        "force_majeure": _records(["from", "until", "reason"], _PERIOD),
        "extensions": _records(
            ["granted_on", "months", "reason"],
            {"granted_on": _DATE, "months": {"type": "integer"}, "reason": {"type": "string"}},
        ),
        "transfers": _records(["on", "to_centre"], {"on": _DATE, "to_centre": {"type": "string"}}),
        "welcome_done": {"type": "array", "items": {"type": "string"}},
        "hours": _records(
            ["track", "hours", "on"],
            {"track": {"type": "string"}, "hours": {"type": "number"}, "on": _DATE},
        ),
        "french_level": {
            "type": "object",
            "nullable": True,
            "additionalProperties": False,
            "required": ["level", "attested_on"],
            "properties": {"level": {"type": "string"}, "attested_on": _DATE},
        },
    },
}
_REQUEST_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {"oneOf": [_FILE, {"type": "array", "items": _FILE}]},
            "example": {
                "id": "file-1",
                "reference_date": "2026-11-30",
                "registered_on": "2025-06-15",
                "permit_ordered_on": "2025-06-15",
                "presented_on": "2025-07-01",
                "agreement": {"signed_on": "2025-08-01", "tracks": ["citizenship", "french"]},
                "evaluations_held": ["2026-01-20"],
                "waiting_lists": [{"track": "french", "from": "2025-09-01", "until": "2025-10-31"}],
                "hours": [{"track": "citizenship", "hours": 60, "on": "2025-11-30"}],
            },
        }
    },
}


@router.post(
    "",
    response=responses({200: ClockOut | list[ClockOut], 422: InputErrorOut}, validated=False),
    auth=None,
    openapi_extra={"requestBody": _REQUEST_BODY},
)
def clock(request: HttpRequest) -> Status[object]:
    """Each deadline of a file on the reference date, with its reasons and legal basis, and
    whether the file is complete or sanctionable that day."""
    try:
        payload = parse_json(request.body.decode("utf-8", errors="replace"))
        if isinstance(payload, list) and len(payload) > MAX_FILES:
            raise InputError("$", f"send at most {MAX_FILES} files; the CLI takes more")
        return Status(200, clock_payload(payload, translate=gettext))
    except InputError as error:
        return Status(422, error.to_dict())
