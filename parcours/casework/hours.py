"""The reaction of the files to recorded hours (registered with the training ledger when the
casework app is ready): the training domain records, the pathways domain reacts."""

from django.utils import timezone

from parcours.accounts.models import User
from parcours.casework.pace import pace_refresh
from parcours.pathways.services.hours import HoursChange, pathways_hours_recorded
from parcours.training.services.effects import FileChange


def files_after_hours(changes: dict[int, FileChange], actor: User | None) -> None:
    pathways_hours_recorded(
        changes={pk: HoursChange(c.first_on, c.summary) for pk, c in changes.items()},
        actor=actor,
    )
    pace_refresh(pathway_ids=changes.keys(), today=timezone.localdate())
