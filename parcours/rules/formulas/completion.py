"""Can the certificate be issued? (CWASS art. 152 ff.) The welcome module must be done, the
citizenship hours met, and the French and orientation obligations of the agreement met.
Reaching the French exit level (A2) ends the French track; attending the minimum hours without
reaching it also completes the track — it is not a breach (domain.md, "The pathway", 5)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from parcours.rules.engine import Context, Outcome, evaluate, rule
from parcours.rules.errors import RulesInputError
from parcours.rules.loader import CEFR_LEVELS, ParameterSet
from parcours.rules.reasons import Reason, reason

COMPLETION = "completion"
COMPLETE, INCOMPLETE = "complete", "incomplete"


@dataclass(frozen=True, slots=True)
class Progress:
    welcome_done: tuple[str, ...]
    tracks: tuple[str, ...]  # tracks in the agreement; citizenship counts even if omitted
    hours: Mapping[str, float] = field(default_factory=dict)
    french_level: str | None = None  # highest CEFR level attested, if any


def completion(progress: Progress, *, on: date, parameters: ParameterSet | None = None) -> Outcome:
    """`on` is the governing date: the regime of the agreement sets its minimums."""
    return evaluate(COMPLETION, progress, on=on, parameters=parameters)


@rule(COMPLETION, since="2014")
def completion_2014(ctx: Context, progress: Progress) -> Outcome:
    # 2014: the welcome module is the only obligation.
    return _result(ctx, _welcome(ctx, progress))


@rule(COMPLETION, since="2016")
def completion_2016(ctx: Context, progress: Progress) -> Outcome:
    missing = _welcome(ctx, progress) + _tracks(ctx, progress, exit_level=None)
    return _result(ctx, missing)


@rule(COMPLETION, since="2018")
def completion_2018(ctx: Context, progress: Progress) -> Outcome:
    # 8 Nov 2018 decree: the French level test; reaching A2 ends the French obligation.
    exit_level = str(ctx.read("french_exit_level").value)
    missing = _welcome(ctx, progress) + _tracks(ctx, progress, exit_level=exit_level)
    return _result(ctx, missing)


def _result(ctx: Context, missing: tuple[Reason, ...]) -> Outcome:
    return ctx.outcome(INCOMPLETE if missing else COMPLETE, missing)


def _welcome(ctx: Context, progress: Progress) -> tuple[Reason, ...]:
    parts = ctx.read("welcome_module_parts").value
    assert isinstance(parts, tuple)  # noqa: S101 - guaranteed by the loader (unit: codes)
    return tuple(
        reason(f"welcome_{part}_missing") for part in parts if part not in progress.welcome_done
    )


def _tracks(ctx: Context, progress: Progress, *, exit_level: str | None) -> tuple[Reason, ...]:
    allowed = ctx.read("agreement_tracks").value
    assert isinstance(allowed, tuple)  # noqa: S101 - guaranteed by the loader (unit: codes)
    unknown = sorted(set(progress.tracks) - set(allowed))
    if unknown:
        raise RulesInputError(
            "tracks", f"not a track of the agreement under this regime: {', '.join(unknown)}"
        )
    required = ctx.members("agreement_compulsory_tracks") | set(progress.tracks)
    found: list[Reason] = []
    for track in (track for track in allowed if track in required):
        found.extend(_track(ctx, progress, track, exit_level))
    return tuple(found)


def _track(
    ctx: Context, progress: Progress, track: str, exit_level: str | None
) -> tuple[Reason, ...]:
    required = ctx.number(f"{track}_minimum_hours")
    done = progress.hours.get(track, 0)
    if done >= required:
        return ()
    if track != "french":
        return (reason(f"{track}_hours_missing", done=_hours(done), required=required),)
    if exit_level is None:
        return (reason("french_hours_missing", done=_hours(done), required=required),)
    if _reached(progress.french_level, exit_level):
        return ()
    return (reason("french_track_open", done=_hours(done), required=required, level=exit_level),)


def _reached(level: str | None, exit_level: str) -> bool:
    return level is not None and CEFR_LEVELS.index(level) >= CEFR_LEVELS.index(exit_level)


def _hours(value: float) -> str:
    return f"{value:g}"
