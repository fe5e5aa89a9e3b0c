from collections.abc import Iterable

from parcours.accounts.models import User
from parcours.audit.enums import AccessKind
from parcours.audit.models import AccessEvent, StatisticsExport
from parcours.people.models import Person


def access_record(*, user: User | None, person: Person, what: AccessKind | str) -> AccessEvent:
    """Every view or export of a person's data calls this (DESIGN.md, data model: audit);
    `user` None: the person read their own data, in their personal space."""
    return AccessEvent.objects.create(user=user, person=person, what=AccessKind(what))


def access_record_many(*, user: User, people: Iterable[Person], what: AccessKind) -> int:
    """One row per person shown on a list (search results, the Region's sanction files)."""
    rows = [AccessEvent(user=user, person=person, what=what) for person in people]
    return len(AccessEvent.objects.bulk_create(rows))


def statistics_export_record(
    *, user: User, figure: str, file_format: str, filters: dict[str, str]
) -> StatisticsExport:
    """Every statistics export is recorded before the file leaves (who, which figure, which
    filters)."""
    return StatisticsExport.objects.create(
        user=user, figure=figure, file_format=file_format, filters=filters
    )
