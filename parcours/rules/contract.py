"""The eligibility contract shared by the CLI (`parcours eligibility`), `POST
/api/v1/eligibility` and the public self-check. Keep it stable: fields, codes and shapes are
relied on by clients.

Input: one JSON object, or an array of them (array in → array out, same order). Unknown
fields are rejected; `id` and `waivers` are optional; `registered_on`, `legal_stay_since` and
`permit` may be null (`legal_stay_since` is required when a permit is given); a permit's
`valid_from` may be null: ordered, not issued yet. An empty
`nationalities` list means stateless. A waiver is its code, or `{"code", "evidence_on"}` with
the date of its evidence. Every fact must hold on the reference date, so no fact date (birth,
stay, registration, permit order, waiver evidence) may lie after it; a permit's `valid_from`
may, as the commune refers the person when the permit is ordered. `commune_nis` must be a
code valid on the reference date: an outdated or not yet valid code is refused with the code
valid on that date. Errors raise `InputError(field, message)`; the field is
a dotted path (`permit.valid_from`, `nationalities[1]`, `[3].birth_date`; `$` is the whole
document), and `InputError.to_dict()` gives the CLI shape `{"error": {"field", "message"}}`.

Output: `deadlines` is an object `{present_by, certificate_by}` (each a date or null) when the
status is `obligated`, and null otherwise. `reasons` of an obligated person hold one positive
reason, `obligated`, followed by `permit_pending` when the permit is ordered but not issued
(the person is concerned once it is issued; the deadlines count from the order)."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path

from parcours.rules import formulas  # noqa: F401 - registers the rule functions
from parcours.rules.engine import Outcome, evaluate, regime_on
from parcours.rules.errors import InputError, RuleNotInForce, RulesInputError
from parcours.rules.formulas.obligation import (
    OBLIGATED,
    OBLIGATION,
    ObligationSituation,
    Permit,
    Person,
    residence_of,
)
from parcours.rules.loader import ParameterSet, TraceEntry, default_parameters
from parcours.rules.territory import NIS_LENGTH, Territory

Translate = Callable[[str], str]
COUNTRIES_FILE = Path(__file__).parent / "data" / "iso3166_alpha2.txt"
_REQUIRED = (
    "reference_date",
    "birth_date",
    "nationalities",
    "family_member_of_eea_citizen",
    "legal_stay_since",
    "registered_on",
    "permit",
    "commune_nis",
)
_FIELDS = frozenset({*_REQUIRED, "id", "waivers"})
_PERMIT_FIELDS = ("valid_from", "valid_until", "ordered_on")
_ISO_DATE_LENGTH = 10
# Not a rule of the decree: a guard so that deadline arithmetic never leaves the calendar.
_PLAUSIBLE_YEARS = range(1900, 2200)


def identity(message: str) -> str:
    return message


def evaluate_payload(
    payload: object,
    *,
    territory: Territory,
    translate: Translate = identity,
    parameters: ParameterSet | None = None,
) -> object:
    if not isinstance(payload, list):
        return evaluate_one(
            payload, territory=territory, translate=translate, parameters=parameters
        )
    decisions: list[object] = []
    for index, item in enumerate(payload):
        try:
            decisions.append(
                evaluate_one(item, territory=territory, translate=translate, parameters=parameters)
            )
        except InputError as error:
            raise error.prefixed(f"[{index}]") from None
    return decisions


def evaluate_one(
    payload: object,
    *,
    territory: Territory,
    translate: Translate = identity,
    parameters: ParameterSet | None = None,
) -> dict[str, object]:
    outcome = decide_payload(payload, territory=territory, parameters=parameters)
    assert isinstance(payload, dict)  # noqa: S101 - checked by decide_payload
    return outcome_to_dict(outcome, record_id=payload.get("id"), translate=translate)


def decide_payload(
    payload: object, *, territory: Territory, parameters: ParameterSet | None = None
) -> Outcome:
    person = parse_person(payload, parameters)
    try:
        situation = ObligationSituation(person, residence_of(person, territory))
        return evaluate(OBLIGATION, situation, on=person.reference_date, parameters=parameters)
    except RulesInputError as error:
        raise InputError(error.field, error.message) from None
    except RuleNotInForce:
        raise InputError(
            "reference_date", "no rule of the pathway is in force on this date"
        ) from None


def parse_json(text: str) -> object:
    try:
        return json.loads(text)
    except RecursionError:
        raise InputError("$", "invalid JSON: nested too deeply") from None
    except json.JSONDecodeError as error:
        raise InputError(
            "$", f"invalid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from None


def parse_person(payload: object, parameters: ParameterSet | None = None) -> Person:
    data = _object(payload, "$")
    _check_fields(data, _FIELDS, _REQUIRED, "")
    _check_id(data.get("id"))
    on = _date(data["reference_date"], "reference_date")
    person = Person(
        reference_date=on,
        birth_date=_date(data["birth_date"], "birth_date"),
        nationalities=_countries(data["nationalities"]),
        family_member_of_eea_citizen=_bool(
            data["family_member_of_eea_citizen"], "family_member_of_eea_citizen"
        ),
        legal_stay_since=_optional_date(data["legal_stay_since"], "legal_stay_since"),
        registered_on=_optional_date(data["registered_on"], "registered_on"),
        permit=_permit(data["permit"]),
        commune_nis=_nis(data["commune_nis"]),
        waivers=_waivers(data.get("waivers", []), on, parameters),
    )
    _check_consistency(person, parameters)
    return person


def _check_consistency(person: Person, parameters: ParameterSet | None) -> None:
    try:
        regime_on(person.reference_date, parameters)
    except RuleNotInForce:
        raise InputError(
            "reference_date", "no rule of the pathway is in force on this date"
        ) from None
    # Every fact must hold on the reference date (CWASS art. 150): none may lie after it.
    facts = {
        "birth_date": person.birth_date,
        "legal_stay_since": person.legal_stay_since,
        "registered_on": person.registered_on,
        "permit.ordered_on": person.permit.ordered_on if person.permit else None,
    }
    for field, value in facts.items():
        check_not_after(value, person.reference_date, field)
    if person.permit is not None and person.legal_stay_since is None:
        raise InputError("legal_stay_since", "is required when a permit is given")


def check_not_after(
    value: date | None, reference: date, field: str, reference_field: str = "reference_date"
) -> None:
    """A fact dated after the date the answer is given for did not happen yet: refused."""
    if value is not None and value > reference:
        raise InputError(field, f"is after {reference_field}")


def _object(value: object, field: str) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise InputError(field, "expected an object")
    return value


def _check_fields(
    data: Mapping[str, object],
    allowed: frozenset[str] | tuple[str, ...],
    required: tuple[str, ...],
    prefix: str,
) -> None:
    for key in data:
        if key not in allowed:
            raise InputError(f"{prefix}{key}", "unknown field")
    for key in required:
        if key not in data:
            raise InputError(f"{prefix}{key}", "missing field")


def _check_id(value: object) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, str | int)):
        raise InputError("id", "expected a string or an integer")


def _date(value: object, field: str) -> date:
    if (
        isinstance(value, str)
        and len(value) == _ISO_DATE_LENGTH
        and value[4] == "-"
        and value[7] == "-"
    ):
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            pass
        else:
            if parsed.year in _PLAUSIBLE_YEARS:
                return parsed
            raise InputError(field, "expected a date between 1900 and 2199")
    raise InputError(field, "expected a date YYYY-MM-DD")


def _optional_date(value: object, field: str) -> date | None:
    return None if value is None else _date(value, field)


def _bool(value: object, field: str) -> bool:
    if not isinstance(value, bool):
        raise InputError(field, "expected true or false")
    return value


def _countries(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise InputError("nationalities", "expected a list of ISO 3166-1 alpha-2 codes")
    known = countries()
    for index, code in enumerate(value):
        if not isinstance(code, str) or code not in known:
            raise InputError(f"nationalities[{index}]", f"unknown country code {code!r}")
    return tuple(value)


def _waivers(value: object, on: date, parameters: ParameterSet | None) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise InputError("waivers", "expected a list of waiver codes")
    known = waiver_codes(parameters or default_parameters())
    codes: list[str] = []
    for index, item in enumerate(value):
        code = _waiver_code(item, f"waivers[{index}]", on)
        if not isinstance(code, str) or code not in known:
            raise InputError(f"waivers[{index}]", f"unknown waiver {code!r}")
        codes.append(code)
    return tuple(codes)


def _waiver_code(item: object, where: str, on: date) -> object:
    """A code, or `{"code", "evidence_on"}`: the evidence must exist on the reference date."""
    if not isinstance(item, dict):
        return item
    _check_fields(item, ("code", "evidence_on"), ("code", "evidence_on"), f"{where}.")
    check_not_after(_date(item["evidence_on"], f"{where}.evidence_on"), on, f"{where}.evidence_on")
    return item["code"]


def _permit(value: object) -> Permit | None:
    if value is None:
        return None
    data = _object(value, "permit")
    _check_fields(data, _PERMIT_FIELDS, _PERMIT_FIELDS, "permit.")
    permit = Permit(
        _optional_date(data["valid_from"], "permit.valid_from"),
        _optional_date(data["valid_until"], "permit.valid_until"),
        _date(data["ordered_on"], "permit.ordered_on"),
    )
    start = permit.valid_from
    if permit.valid_until is not None and start is not None and permit.valid_until < start:
        raise InputError("permit.valid_until", "is before permit.valid_from")
    return permit


def _nis(value: object) -> str:
    if (
        not isinstance(value, str)
        or len(value) != NIS_LENGTH
        or not value.isdigit()
        or not value.isascii()
    ):
        raise InputError("commune_nis", "expected a 5-digit NIS code as a string")
    return value


@functools.cache
def countries() -> frozenset[str]:
    lines = COUNTRIES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.split("#")[0].strip() for line in lines if line.split("#")[0].strip())


@functools.cache
def waiver_codes(parameters: ParameterSet) -> frozenset[str]:
    """Every waiver code ever in force; whether it applies on a date is the rule's business."""
    periods = parameters["waiver_grounds"].periods
    return frozenset(code for entry in periods for code in entry.members)


def outcome_to_dict(
    outcome: Outcome, *, record_id: object = None, translate: Translate = identity
) -> dict[str, object]:
    return {
        "id": record_id,
        "status": outcome.status,
        "reasons": [
            {"code": item.code, "legal_basis": item.legal_basis, "message": item.render(translate)}
            for item in outcome.reasons
        ],
        "voluntary_participation_possible": outcome.voluntary,
        "competent_centre": outcome.competent_centre,
        "regime": outcome.regime,
        "deadlines": _deadlines(outcome) if outcome.status == OBLIGATED else None,
        "trace": _trace_to_json(outcome.trace),
    }


def _deadlines(outcome: Outcome) -> dict[str, str | None]:
    found = {item.name: item.due_on.isoformat() for item in outcome.deadlines}
    return {"present_by": found.get("present_by"), "certificate_by": found.get("certificate_by")}


def trace_entry_to_dict(entry: TraceEntry) -> dict[str, object]:
    return _trace_to_json((entry,))[0]


def _trace_to_json(trace: tuple[TraceEntry, ...]) -> list[dict[str, object]]:
    # Traces are tuples of immutable entries shared by many decisions, so their JSON form is
    # built once per distinct trace; each caller still gets its own dicts and lists. The cache
    # holds the entries, so their ids cannot be reused while they are keys.
    key = tuple(map(id, trace))
    cached = _TRACES.get(key)
    if cached is None:
        if len(_TRACES) >= _TRACE_CACHE_SIZE:
            _TRACES.clear()
        cached = _TRACES[key] = (trace, tuple(_template(entry) for entry in trace))
    return [
        {**template, "value": list(entry.value)}
        if isinstance(entry.value, tuple)
        else template.copy()
        for entry, template in zip(cached[0], cached[1], strict=True)
    ]


_TRACE_CACHE_SIZE = 4096
_TRACES: dict[tuple[int, ...], tuple[tuple[TraceEntry, ...], tuple[dict[str, object], ...]]] = {}


def _template(entry: TraceEntry) -> dict[str, object]:
    return {
        "parameter": entry.parameter,
        "value": entry.value,
        "in_force_from": entry.in_force_from.isoformat(),
        "reference": entry.reference.cite(),
        "link": entry.reference.link,
        "confidence": entry.confidence,
    }
