"""Legislation as data (OpenFisca style): one YAML file per legal parameter, each value keyed
by the date it enters into force, with its legal reference and a confidence mark. A `null`
value repeals. The loader refuses anything it cannot vouch for; reading a parameter on a date
where none is in force raises `ParameterNotInForce`."""

from __future__ import annotations

import functools
import itertools
import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from parcours.rules.errors import ParameterFileError, ParameterNotInForce, UnknownParameter
from parcours.rules.strict_yaml import load_yaml

PARAMETERS_DIR = Path(__file__).parent / "parameters"
CONFIDENCE_MARKS = ("confirmed", "secondary", "unconfirmed")
INTEGER_UNITS = frozenset({"months", "years", "days", "hours", "euros", "percent"})
LIST_UNITS = {"country_codes": re.compile(r"[A-Z]{2}"), "codes": re.compile(r"[a-z][a-z0-9_]*")}
CEFR_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")  # the CEFR scale itself, not a rule value
UNITS = INTEGER_UNITS | frozenset(LIST_UNITS) | {"code", "cefr_level"}
_FILE_KEYS = frozenset({"description", "unit", "values"})
_VALUE_KEYS = frozenset({"value", "reference", "confidence", "note"})
_REFERENCE_KEYS = ("title", "article", "link")

ParamValue = int | str | tuple[str, ...] | None


@dataclass(frozen=True, slots=True)
class Reference:
    title: str
    article: str
    link: str

    def cite(self) -> str:
        return f"{self.title}, {self.article}"


@dataclass(frozen=True, slots=True)
class TraceEntry:
    """One dated value of a parameter; a read returns it and the trace records it as is."""

    parameter: str
    value: ParamValue
    in_force_from: date
    reference: Reference
    confidence: str
    members: frozenset[str] = field(default=frozenset(), compare=False)

    def as_int(self) -> int:
        if not isinstance(self.value, int):
            raise TypeError(f"parameter {self.parameter!r} is not a number")
        return self.value


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    description: str
    unit: str
    periods: tuple[TraceEntry, ...]
    starts: tuple[date, ...]

    def at(self, on: date) -> TraceEntry:
        index = bisect_right(self.starts, on) - 1
        if index < 0 or self.periods[index].value is None:
            raise ParameterNotInForce(self.name, on)
        return self.periods[index]


class ParameterSet(Mapping[str, Parameter]):
    """All parameters, by name. Immutable once loaded."""

    def __init__(self, parameters: Mapping[str, Parameter]) -> None:
        self._parameters = dict(parameters)

    # Identity, not content: a loaded set is a snapshot, and the engine caches per snapshot.
    def __eq__(self, other: object) -> bool:
        return self is other

    __hash__ = object.__hash__

    def __getitem__(self, name: str) -> Parameter:
        try:
            return self._parameters[name]
        except KeyError:
            raise UnknownParameter(name) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._parameters)

    def __len__(self) -> int:
        return len(self._parameters)

    def read(self, name: str, on: date) -> TraceEntry:
        return self[name].at(on)


def load_parameters(directory: Path = PARAMETERS_DIR) -> ParameterSet:
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise ParameterFileError(str(directory), "no parameter file found")
    return ParameterSet({path.stem: load_parameter(path) for path in files})


@functools.cache
def default_parameters() -> ParameterSet:
    return load_parameters()


def load_parameter(path: Path) -> Parameter:
    raw = _mapping(load_yaml(path), str(path), "file")
    _exact_keys(raw, _FILE_KEYS, _FILE_KEYS, str(path))
    unit = raw["unit"]
    if unit not in UNITS:
        raise ParameterFileError(
            str(path), f"unknown unit {unit!r} (known: {', '.join(sorted(UNITS))})"
        )
    description = raw["description"]
    if not isinstance(description, str) or not description.strip():
        raise ParameterFileError(str(path), "description must be a non-empty text")
    periods = _periods(path, str(unit), _mapping(raw["values"], str(path), "values"))
    return Parameter(
        path.stem, description, str(unit), periods, tuple(p.in_force_from for p in periods)
    )


def _periods(path: Path, unit: str, values: Mapping[object, object]) -> tuple[TraceEntry, ...]:
    if not values:
        raise ParameterFileError(str(path), "values is empty")
    periods = tuple(_period(path, unit, key, entry) for key, entry in values.items())
    for before, after in itertools.pairwise(periods):
        if after.in_force_from <= before.in_force_from:
            raise ParameterFileError(
                str(path),
                f"dates out of order: {after.in_force_from.isoformat()} "
                f"after {before.in_force_from.isoformat()}",
            )
    return periods


def _period(path: Path, unit: str, key: object, entry: object) -> TraceEntry:
    where = f"{path} [{key}]"
    start = _start_date(key, where)
    body = _mapping(entry, where, "value entry (value, reference, confidence)")
    _exact_keys(body, {"value", "reference", "confidence"}, _VALUE_KEYS, where)
    value = _value(unit, body["value"], where)
    confidence = body["confidence"]
    if confidence not in CONFIDENCE_MARKS:
        raise ParameterFileError(where, f"confidence must be one of {', '.join(CONFIDENCE_MARKS)}")
    reference = _reference(body["reference"], where)
    members = frozenset(value) if isinstance(value, tuple) else frozenset()
    return TraceEntry(path.stem, value, start, reference, str(confidence), members)


def _start_date(key: object, where: str) -> date:
    if isinstance(key, date):
        return key
    if isinstance(key, str):
        try:
            return date.fromisoformat(key)
        except ValueError:
            pass
    raise ParameterFileError(
        where, "a value must be keyed by its date of entry into force (YYYY-MM-DD)"
    )


def _reference(raw: object, where: str) -> Reference:
    if raw is None:
        raise ParameterFileError(where, "value without reference")
    body = _mapping(raw, where, "reference")
    _exact_keys(body, set(_REFERENCE_KEYS), set(_REFERENCE_KEYS), f"{where} reference")
    texts = [body[key] for key in _REFERENCE_KEYS]
    if not all(isinstance(text, str) and text.strip() for text in texts):
        raise ParameterFileError(where, "reference title, article and link must be non-empty texts")
    if not str(body["link"]).startswith(("https://", "http://")):
        raise ParameterFileError(where, "reference link must be a URL")
    return Reference(*(str(text) for text in texts))


def _value(unit: str, raw: object, where: str) -> ParamValue:
    if raw is None:
        return None  # a repeal
    if unit in INTEGER_UNITS:
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
            raise ParameterFileError(where, f"a value in {unit} must be a whole number >= 0")
        return raw
    if unit in LIST_UNITS:
        return _list_value(unit, raw, where)
    if unit == "cefr_level" and raw not in CEFR_LEVELS:
        raise ParameterFileError(where, f"a CEFR level must be one of {', '.join(CEFR_LEVELS)}")
    if not isinstance(raw, str) or not raw:
        raise ParameterFileError(where, f"a value in {unit} must be a text")
    return raw


def _list_value(unit: str, raw: object, where: str) -> tuple[str, ...]:
    pattern = LIST_UNITS[unit]
    if not isinstance(raw, list) or not raw:
        raise ParameterFileError(where, f"a value in {unit} must be a non-empty list")
    if not all(isinstance(item, str) and pattern.fullmatch(item) for item in raw):
        raise ParameterFileError(where, f"every item in {unit} must match {pattern.pattern}")
    if len(set(raw)) != len(raw):
        raise ParameterFileError(where, f"duplicate item in {unit}")
    return tuple(raw)


def _mapping(raw: object, where: str, what: str) -> Mapping[object, object]:
    if not isinstance(raw, dict):
        raise ParameterFileError(where, f"{what} must be a mapping")
    return raw


def _exact_keys(
    raw: Mapping[object, object],
    required: set[str] | frozenset[str],
    allowed: set[str] | frozenset[str],
    where: str,
) -> None:
    missing = sorted(required - set(map(str, raw)))
    unknown = sorted(set(map(str, raw)) - allowed)
    if missing:
        raise ParameterFileError(
            where,
            f"missing {', '.join(missing)}"
            + (" (value without reference)" if "reference" in missing else ""),
        )
    if unknown:
        raise ParameterFileError(where, f"unknown key(s) {', '.join(unknown)}")
