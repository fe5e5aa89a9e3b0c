"""`evaluate(rule, situation, on=date) -> Outcome`. Rule functions are registered per regime
code ("2014", "2016", …); the dates of the regimes are the `regime` parameter, so the version
that applies on a date is data too. Evaluating before the first regime raises."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from parcours.rules.errors import ParameterNotInForce, RuleNotInForce
from parcours.rules.loader import ParameterSet, TraceEntry, default_parameters
from parcours.rules.reasons import Reason

REGIME = "regime"


@dataclass(frozen=True, slots=True)
class Step:
    """One step of the explanation of a deadline: what moved it, and where it landed."""

    kind: str  # base | extension | suspension | force_majeure | evaluation_held
    detail: str
    result: date


@dataclass(frozen=True, slots=True)
class Deadline:
    name: str
    due_on: date
    steps: tuple[Step, ...] = ()

    def is_late(self, on: date) -> bool:
        # domain.md: the person is late from the day after the deadline.
        return on > self.due_on


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a rule decided. `competent_centre` and `voluntary` only mean something for the
    obligation rule; `status` is the rule's value (see each formula module)."""

    rule: str
    version: str
    regime: str
    on: date
    status: str
    reasons: tuple[Reason, ...]
    deadlines: tuple[Deadline, ...]
    trace: tuple[TraceEntry, ...]
    competent_centre: str | None = None
    voluntary: bool = False

    @property
    def value(self) -> str:
        return self.status

    @property
    def reason_codes(self) -> tuple[str, ...]:
        return tuple(item.code for item in self.reasons)

    def deadline(self, name: str) -> Deadline | None:
        return next((item for item in self.deadlines if item.name == name), None)


class Context:
    """Handed to a rule function: reads parameters on the governing date and records each
    read in the trace, so the outcome shows every value it used and its reference."""

    __slots__ = ("_parameters", "on", "regime", "rule", "trace", "version")

    def __init__(
        self, parameters: ParameterSet, rule: str, version: str, regime: TraceEntry, on: date
    ) -> None:
        self._parameters = parameters
        self.rule, self.version, self.on = rule, version, on
        self.regime = str(regime.value)
        self.trace: list[TraceEntry] = [regime]

    def read(self, name: str) -> TraceEntry:
        entry = self._parameters[name].at(self.on)
        self.trace.append(entry)
        return entry

    def number(self, name: str) -> int:
        return self.read(name).as_int()

    def members(self, name: str) -> frozenset[str]:
        return self.read(name).members

    def outcome(
        self,
        status: str,
        reasons: tuple[Reason, ...] = (),
        deadlines: tuple[Deadline, ...] = (),
        *,
        competent_centre: str | None = None,
        voluntary: bool = False,
    ) -> Outcome:
        return Outcome(
            self.rule,
            self.version,
            self.regime,
            self.on,
            status,
            reasons,
            deadlines,
            tuple(self.trace),
            competent_centre,
            voluntary,
        )


RuleFunction = Callable[[Context, Any], Outcome]
_VERSIONS: dict[str, dict[str, RuleFunction]] = {}


def rule(name: str, *, since: str) -> Callable[[RuleFunction], RuleFunction]:
    """Register `function` as the version of rule `name` in force from regime `since`."""

    def register(function: RuleFunction) -> RuleFunction:
        versions = _VERSIONS.setdefault(name, {})
        if since in versions:
            raise ValueError(f"rule {name!r} already has a version since regime {since!r}")
        versions[since] = function
        _select.cache_clear()
        return function

    return register


def rules() -> tuple[str, ...]:
    return tuple(sorted(_VERSIONS))


def regime_on(on: date, parameters: ParameterSet | None = None) -> TraceEntry:
    try:
        return (parameters or default_parameters()).read(REGIME, on)
    except ParameterNotInForce:
        raise RuleNotInForce(REGIME, on) from None


def evaluate(
    rule: str, situation: object, *, on: date, parameters: ParameterSet | None = None
) -> Outcome:
    params = parameters or default_parameters()
    try:
        regime = params[REGIME].at(on)
    except ParameterNotInForce:
        raise RuleNotInForce(rule, on) from None
    version, function = _select(rule, str(regime.value), params)
    return function(Context(params, rule, version, regime, on), situation)


@functools.lru_cache(maxsize=256)
def _select(rule: str, regime: str, parameters: ParameterSet) -> tuple[str, RuleFunction]:
    # Regimes are ordered by their date of entry into force in the `regime` parameter.
    order = [str(entry.value) for entry in parameters[REGIME].periods if entry.value is not None]
    versions = _VERSIONS.get(rule)
    if versions is None:
        raise KeyError(f"no rule named {rule!r}")
    unknown = set(versions) - set(order)
    if unknown:
        raise ValueError(f"rule {rule!r} names unknown regimes {sorted(unknown)}")
    applicable = [code for code in order[: order.index(regime) + 1] if code in versions]
    if not applicable:
        raise RuleNotInForce(rule, parameters[REGIME].periods[order.index(regime)].in_force_from)
    return applicable[-1], versions[applicable[-1]]
