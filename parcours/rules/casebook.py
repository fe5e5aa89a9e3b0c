"""YAML cases named as sentences (OpenFisca style). A case file holds one rule, an optional
`base` input that each case overrides (mappings merge, lists and scalars replace; `remove`
drops fields), and the expected subset of the result. The test suite runs every case."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from parcours.rules.contract import evaluate_payload
from parcours.rules.engine import Outcome, evaluate
from parcours.rules.errors import (
    ExtensionLimitExceeded,
    InputError,
    ParameterFileError,
    RulesInputError,
)
from parcours.rules.formulas.completion import COMPLETION
from parcours.rules.formulas.deadlines import LEGAL_CLOCK
from parcours.rules.inputs import pathway_dates_from_dict, progress_from_dict
from parcours.rules.loader import ParameterSet
from parcours.rules.strict_yaml import load_yaml
from parcours.rules.territory import Territory

CASES_DIR = Path(__file__).parent / "cases"
ELIGIBILITY = "eligibility"
RULES = (ELIGIBILITY, LEGAL_CLOCK, COMPLETION)


@dataclass(frozen=True)
class Case:
    name: str
    rule: str
    input: dict[str, object]
    expected: dict[str, object]
    source: str = field(default="", compare=False)


def load_cases(directory: Path = CASES_DIR) -> list[Case]:
    cases = [case for path in sorted(directory.glob("*.yaml")) for case in _load_file(path)]
    seen: set[str] = set()
    for case in cases:
        if case.name in seen:
            raise ParameterFileError(case.source, f"two cases are named {case.name!r}")
        seen.add(case.name)
    return cases


def _load_file(path: Path) -> list[Case]:
    raw = load_yaml(path)
    if (
        not isinstance(raw, dict)
        or raw.get("rule") not in RULES
        or not isinstance(raw.get("cases"), list)
    ):
        raise ParameterFileError(
            str(path), f"a case file needs rule ({', '.join(RULES)}) and cases"
        )
    base = raw.get("base") or {}
    return [_case(path, str(raw["rule"]), base, entry) for entry in raw["cases"]]


def _case(path: Path, rule: str, base: object, entry: object) -> Case:
    if (
        not isinstance(entry, dict)
        or not isinstance(entry.get("name"), str)
        or "expected" not in entry
    ):
        raise ParameterFileError(str(path), f"a case needs a name and expected: {entry!r}")
    merged = _merge(copy.deepcopy(base), entry.get("input") or {})
    assert isinstance(merged, dict)  # noqa: S101 - base and input are mappings
    for name in entry.get("remove") or []:
        _remove(merged, str(name))
    plain_input, expected = _plain(merged), _plain(entry["expected"])
    assert isinstance(plain_input, dict) and isinstance(expected, dict)  # noqa: S101
    return Case(entry["name"], rule, plain_input, expected, str(path))


def _merge(base: object, override: object) -> object:
    if isinstance(base, dict) and isinstance(override, dict):
        return {**base, **{key: _merge(base.get(key), value) for key, value in override.items()}}
    return override


def _remove(data: dict[str, object], dotted: str) -> None:
    head, _, rest = dotted.partition(".")
    if rest:
        inner = data[head]
        assert isinstance(inner, dict)  # noqa: S101 - a case author's path
        _remove(inner, rest)
    else:
        del data[head]


def _plain(value: object) -> object:
    """YAML dates become ISO texts, as they would arrive in JSON."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            # YAML 1.1 reads bare on/off/yes/no as booleans: a key must stay a text.
            raise ParameterFileError("case", f"a key is not a text (quote it): {list(value)!r}")
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def check_case(
    case: Case, *, territory: Territory, parameters: ParameterSet | None = None
) -> list[str]:
    """The differences between the expected subset and the actual result (empty: passes)."""
    actual = _run(case, territory, parameters)
    return [
        f"{key}: expected {want!r}, got {actual.get(key)!r}"
        for key, want in case.expected.items()
        if not _matches(want, actual.get(key))
    ]


def _matches(want: object, got: object) -> bool:
    if isinstance(want, dict) and isinstance(got, dict):
        return all(_matches(value, got.get(key)) for key, value in want.items())
    return want == got


def _run(case: Case, territory: Territory, parameters: ParameterSet | None) -> dict[str, object]:
    try:
        if case.rule == ELIGIBILITY:
            return _eligibility(case.input, territory, parameters)
        situation: object = (
            pathway_dates_from_dict(case.input)
            if case.rule == LEGAL_CLOCK
            else progress_from_dict(case.input)
        )
        on = date.fromisoformat(str(case.input["governing_date"]))
        return _summary(evaluate(case.rule, situation, on=on, parameters=parameters))
    except (InputError, RulesInputError) as error:
        return {"error": {"field": error.field, "message": error.message}}
    except ExtensionLimitExceeded as error:
        return {
            "error": {
                "field": "adjustments",
                "message": str(error),
                "code": "extension_limit_exceeded",
            }
        }


def _eligibility(
    payload: dict[str, object], territory: Territory, parameters: ParameterSet | None
) -> dict[str, object]:
    result = evaluate_payload(payload, territory=territory, parameters=parameters)
    assert isinstance(result, dict)  # noqa: S101 - one object in, one out
    codes = [item["code"] for item in result["reasons"] if isinstance(item, Mapping)]
    return {**result, "reasons": codes}


def _summary(outcome: Outcome) -> dict[str, object]:
    return {
        "status": outcome.status,
        "regime": outcome.regime,
        "version": outcome.version,
        "reasons": list(outcome.reason_codes),
        "deadlines": {item.name: item.due_on.isoformat() for item in outcome.deadlines},
        "deadline_names": [item.name for item in outcome.deadlines],
    }
