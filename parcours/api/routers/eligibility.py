"""POST /api/v1/eligibility: the obligation decision for one person (the rules contract)."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from parcours.api.errors import responses
from parcours.rules.contract import parse_json
from parcours.rules.errors import InputError
from parcours.territory.eligibility import eligibility_evaluate

router = Router(tags=["eligibility"])


class ReasonOut(Schema):
    code: str
    legal_basis: str
    message: str


class DeadlinesOut(Schema):
    present_by: str | None
    certificate_by: str | None


class DecisionOut(Schema):
    id: Any = None
    status: str
    reasons: list[ReasonOut]
    voluntary_participation_possible: bool
    competent_centre: str | None
    regime: str
    deadlines: DeadlinesOut | None
    trace: list[dict[str, Any]]


class InputErrorDetail(Schema):
    field: str
    message: str


class InputErrorOut(Schema):
    error: InputErrorDetail


_DATE = {"type": "string", "format": "date"}
_REQUEST_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "additionalProperties": False,
                "required": [
                    "reference_date",
                    "birth_date",
                    "nationalities",
                    "family_member_of_eea_citizen",
                    "legal_stay_since",
                    "registered_on",
                    "permit",
                    "commune_nis",
                ],
                "properties": {
                    "id": {"description": "echoed back"},
                    "reference_date": _DATE,
                    "birth_date": _DATE,
                    "nationalities": {"type": "array", "items": {"type": "string"}},
                    "family_member_of_eea_citizen": {"type": "boolean"},
                    "legal_stay_since": {**_DATE, "nullable": True},
                    "registered_on": {**_DATE, "nullable": True},
                    "permit": {
                        "type": "object",
                        "nullable": True,
                        "additionalProperties": False,
                        "required": ["valid_from", "valid_until", "ordered_on"],
                        "properties": {
                            "valid_from": _DATE,
                            "valid_until": {**_DATE, "nullable": True},
                            "ordered_on": _DATE,
                        },
                    },
                    "commune_nis": {"type": "string", "example": "53053"},
                    "waivers": {
                        "type": "array",
                        "items": {
                            "oneOf": [
                                {"type": "string"},
                                {
                                    "type": "object",
                                    "additionalProperties": False,
                                    "required": ["code", "evidence_on"],
                                    "properties": {
                                        "code": {"type": "string"},
                                        "evidence_on": _DATE,
                                    },
                                },
                            ]
                        },
                    },
                },
            },
            "example": {
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
            },
        }
    },
}


@router.post(
    "",
    response=responses({200: DecisionOut, 422: InputErrorOut}, validated=False),
    auth=None,
    openapi_extra={"requestBody": _REQUEST_BODY},
)
def decide(request: HttpRequest) -> Status[object]:
    """Is the integration pathway compulsory for this person on the reference date, and why."""
    try:
        payload = parse_json(request.body.decode("utf-8", errors="replace"))
        if isinstance(payload, list):
            raise InputError("$", "send one object; the CLI takes arrays")
        return Status(200, eligibility_evaluate(payload))
    except InputError as error:
        return Status(422, error.to_dict())
