"""Plain-data (JSON or YAML) forms of the legal-clock and completion situations, used by the
casebook and by `DecisionRecord.replay`. Dates may be ISO texts or `date` objects."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from parcours.rules.errors import RulesInputError
from parcours.rules.formulas.completion import Progress
from parcours.rules.formulas.deadlines import Adjustment, PathwayDates


def pathway_dates_from_dict(data: Mapping[str, object]) -> PathwayDates:
    return PathwayDates(
        registered_on=_date(data.get("registered_on"), "registered_on"),
        permit_ordered_on=_date(data.get("permit_ordered_on"), "permit_ordered_on"),
        agreement_signed_on=_optional_date(data.get("agreement_signed_on"), "agreement_signed_on"),
        tracks=_texts(data.get("tracks", []), "tracks"),
        evaluations_held=tuple(
            _date(item, f"evaluations_held[{index}]")
            for index, item in enumerate(
                _list(data.get("evaluations_held", []), "evaluations_held")
            )
        ),
        adjustments=tuple(
            _adjustment(item, index)
            for index, item in enumerate(_list(data.get("adjustments", []), "adjustments"))
        ),
    )


def pathway_dates_to_dict(dates: PathwayDates) -> dict[str, object]:
    return {
        "registered_on": dates.registered_on.isoformat(),
        "permit_ordered_on": dates.permit_ordered_on.isoformat(),
        "agreement_signed_on": _iso(dates.agreement_signed_on),
        "tracks": list(dates.tracks),
        "evaluations_held": [held.isoformat() for held in dates.evaluations_held],
        "adjustments": [
            {
                "kind": item.kind,
                "reason": item.reason,
                "starts_on": item.starts_on.isoformat(),
                "months": item.months,
                "until": _iso(item.until),
            }
            for item in dates.adjustments
        ],
    }


def progress_from_dict(data: Mapping[str, object]) -> Progress:
    hours = data.get("hours", {})
    if not isinstance(hours, dict):
        raise RulesInputError("hours", "expected a mapping of track to hours")
    level = data.get("french_level")
    if level is not None and not isinstance(level, str):
        raise RulesInputError("french_level", "expected a CEFR level such as A2")
    return Progress(
        welcome_done=_texts(data.get("welcome_done", []), "welcome_done"),
        tracks=_texts(data.get("tracks", []), "tracks"),
        hours={str(track): _hours(value, f"hours.{track}") for track, value in hours.items()},
        french_level=level,
    )


def progress_to_dict(progress: Progress) -> dict[str, object]:
    return {
        "welcome_done": list(progress.welcome_done),
        "tracks": list(progress.tracks),
        "hours": dict(progress.hours),
        "french_level": progress.french_level,
    }


def _adjustment(raw: object, index: int) -> Adjustment:
    where = f"adjustments[{index}]"
    if not isinstance(raw, dict):
        raise RulesInputError(where, "expected a mapping")
    months = raw.get("months")
    if months is not None and (isinstance(months, bool) or not isinstance(months, int)):
        raise RulesInputError(f"{where}.months", "expected a whole number of months")
    return Adjustment(
        kind=str(raw.get("kind")),
        reason=str(raw.get("reason") or ""),
        starts_on=_date(raw.get("starts_on"), f"{where}.starts_on"),
        months=months,
        until=_optional_date(raw.get("until"), f"{where}.until"),
    )


def _date(value: object, field: str) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise RulesInputError(field, "expected a date YYYY-MM-DD")


def _optional_date(value: object, field: str) -> date | None:
    return None if value is None else _date(value, field)


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _list(value: object, field: str) -> list[object]:
    if not isinstance(value, list):
        raise RulesInputError(field, "expected a list")
    return value


def _texts(value: object, field: str) -> tuple[str, ...]:
    items = _list(value, field)
    if not all(isinstance(item, str) for item in items):
        raise RulesInputError(field, "expected a list of codes")
    return tuple(str(item) for item in items)


def _hours(value: object, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise RulesInputError(field, "expected a number of hours >= 0")
    return float(value)
