"""Keeps the pathway's copies of its legal clock and completion up to date (rules engine)."""

from collections.abc import Mapping
from datetime import date

from parcours.pathways.facts import pathway_dates, progress
from parcours.pathways.loading import reload
from parcours.pathways.models import Decision, Pathway
from parcours.rules import Outcome, RulesError, completion, legal_clock

COMPLETE = "complete"


def clock_outcome(pathway: Pathway, *, strict: bool = False) -> Outcome | None:
    """The legal clock with every step that made each deadline, or None without the facts
    (`strict`: the rules' refusal is raised, for a service to explain it)."""
    dates = pathway_dates(pathway)
    if dates is None:
        return None
    governing = dates.agreement_signed_on or dates.registered_on
    try:
        return legal_clock(dates, on=governing)
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
    (`pathways_with_file`) and the deadlines of its current obligation decision."""
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
    Pathway.objects.filter(pk=pathway.pk).update(**values)
    for name, value in values.items():
        setattr(pathway, name, value)
    return pathway
