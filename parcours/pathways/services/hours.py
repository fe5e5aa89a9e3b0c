"""What new hours change on the files: the first hours move an agreed pathway into training,
every batch leaves a line on the timeline, and the completion flag is recomputed by the rules
engine reading the ledger (pathways.services.clock.completion_outcome). Called by casework
when the training ledger records hours."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.db.models import Case, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from parcours.accounts.models import User
from parcours.pathways.enums import EventKind, Status
from parcours.pathways.loading import files_with_file
from parcours.pathways.models import Pathway, PathwayEvent
from parcours.pathways.services.clock import COMPLETE, completion_outcome
from parcours.pathways.services.status import pathway_transition
from parcours.pathways.urgency import pathway_urgency_refresh


@dataclass(frozen=True)
class HoursChange:
    """New hours on one file: the first day they cover, and the line for its timeline."""

    first_on: date
    summary: str


def pathways_hours_recorded(*, changes: Mapping[int, HoursChange], actor: User | None) -> None:
    """Set-based: a fixed number of queries whatever the size of the class."""
    if not changes:
        return
    for pathway in Pathway.objects.filter(pk__in=changes, status=Status.AGREED):
        pathway_transition(
            pathway=pathway,
            to=Status.IN_TRAINING,
            actor=actor,
            on=changes[pathway.pk].first_on,
            reason=_("First training hours recorded."),
        )
    PathwayEvent.objects.bulk_create(
        PathwayEvent(pathway_id=pk, kind=EventKind.HOURS, summary=change.summary[:300], actor=actor)
        for pk, change in changes.items()
    )
    completion_refresh(pathway_ids=set(changes))


def completion_refresh(*, pathway_ids: set[int]) -> None:
    complete = []
    for pathway in files_with_file(list(pathway_ids)):
        outcome = completion_outcome(pathway)
        if outcome is not None and outcome.status == COMPLETE:
            complete.append(pathway.pk)
    Pathway.objects.filter(pk__in=pathway_ids).update(
        ready_for_certificate=Case(When(pk__in=complete, then=Value(True)), default=Value(False))
    )
    pathway_urgency_refresh(Pathway.objects.filter(pk__in=pathway_ids), today=timezone.localdate())
