"""The stored pace of the files (`Pathway.behind_pace`, and `pace_check_on`, the day the
sweep reads it again), written as a set: computed by casework.pace from the training
ledger, the pathways domain owns the columns."""

from collections.abc import Collection, Mapping
from datetime import date

from parcours.core.bulk import keys_update
from parcours.pathways.models import Pathway


def pathways_pace_mark(
    *, behind: Collection[int], on_pace: Collection[int], check_on: Mapping[int, date | None]
) -> int:
    """Two UPDATEs for the flags whatever the number of files (only the rows that change
    are written), and one per batch for the days in `check_on` (those that moved). Returns
    how many flags changed."""
    changed = Pathway.objects.filter(pk__any_of=behind, behind_pace=False).update(behind_pace=True)
    changed += Pathway.objects.filter(pk__any_of=on_pace, behind_pace=True).update(
        behind_pace=False
    )
    keys_update(Pathway, ["pace_check_on"], {pk: (day,) for pk, day in check_on.items()})
    return changed


def pathways_pace_forget(*, pathway_ids: Collection[int]) -> None:
    """A fact of their pace moved (a French level corrected): the sweep reads these files'
    pace tonight."""
    Pathway.objects.filter(pk__any_of=pathway_ids).update(pace_check_on=None)
