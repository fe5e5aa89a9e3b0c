"""The one service that changes a pathway's status (DESIGN.md, "Pathway states")."""

from datetime import date

from parcours.accounts.models import User
from parcours.pathways.enums import Status
from parcours.pathways.models import Pathway
from parcours.pathways.services.status_core import transition_write


def pathway_transition(
    *, pathway: Pathway, to: Status, actor: User | None, reason: str, on: date | None = None
) -> Pathway:
    """A status change asked for by a person; the statuses of SERVICE_ONLY are refused here
    (their owning services enter them through `status_owned`)."""
    return transition_write(
        pathway=pathway, to=to, actor=actor, reason=reason, on=on, by_service=False
    )
