"""The legal clock of a pathway (CWASS art. 152/7; agreement and evaluations art. 152 ff.).
Every deadline carries the steps that made it: its base date and delay, then each recorded
extension, suspension or force majeure, in the order they were granted.

Product decisions (domain.md is silent):
- an extension moves the certificate deadline and the end of the agreement by whole months;
- the agreement never ends after the certificate deadline (domain.md "The pathway", 4 and 7):
  `agreement_end_on` is the one place that says so, for the clock and the agreement itself;
  the certificate deadline moved by extensions may not pass `certificate_delay_extended_maximum`
  months after the permit was ordered;
- a suspension stops every running clock: each deadline on or after its first day moves by
  the number of days suspended; it does not count against the extension maximum;
- force majeure moves the presentation deadline only, the same way (art. 152/7, § 1er);
- evaluations are due at most `evaluation_interval` months after the agreement, then after
  the last evaluation held; the schedule is planned up to the certificate deadline."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from parcours.rules.dates import add_days, add_months, inclusive_days
from parcours.rules.engine import Context, Deadline, Outcome, Step, evaluate, rule
from parcours.rules.errors import ExtensionLimitExceeded, RulesInputError
from parcours.rules.loader import ParameterSet

LEGAL_CLOCK = "legal_clock"
EXTENSION, SUSPENSION, FORCE_MAJEURE = "extension", "suspension", "force_majeure"
ADJUSTMENT_KINDS = (EXTENSION, SUSPENSION, FORCE_MAJEURE)
COMPUTED = "computed"
CAPPED = "no later than the certificate deadline"


@dataclass(frozen=True, slots=True)
class Adjustment:
    kind: str
    reason: str
    starts_on: date  # the day it was granted (extension) or the first day of the period
    months: int | None = None  # extension only
    until: date | None = None  # suspension and force majeure: last day of the period


@dataclass(frozen=True, slots=True)
class PathwayDates:
    registered_on: date
    permit_ordered_on: date
    agreement_signed_on: date | None = None
    tracks: tuple[str, ...] = ()
    evaluations_held: tuple[date, ...] = ()
    adjustments: tuple[Adjustment, ...] = ()


def legal_clock(
    dates: PathwayDates, *, on: date, parameters: ParameterSet | None = None
) -> Outcome:
    """`on` is the governing date: the day the agreement was signed (or registration before)."""
    return evaluate(LEGAL_CLOCK, dates, on=on, parameters=parameters)


@rule(LEGAL_CLOCK, since="2014")
def clock_2014(ctx: Context, dates: PathwayDates) -> Outcome:
    return _clock(ctx, dates, certificate=False, track_limits=False)


@rule(LEGAL_CLOCK, since="2016")
def clock_2016(ctx: Context, dates: PathwayDates) -> Outcome:
    return _clock(ctx, dates, certificate=True, track_limits=False)


@rule(LEGAL_CLOCK, since="2018")
def clock_2018(ctx: Context, dates: PathwayDates) -> Outcome:
    # 8 Nov 2018 decree: French within 16 months, citizenship within 4 months.
    return _clock(ctx, dates, certificate=True, track_limits=True)


def _clock(ctx: Context, dates: PathwayDates, *, certificate: bool, track_limits: bool) -> Outcome:
    _check(dates, certificate=certificate)
    clock = {
        "present_by": _base(
            ctx, "present_by", "presentation_delay", dates.registered_on, "registered on"
        )
    }
    signed = dates.agreement_signed_on
    if signed is not None:
        clock["agreement_ends_on"] = _base(
            ctx, "agreement_ends_on", "agreement_maximum_length", signed, "agreement signed on"
        )
        if track_limits:
            clock.update(_track_limits(ctx, dates, signed))
    if certificate:
        clock["certificate_by"] = _base(
            ctx, "certificate_by", "certificate_delay", dates.permit_ordered_on, "permit ordered on"
        )
    clock = _capped(_adjusted(ctx, clock, dates), signed)
    evaluations = _evaluations(ctx, dates, clock) if signed is not None else ()
    return ctx.outcome(COMPUTED, (), tuple(clock.values()) + evaluations)


def agreement_end_on(start: date, end: date, certificate_by: date | None) -> date:
    """The end of an agreement that starts on `start` and would last until `end`."""
    if certificate_by is None or certificate_by < start:
        return end
    return min(end, certificate_by)


def _capped(clock: dict[str, Deadline], signed: date | None) -> dict[str, Deadline]:
    agreement, certificate = clock.get("agreement_ends_on"), clock.get("certificate_by")
    if agreement is None or signed is None:
        return clock
    due = agreement_end_on(signed, agreement.due_on, certificate.due_on if certificate else None)
    if due == agreement.due_on:
        return clock
    return clock | {"agreement_ends_on": _moved(agreement, "capped", CAPPED, due)}


def _track_limits(ctx: Context, dates: PathwayDates, signed: date) -> dict[str, Deadline]:
    limits = {
        "citizenship_by": _base(
            ctx, "citizenship_by", "citizenship_time_limit", signed, "agreement signed on"
        )
    }
    if "french" in dates.tracks:
        limits["french_by"] = _base(
            ctx, "french_by", "french_time_limit", signed, "agreement signed on"
        )
    return limits


def _base(ctx: Context, name: str, parameter: str, start: date, label: str) -> Deadline:
    months = ctx.number(parameter)
    due = add_months(start, months)
    return Deadline(
        name,
        due,
        (Step("base", f"{label} {start.isoformat()} + {parameter} ({months} months)", due),),
    )


def _moved(deadline: Deadline, kind: str, detail: str, due: date) -> Deadline:
    return Deadline(deadline.name, due, (*deadline.steps, Step(kind, detail, due)))


def _adjusted(ctx: Context, clock: dict[str, Deadline], dates: PathwayDates) -> dict[str, Deadline]:
    limit, extended = None, clock.get("certificate_by")
    for item in sorted(dates.adjustments, key=lambda adjustment: adjustment.starts_on):
        if item.kind == EXTENSION:
            limit = limit or _extension_limit(ctx, dates)
            extended = _extended_only(extended, item, limit)
            clock = _extend(clock, item)
        else:
            clock = _suspend(clock, item)
    return clock


def _extension_limit(ctx: Context, dates: PathwayDates) -> date:
    return add_months(dates.permit_ordered_on, ctx.number("certificate_delay_extended_maximum"))


def _extended_only(current: Deadline | None, item: Adjustment, limit: date) -> Deadline | None:
    # The maximum bounds what extensions granted; suspensions stop the clock on top of it.
    if current is None or item.months is None:
        return current
    due = add_months(current.due_on, item.months)
    if due > limit:
        raise ExtensionLimitExceeded(due, limit)
    return _moved(current, EXTENSION, item.reason, due)


def _extend(clock: dict[str, Deadline], item: Adjustment) -> dict[str, Deadline]:
    months = item.months or 0
    detail = f"extension of {months} months granted on {item.starts_on.isoformat()}: {item.reason}"
    moved = {
        name: _moved(clock[name], EXTENSION, detail, add_months(clock[name].due_on, months))
        for name in ("certificate_by", "agreement_ends_on")
        if name in clock
    }
    return clock | moved


def _suspend(clock: dict[str, Deadline], item: Adjustment) -> dict[str, Deadline]:
    days, detail = _period(item)
    names = ("present_by",) if item.kind == FORCE_MAJEURE else tuple(clock)
    moved = {
        name: _moved(clock[name], item.kind, detail, add_days(clock[name].due_on, days))
        for name in names
        if name in clock and clock[name].due_on >= item.starts_on
    }
    return clock | moved


def _period(item: Adjustment) -> tuple[int, str]:
    until = item.until or item.starts_on
    days = inclusive_days(item.starts_on, until)
    span = f"{item.starts_on.isoformat()} to {until.isoformat()}"
    return days, f"{item.kind} {span} (+{days} days): {item.reason}"


def _evaluations(
    ctx: Context, dates: PathwayDates, clock: dict[str, Deadline]
) -> tuple[Deadline, ...]:
    interval = ctx.number("evaluation_interval")
    anchor, label = dates.agreement_signed_on, "agreement signed on"
    assert anchor is not None  # noqa: S101 - only called with a signed agreement
    found: list[Deadline] = []
    for held in sorted(dates.evaluations_held):
        due = _evaluation_due(dates, anchor, label, interval, len(found) + 1)
        step = Step("evaluation_held", f"held on {held.isoformat()}", held)
        found.append(Deadline(due.name, due.due_on, (*due.steps, step)))
        anchor, label = held, "evaluation held on"
    end = (clock.get("certificate_by") or clock["agreement_ends_on"]).due_on
    planned = _evaluation_due(dates, anchor, label, interval, len(found) + 1)
    found.append(Deadline("next_evaluation_by", planned.due_on, planned.steps))
    while planned.due_on <= end:
        found.append(planned)
        planned = _evaluation_due(
            dates, planned.due_on, "evaluation planned on", interval, len(found)
        )
    return tuple(found)


def _evaluation_due(
    dates: PathwayDates, anchor: date, label: str, interval: int, number: int
) -> Deadline:
    due = add_months(anchor, interval)
    deadline = Deadline(
        f"evaluation_{number}_by",
        due,
        (
            Step(
                "base",
                f"{label} {anchor.isoformat()} + evaluation_interval ({interval} months)",
                due,
            ),
        ),
    )
    for item in sorted(dates.adjustments, key=lambda adjustment: adjustment.starts_on):
        if (
            item.kind == SUSPENSION
            and anchor < item.starts_on <= deadline.due_on
            and item.until is not None
        ):
            days, detail = _period(item)
            deadline = _moved(deadline, SUSPENSION, detail, add_days(deadline.due_on, days))
    return deadline


def _check(dates: PathwayDates, *, certificate: bool) -> None:
    for index, item in enumerate(dates.adjustments):
        where = f"adjustments[{index}]"
        if item.kind not in ADJUSTMENT_KINDS:
            raise RulesInputError(f"{where}.kind", f"unknown adjustment {item.kind!r}")
        if not item.reason.strip():
            raise RulesInputError(f"{where}.reason", "every adjustment is recorded with its reason")
        if item.kind == EXTENSION and not certificate:
            raise RulesInputError(
                f"{where}.kind", "no certificate deadline to extend under this regime"
            )
        if item.kind == EXTENSION and (item.months is None or item.months <= 0):
            raise RulesInputError(
                f"{where}.months", "an extension needs a positive number of months"
            )
        if item.kind != EXTENSION and (item.until is None or item.until < item.starts_on):
            raise RulesInputError(
                f"{where}.until", "a period needs a last day on or after its first day"
            )


# Waiting lists: time on a partner's waiting list, the Region's offer lacking, does
# not run against the person. Each waiting period of a track of the agreement is a suspension;
# since a suspension stops every running deadline, each moved deadline comes from its own
# evaluation: a track's deadline from the clock with that track's periods, the certificate
# deadline from the clock with all of them (overlaps counted once), the others without them.
WaitingPeriod = tuple[date, date]  # first and last day on the list
TRACK_DEADLINES = {"french": "french_by", "citizenship": "citizenship_by"}
CERTIFICATE = "certificate_by"


def merged_periods(periods: Iterable[WaitingPeriod]) -> list[WaitingPeriod]:
    merged: list[WaitingPeriod] = []
    for start, end in sorted(periods):
        if merged and start <= add_days(merged[-1][1], 1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def legal_clock_with_waiting(
    dates: PathwayDates,
    *,
    on: date,
    waiting: Mapping[str, Iterable[WaitingPeriod]],
    parameters: ParameterSet | None = None,
) -> Outcome:
    """The clock with each track's and the certificate's deadline moved by waiting time."""
    periods = {track: merged_periods(found) for track, found in waiting.items() if found}
    outcome = legal_clock(dates, on=on, parameters=parameters)
    if not periods:
        return outcome
    moved: dict[str, Deadline | None] = {}
    for track, name in TRACK_DEADLINES.items():
        if track in periods:
            reason = f"waiting list for the {track} track: the Region's offer is lacking"
            moved[name] = _waited(
                dates, on, name, periods[track], reason=reason, parameters=parameters
            )
    every = merged_periods(p for found in periods.values() for p in found)
    reason = "waiting list of a partner body: the Region's offer is lacking"
    moved[CERTIFICATE] = _waited(
        dates, on, CERTIFICATE, every, reason=reason, parameters=parameters
    )
    deadlines = tuple(moved.get(d.name) or d for d in outcome.deadlines)
    return replace(outcome, deadlines=deadlines)


def _waited(
    dates: PathwayDates,
    on: date,
    name: str,
    periods: Iterable[WaitingPeriod],
    *,
    reason: str,
    parameters: ParameterSet | None,
) -> Deadline | None:
    waits = tuple(
        Adjustment(kind=SUSPENSION, reason=reason, starts_on=start, until=end)
        for start, end in periods
    )
    with_waiting = replace(dates, adjustments=dates.adjustments + waits)
    return legal_clock(with_waiting, on=on, parameters=parameters).deadline(name)
