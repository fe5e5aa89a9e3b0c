"""Keeps the pathway's copies of its legal clock and completion up to date (rules engine).

Time on a partner's waiting list (the Region's offer is lacking) does not run against the
person: each waiting period of an enrolment in a track of the agreement is fed to the rules as
a suspension (`rules.formulas.deadlines.legal_clock_with_waiting`: a track's deadline moves by
that track's waiting time, the certificate deadline by all of it, overlaps counted once)."""

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from parcours.core.bulk import rows_update
from parcours.pathways.facts import pathway_dates, progress
from parcours.pathways.loading import files_with_file, reload
from parcours.pathways.models import Decision, Pathway
from parcours.pathways.urgency import urgency_apply
from parcours.rules import Outcome, RulesError, completion
from parcours.rules.formulas.deadlines import (
    WaitingPeriod,
    legal_clock_with_waiting,
    merged_periods,
)
from parcours.training.ledger import pathway_enrolments

COMPLETE = "complete"
Period = WaitingPeriod


def waiting_periods(
    pathway: Pathway, tracks: Iterable[str], today: date
) -> dict[str, list[Period]]:
    """Days spent on a waiting list per track of the agreement: from the day the partner put
    the person on it to the day before it ended (or today while it lasts), overlaps merged."""
    found: dict[str, list[Period]] = {}
    if pathway.pk is None:  # a file not saved yet (bulk import): no enrolment
        return found
    for enrolment in pathway_enrolments(pathway):
        if enrolment.waiting_from is None or enrolment.track not in tracks:
            continue
        until = (enrolment.waiting_until or today) - timedelta(days=1)
        if until >= enrolment.waiting_from:
            found.setdefault(enrolment.track, []).append((enrolment.waiting_from, until))
    return {track: merged_periods(periods) for track, periods in found.items()}


def clock_outcome(pathway: Pathway, *, strict: bool = False) -> Outcome | None:
    """The legal clock with every step that made each deadline, or None without the facts
    (`strict`: the rules' refusal is raised, for a service to explain it)."""
    dates = pathway_dates(pathway)
    if dates is None:
        return None
    governing = dates.agreement_signed_on or dates.registered_on
    periods = waiting_periods(pathway, dates.tracks, timezone.localdate())
    try:
        # The same rule function as the clock contract (`parcours clock`, POST /api/v1/clock).
        return legal_clock_with_waiting(dates, on=governing, waiting=periods)
    except RulesError:
        if strict:
            raise
        return None


def completion_outcome(pathway: Pathway) -> Outcome | None:
    """Governing date: the agreement's signature (its regime sets the minimums)."""
    if pathway.agreed_on is None:
        return None
    try:
        return completion(progress(pathway), on=pathway.agreed_on)
    except RulesError:
        return None


def _due(outcome: Outcome | None, name: str, fallback: date | None = None) -> date | None:
    deadline = outcome.deadline(name) if outcome else None
    return deadline.due_on if deadline else fallback


def _decided(deadlines: Mapping[str, object], name: str) -> date | None:
    raw = deadlines.get(name)
    return date.fromisoformat(raw) if isinstance(raw, str) else None


def derived_columns(pathway: Pathway, decided: Mapping[str, object]) -> dict[str, object]:
    """The pathway's copies of its clock and completion, from a pathway loaded with its file
    (`pathways_with_file`, `files_with_file`) and the deadlines of its current obligation
    decision."""
    clock = clock_outcome(pathway)
    done = completion_outcome(pathway)
    return {
        "present_by": _due(clock, "present_by", _decided(decided, "present_by")),
        "certificate_by": _due(clock, "certificate_by", _decided(decided, "certificate_by")),
        "next_evaluation_by": _due(clock, "next_evaluation_by"),
        "agreement_ends_on": _due(clock, "agreement_ends_on"),
        "ready_for_certificate": done is not None and done.status == COMPLETE,
    }


def pathway_refresh(*, pathway: Pathway) -> Pathway:
    """Derived columns only: no event (the facts that moved them have their own)."""
    pathway = reload(pathway)
    decision = Decision.objects.filter(pathway=pathway, rule="obligation", is_current=True).first()
    values = derived_columns(pathway, decision.deadlines if decision else {})
    for name, value in values.items():
        setattr(pathway, name, value)
    values |= urgency_apply(pathway, timezone.localdate())
    # A fact moved: the nightly sweep reads the file's hours pace again (casework.pace).
    pathway.pace_check_on = values["pace_check_on"] = None
    Pathway.objects.filter(pk=pathway.pk).update(**values)
    return pathway


REFRESH_CHUNK = 500
_DERIVED = ("present_by", "certificate_by", "next_evaluation_by", "agreement_ends_on")


def pathways_refresh(*, ids: list[int]) -> int:
    """`pathway_refresh` for many files, set-based: each chunk of files is loaded with its
    file in a fixed number of queries (`files_with_file`), with the deadlines of its
    current obligation decisions in one more, and only the files whose columns moved are
    written, in one UPDATE per chunk (`core.bulk.rows_update`). Each chunk commits on its
    own: a run stopped half-way keeps what it did, and the next run (idempotent) goes on.
    Returns how many files moved."""
    moved = 0
    for start in range(0, len(ids), REFRESH_CHUNK):
        chunk = ids[start : start + REFRESH_CHUNK]
        with transaction.atomic():
            moved += _refresh_chunk(chunk)
    return moved


def _refresh_chunk(chunk: list[int]) -> int:
    decided = dict(
        Decision.objects.filter(
            pathway_id__any_of=chunk, rule="obligation", is_current=True
        ).values_list("pathway_id", "deadlines")
    )
    changed: list[Pathway] = []
    urgency: tuple[str, ...] = ()
    today = timezone.localdate()
    for pathway in files_with_file(chunk):
        values = derived_columns(pathway, decided.get(pathway.pk) or {})
        if any(getattr(pathway, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(pathway, name, value)
            # No save(): the worklist's stored task follows the new dates here.
            urgency = tuple(urgency_apply(pathway, today))
            changed.append(pathway)
    if changed:
        rows_update(changed, [*_DERIVED, "ready_for_certificate", *urgency])
    return len(changed)
