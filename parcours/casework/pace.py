"""Which files are behind the hours pace, from the training ledger (the person page's own
reading, `training.ledger.track_lines`), stored on the file for the worklist. Read in chunks
with what the ledger reads (`files_for_pace`): a fixed number of queries per chunk,
whatever its history.

The hours owed grow with the days, but a file on pace falls behind on a day its ledger
knows (`TrackLine.behind_from`): the file keeps that day (`Pathway.pace_check_on`) and the
nightly sweep reads it again then, not every night. A file behind stays behind while its
facts stay (the hours owed only grow): the hours that bring it back are recorded through
`casework.hours`, which reads its pace at once, so the sweep reads it again within the week
like the others (every night, it was 9.2 of a steady night's 11.5 s at 500,000 people,
most of the synthetic region being behind). None waits more than `RECHECK_DAYS`, so that what no
service signals (a rules version that changes the threshold) is seen within the week; each
file on a weekday of its own (by its key), so that a night reads a seventh of them, not all
of them a week after the first. The services that move a fact empty the day (a status,
`pathway_refresh`, a French level; recorded hours compute it again). A night's reading
that races such a change can write back a day computed before it: the week bounds that."""

from collections.abc import Iterable
from datetime import date, timedelta

from django.db.models import Q

from parcours.pathways.loading import files_for_pace
from parcours.pathways.models import Pathway
from parcours.pathways.services.pace import pathways_pace_mark
from parcours.pathways.urgency import RUNNING
from parcours.training.selectors import pathway_ledger

CHUNK = 2000
RECHECK_DAYS = 7


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def pace_refresh(*, pathway_ids: Iterable[int], today: date) -> int:
    """Recomputes the flag of these files (a file not running an agreement is on pace) and
    the day each is read again (none for a file behind, read every night, or not running);
    only the days that move are written."""
    changed = 0
    for chunk in _chunks(sorted(set(pathway_ids))):
        behind: list[int] = []
        on_pace: list[int] = []
        check_on: dict[int, date | None] = {}
        for found in files_for_pace(chunk):
            late, day = _read(found.as_pathway(), today)
            (behind if late else on_pace).append(found.pk)
            if day != found.pace_check_on:
                check_on[found.pk] = day
        seen = {*behind, *on_pace}
        on_pace += [pk for pk in chunk if pk not in seen]
        changed += pathways_pace_mark(behind=behind, on_pace=on_pace, check_on=check_on)
    return changed


def _read(pathway: Pathway, today: date) -> tuple[bool, date | None]:
    """Whether the file is behind pace, and the day its pace is read again."""
    if pathway.status not in RUNNING:
        return False, None
    lines = pathway_ledger(pathway=pathway, today=today)
    offset = (pathway.pk - today.toordinal()) % RECHECK_DAYS  # its weekday's
    latest = today + timedelta(days=offset or RECHECK_DAYS)
    if any(line.behind_pace for line in lines):
        return True, latest  # behind until its facts move: the services read it then
    days = [line.behind_from for line in lines if line.behind_from is not None]
    return False, max(min([*days, latest]), today + timedelta(days=1))


def pace_sweep(*, today: date) -> int:
    """The nightly pass: every running file with a signed agreement whose day to be read
    again has come (or that has none: a service changed its facts), and any flag left on a
    file no longer running, which is cleared."""
    due = Q(pace_check_on__isnull=True) | Q(pace_check_on__lte=today)
    running = Pathway.objects.filter(due, status__in=RUNNING, agreements__signed_on__isnull=False)
    stale = Pathway.objects.filter(behind_pace=True).exclude(status__in=RUNNING)
    ids = set(running.values_list("pk", flat=True)) | set(stale.values_list("pk", flat=True))
    return pace_refresh(pathway_ids=ids, today=today)
