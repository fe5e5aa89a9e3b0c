"""Which files are behind the hours pace, from the training ledger (the person page's own
reading, `training.ledger.track_lines`), stored on the file for the worklist. Read in chunks
with what the ledger reads (`files_for_pace`): a fixed number of queries per chunk,
whatever its history."""

from collections.abc import Iterable
from datetime import date

from parcours.pathways.loading import files_for_pace
from parcours.pathways.models import Pathway
from parcours.pathways.services.pace import pathways_pace_mark
from parcours.pathways.urgency import RUNNING
from parcours.training.selectors import pathway_ledger

CHUNK = 2000


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def pace_refresh(*, pathway_ids: Iterable[int], today: date) -> int:
    """Recomputes the flag of these files (a file not running an agreement is on pace)."""
    changed = 0
    for chunk in _chunks(sorted(set(pathway_ids))):
        behind: list[int] = []
        on_pace: list[int] = []
        for found in files_for_pace(chunk):
            pathway = found.as_pathway()
            lines = (
                pathway_ledger(pathway=pathway, today=today) if pathway.status in RUNNING else []
            )
            (behind if any(line.behind_pace for line in lines) else on_pace).append(pathway.pk)
        seen = {*behind, *on_pace}
        on_pace += [pk for pk in chunk if pk not in seen]
        changed += pathways_pace_mark(behind=behind, on_pace=on_pace)
    return changed


def pace_sweep(*, today: date) -> int:
    """The nightly pass: the pace owed grows with the days, so every running file with a
    signed agreement is read again, and any flag left on a file no longer running is cleared."""
    running = Pathway.objects.filter(status__in=RUNNING, agreements__signed_on__isnull=False)
    stale = Pathway.objects.filter(behind_pace=True).exclude(status__in=RUNNING)
    ids = set(running.values_list("pk", flat=True)) | set(stale.values_list("pk", flat=True))
    return pace_refresh(pathway_ids=ids, today=today)
