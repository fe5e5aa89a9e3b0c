"""The stored pace flag of the files (`Pathway.behind_pace`), written as a set: the flag is
computed by casework.pace from the training ledger, the pathways domain owns the column."""

from collections.abc import Collection

from parcours.pathways.models import Pathway


def pathways_pace_mark(*, behind: Collection[int], on_pace: Collection[int]) -> int:
    """Two UPDATEs whatever the number of files; only the rows that change are written."""
    changed = Pathway.objects.filter(pk__in=behind, behind_pace=False).update(behind_pace=True)
    changed += Pathway.objects.filter(pk__in=on_pace, behind_pace=True).update(behind_pace=False)
    return changed
