"""A decision as the application layer stores it: rule, version, governing date, outcome,
reasons, deadlines, trace and input — JSON-safe, so a decision made today can be shown and
replayed later against the parameters then in the repository."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from parcours.rules import formulas  # noqa: F401 - registers the rule functions
from parcours.rules.contract import decide_payload, trace_entry_to_dict
from parcours.rules.engine import Outcome, evaluate
from parcours.rules.errors import RulesInputError
from parcours.rules.formulas.completion import COMPLETION
from parcours.rules.formulas.deadlines import LEGAL_CLOCK
from parcours.rules.formulas.obligation import OBLIGATION
from parcours.rules.inputs import pathway_dates_from_dict, progress_from_dict
from parcours.rules.loader import ParameterSet
from parcours.rules.territory import Territory

JsonDict = dict[str, object]


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    rule: str
    version: str
    regime: str
    governing_date: date
    status: str
    reasons: tuple[str, ...]
    deadlines: tuple[tuple[str, date], ...]
    trace: tuple[JsonDict, ...]
    input: JsonDict

    @classmethod
    def from_outcome(cls, outcome: Outcome, input_data: Mapping[str, object]) -> DecisionRecord:
        return cls(
            outcome.rule,
            outcome.version,
            outcome.regime,
            outcome.on,
            outcome.status,
            outcome.reason_codes,
            tuple((item.name, item.due_on) for item in outcome.deadlines),
            tuple(trace_entry_to_dict(entry) for entry in outcome.trace),
            dict(input_data),
        )

    def to_dict(self) -> JsonDict:
        return {
            "rule": self.rule,
            "version": self.version,
            "regime": self.regime,
            "governing_date": self.governing_date.isoformat(),
            "status": self.status,
            "reasons": list(self.reasons),
            "deadlines": {name: due.isoformat() for name, due in self.deadlines},
            "trace": [dict(entry) for entry in self.trace],
            "input": dict(self.input),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> DecisionRecord:
        deadlines, trace, reasons, given = (
            data["deadlines"],
            data["trace"],
            data["reasons"],
            data["input"],
        )
        if not (
            isinstance(deadlines, dict)
            and isinstance(trace, list)
            and isinstance(reasons, list)
            and isinstance(given, dict)
        ):
            raise RulesInputError("record", "malformed decision record")
        return cls(
            str(data["rule"]),
            str(data["version"]),
            str(data["regime"]),
            date.fromisoformat(str(data["governing_date"])),
            str(data["status"]),
            tuple(map(str, reasons)),
            tuple((str(name), date.fromisoformat(str(due))) for name, due in deadlines.items()),
            tuple(dict(entry) for entry in trace),
            dict(given),
        )


@dataclass(frozen=True, slots=True)
class Replay:
    same: bool
    differences: tuple[str, ...]  # what changed in the result
    parameter_changes: tuple[str, ...]  # parameters whose value or reference changed since
    outcome: Outcome


def replay(
    record: DecisionRecord,
    *,
    territory: Territory | None = None,
    parameters: ParameterSet | None = None,
) -> Replay:
    outcome = _reevaluate(record, territory, parameters)
    fresh = DecisionRecord.from_outcome(outcome, record.input)
    differences = tuple(
        f"{name}: {before!r} -> {after!r}"
        for name, before, after in (
            ("version", record.version, fresh.version),
            ("status", record.status, fresh.status),
            ("reasons", record.reasons, fresh.reasons),
            ("deadlines", record.deadlines, fresh.deadlines),
        )
        if before != after
    )
    return Replay(
        not differences, differences, _parameter_changes(record.trace, fresh.trace), outcome
    )


def _reevaluate(
    record: DecisionRecord, territory: Territory | None, parameters: ParameterSet | None
) -> Outcome:
    if record.rule == OBLIGATION:
        if territory is None:
            raise RulesInputError("territory", "replaying an obligation decision needs a territory")
        return decide_payload(record.input, territory=territory, parameters=parameters)
    if record.rule == LEGAL_CLOCK:
        situation: object = pathway_dates_from_dict(record.input)
    elif record.rule == COMPLETION:
        situation = progress_from_dict(record.input)
    else:
        raise RulesInputError("rule", f"cannot replay rule {record.rule!r}")
    return evaluate(record.rule, situation, on=record.governing_date, parameters=parameters)


def _parameter_changes(
    before: tuple[JsonDict, ...], after: tuple[JsonDict, ...]
) -> tuple[str, ...]:
    old = {str(entry["parameter"]): entry for entry in before}
    return tuple(
        sorted(
            str(entry["parameter"]) for entry in after if old.get(str(entry["parameter"])) != entry
        )
    )
