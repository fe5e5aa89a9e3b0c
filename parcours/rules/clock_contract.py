"""The legal clock contract shared by the CLI (`parcours clock`) and `POST /api/v1/clock`,
shaped like the eligibility contract (`contract.py`): one JSON object per file, or an array
(array in → array out, same order); `id` echoed back; unknown fields refused; errors raise
`InputError` with a dotted field path (`agreement.signed_on`, `[2].hours[0].on`).

It reuses the rule functions — `legal_clock` (with waiting lists), `completion` and
`compliance` — and writes no rule of its own. See docs/clock-contract.md."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from parcours.rules.contract import (
    Translate,
    _bool,
    _check_fields,
    _check_id,
    _date,
    _object,
    _optional_date,
    _trace_to_json,
    check_not_after,
    identity,
)
from parcours.rules.engine import Deadline, Outcome
from parcours.rules.errors import ExtensionLimitExceeded, InputError, RuleNotInForce
from parcours.rules.errors import RulesInputError as RulesInput
from parcours.rules.formulas.completion import COMPLETE, Progress, completion
from parcours.rules.formulas.compliance import compliance
from parcours.rules.formulas.deadlines import (
    EXTENSION,
    FORCE_MAJEURE,
    SUSPENSION,
    Adjustment,
    PathwayDates,
    WaitingPeriod,
    legal_clock_with_waiting,
)
from parcours.rules.loader import CEFR_LEVELS, ParameterSet, TraceEntry
from parcours.rules.reasons import Reason

_REQUIRED = ("reference_date", "registered_on", "permit_ordered_on")
_LISTS = (
    "evaluations_held",
    "waiting_lists",
    "suspensions",
    "force_majeure",
    "extensions",
    "transfers",
    "welcome_done",
    "hours",
)
_FIELDS = frozenset(
    {*_REQUIRED, *_LISTS, "id", "voluntary", "presented_on", "agreement", "french_level"}
)
# Where each deadline comes from in the decree (the trace adds each parameter's reference).
LEGAL_BASIS = {
    "present_by": "CWASS art. 152/7, § 1er",
    "agreement_ends_on": "CWASS art. 152 ff.",
    "citizenship_by": "CWASS art. 152 ff. (decree of 8 November 2018)",
    "french_by": "CWASS art. 152 ff. (decree of 8 November 2018)",
    "certificate_by": "CWASS art. 152/7, § 2",
    "next_evaluation_by": "CWASS art. 152 ff.",
}


def clock_payload(
    payload: object, *, translate: Translate = identity, parameters: ParameterSet | None = None
) -> object:
    if not isinstance(payload, list):
        return clock_one(payload, translate=translate, parameters=parameters)
    answers: list[object] = []
    for index, item in enumerate(payload):
        try:
            answers.append(clock_one(item, translate=translate, parameters=parameters))
        except InputError as error:
            raise error.prefixed(f"[{index}]") from None
    return answers


def clock_one(
    payload: object, *, translate: Translate = identity, parameters: ParameterSet | None = None
) -> dict[str, object]:
    data = _object(payload, "$")
    _check_fields(data, _FIELDS, _REQUIRED, "")
    _check_id(data.get("id"))
    on = _date(data["reference_date"], "reference_date")
    facts = _Facts(data, on)
    try:
        return facts.answer(translate, parameters)
    except RulesInput as error:
        raise InputError(error.field, error.message) from None
    except ExtensionLimitExceeded as error:
        raise InputError("extensions", str(error)) from None
    except RuleNotInForce:
        raise InputError(
            "registered_on", "no rule of the pathway is in force on the governing date"
        ) from None


class _Facts:
    """One file's facts, parsed and checked: none may lie after the reference date."""

    def __init__(self, data: Mapping[str, object], on: date) -> None:
        self.data, self.on = data, on
        self.voluntary = _bool(data.get("voluntary", False), "voluntary")
        self.presented_on = self._fact(data.get("presented_on"), "presented_on")
        signed, self.tracks = self._agreement(data.get("agreement"))
        self.dates = PathwayDates(
            registered_on=self._required("registered_on"),
            permit_ordered_on=self._required("permit_ordered_on"),
            agreement_signed_on=signed,
            tracks=self.tracks,
            evaluations_held=tuple(
                self._required_fact(raw, where) for where, raw in self._items("evaluations_held")
            ),
            adjustments=self._adjustments(),
        )
        self.lists = [self._waiting_list(raw, where) for where, raw in self._items("waiting_lists")]
        self.centre = self._transfers()
        self.progress = self._progress()

    def _required(self, field: str) -> date:
        return self._required_fact(self.data[field], field)

    def _required_fact(self, value: object, field: str) -> date:
        found = _date(value, field)
        check_not_after(found, self.on, field)
        return found

    def _fact(self, value: object, field: str) -> date | None:
        found = _optional_date(value, field)
        check_not_after(found, self.on, field)
        return found

    def _items(self, field: str) -> list[tuple[str, object]]:
        items = self.data.get(field, [])
        if not isinstance(items, list):
            raise InputError(field, "expected a list")
        return [(f"{field}[{index}]", item) for index, item in enumerate(items)]

    def _record(self, raw: object, where: str, fields: tuple[str, ...]) -> Mapping[str, object]:
        record = _object(raw, where)
        _check_fields(record, fields, fields, f"{where}.")
        return record

    def _agreement(self, value: object) -> tuple[date | None, tuple[str, ...]]:
        if value is None:
            return None, ()
        agreement = self._record(value, "agreement", ("signed_on", "tracks"))
        signed = self._required_fact(agreement["signed_on"], "agreement.signed_on")
        return signed, _codes(agreement["tracks"], "agreement.tracks")

    def _span(self, record: Mapping[str, object], where: str) -> tuple[date, date | None]:
        start = self._required_fact(record["from"], f"{where}.from")
        until = _optional_date(record["until"], f"{where}.until")
        if until is not None and until < start:
            raise InputError(f"{where}.until", f"is before {where}.from")
        return start, until

    def _adjustments(self) -> tuple[Adjustment, ...]:
        found: list[Adjustment] = []
        for kind, field in ((SUSPENSION, "suspensions"), (FORCE_MAJEURE, "force_majeure")):
            for where, raw in self._items(field):
                record = self._record(raw, where, ("from", "until", "reason"))
                start, until = self._span(record, where)
                reason = _text(record["reason"], f"{where}.reason")
                # Still running: counted up to the reference date.
                found.append(Adjustment(kind, reason, start, None, until or self.on))
        for where, raw in self._items("extensions"):
            record = self._record(raw, where, ("granted_on", "months", "reason"))
            granted = self._required_fact(record["granted_on"], f"{where}.granted_on")
            months = record["months"]
            if isinstance(months, bool) or not isinstance(months, int) or months <= 0:
                raise InputError(f"{where}.months", "expected a positive whole number of months")
            found.append(
                Adjustment(EXTENSION, _text(record["reason"], f"{where}.reason"), granted, months)
            )
        return tuple(found)

    def _waiting_list(self, raw: object, where: str) -> tuple[str, date, date | None]:
        record = self._record(raw, where, ("track", "from", "until"))
        track = _text(record["track"], f"{where}.track")
        if track not in self.tracks:
            raise InputError(f"{where}.track", "not a track of the agreement")
        start, until = self._span(record, where)
        return track, start, until

    @property
    def waiting(self) -> dict[str, list[WaitingPeriod]]:
        """Days on each list; still waiting: up to the day before the reference date."""
        found: dict[str, list[WaitingPeriod]] = {}
        for track, start, until in self.lists:
            last = until or self.on - timedelta(days=1)
            if last >= start:
                found.setdefault(track, []).append((start, last))
        return found

    @property
    def waiting_on_date(self) -> bool:
        return any(s <= self.on and (u is None or self.on <= u) for _t, s, u in self.lists)

    def _transfers(self) -> str | None:
        centre: str | None = None
        for where, raw in self._items("transfers"):
            record = self._record(raw, where, ("on", "to_centre"))
            self._required_fact(record["on"], f"{where}.on")
            centre = _text(record["to_centre"], f"{where}.to_centre")
        return centre

    def _progress(self) -> Progress:
        hours: dict[str, float] = {}
        for where, raw in self._items("hours"):
            record = self._record(raw, where, ("track", "hours", "on"))
            self._required_fact(record["on"], f"{where}.on")
            amount = record["hours"]
            if isinstance(amount, bool) or not isinstance(amount, int | float) or amount <= 0:
                raise InputError(f"{where}.hours", "expected a number of hours > 0")
            track = _text(record["track"], f"{where}.track")
            hours[track] = hours.get(track, 0) + float(amount)
        welcome = _codes(self.data.get("welcome_done", []), "welcome_done")
        return Progress(welcome, self.tracks, hours, self._level())

    def _level(self) -> str | None:
        raw = self.data.get("french_level")
        if raw is None:
            return None
        level = self._record(raw, "french_level", ("level", "attested_on"))
        self._required_fact(level["attested_on"], "french_level.attested_on")
        if level["level"] not in CEFR_LEVELS:
            raise InputError("french_level.level", "expected a CEFR level such as A2")
        return str(level["level"])

    def answer(self, translate: Translate, parameters: ParameterSet | None) -> dict[str, object]:
        # The governing date of the clock is the agreement's signature, the registration
        # before it (as for a stored file); the reference date is the day it is read on.
        governing = self.dates.agreement_signed_on or self.dates.registered_on
        clock = legal_clock_with_waiting(
            self.dates, on=governing, waiting=self.waiting, parameters=parameters
        )
        done = (
            completion(self.progress, on=governing, parameters=parameters)
            if self.dates.agreement_signed_on is not None
            else None
        )
        complete = done is not None and done.status == COMPLETE
        verdict = compliance(
            clock,
            on=self.on,
            complete=complete,
            presented_on=self.presented_on,
            voluntary=self.voluntary,
            waiting_on_date=self.waiting_on_date,
        )
        return {
            "id": self.data.get("id"),
            "reference_date": self.on.isoformat(),
            "governing_date": governing.isoformat(),
            "regime": clock.regime,
            "centre": self.centre,
            "deadlines": _deadlines(clock, self.on),
            "complete": complete,
            "missing": None if done is None else _reasons(done.reasons, translate),
            "sanctionable": verdict.sanctionable,
            "grounds": _reasons(verdict.grounds, translate),
            "excuses": _reasons(verdict.excuses, translate),
            "trace": _trace(clock, done),
        }


def _text(value: object, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(field, "expected a text")
    return value.strip()


def _codes(value: object, field: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InputError(field, "expected a list of codes")
    return tuple(str(item) for item in value)


def _deadlines(clock: Outcome, on: date) -> dict[str, object]:
    found = {item.name: item for item in clock.deadlines}
    return {name: _deadline(found.get(name), name, on) for name in LEGAL_BASIS}


def _deadline(item: Deadline | None, name: str, on: date) -> dict[str, object] | None:
    if item is None:
        return None
    return {
        "due_on": item.due_on.isoformat(),
        "passed": item.is_late(on),  # the day after it: late
        "legal_basis": LEGAL_BASIS[name],
        "reasons": [
            {"code": step.kind, "detail": step.detail, "result": step.result.isoformat()}
            for step in item.steps
        ],
    }


def _reasons(reasons: tuple[Reason, ...], translate: Translate) -> list[dict[str, str]]:
    return [
        {"code": item.code, "legal_basis": item.legal_basis, "message": item.render(translate)}
        for item in reasons
    ]


def _trace(clock: Outcome, done: Outcome | None) -> list[dict[str, object]]:
    entries = clock.trace + (done.trace if done is not None else ())
    # Each parameter once: the clock and completion read some of the same (the regime).
    unique: dict[str, TraceEntry] = {}
    for entry in entries:
        unique.setdefault(entry.parameter, entry)
    return _trace_to_json(tuple(unique.values()))
