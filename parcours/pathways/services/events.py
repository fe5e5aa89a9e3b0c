from parcours.accounts.models import User
from parcours.pathways.enums import EventKind
from parcours.pathways.models import Pathway, PathwayEvent


def event_record(
    *, pathway: Pathway, kind: EventKind, summary: str, actor: User | None, reason: str = ""
) -> PathwayEvent:
    """Append to the pathway's timeline; every service that changes a file calls this."""
    return PathwayEvent.objects.create(
        pathway=pathway, kind=kind, summary=summary[:300], reason=reason, actor=actor
    )
