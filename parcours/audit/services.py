from collections.abc import Iterable

from parcours.accounts.models import User
from parcours.audit.enums import AccessKind
from parcours.audit.models import AccessEvent, StatisticsExport
from parcours.audit.reads import access_rows_insert, reads_recorded
from parcours.people.models import Person


def access_record(*, user: User | None, person: Person, what: AccessKind | str) -> AccessEvent:
    """Every view or export of a person's data calls this (DESIGN.md, data model: audit);
    `user` None: the person read their own data, in their personal space."""
    reads_recorded([person.pk])
    return AccessEvent.objects.create(user=user, person=person, what=AccessKind(what))


def access_record_many(*, user: User, people: Iterable[Person], what: AccessKind) -> int:
    """One row per person shown on a list (search results, the Region's sanction files)."""
    return _insert([AccessEvent(user=user, person=person, what=what) for person in people])


def access_record_page(
    *, user: User, person: Person, what: AccessKind | str, beside: Iterable[Person], where: str
) -> int:
    """A person's page: their own row (`what`) and a "page" row for each other person it shows
    (the probable duplicates), written together in one INSERT."""
    rows = [AccessEvent(user=user, person=person, what=AccessKind(what))]
    rows += [
        AccessEvent(user=user, person=other, what=AccessKind.PAGE, where=where[:100])
        for other in beside
        if other.pk != person.pk
    ]
    return _insert(rows)


def _insert(rows: list[AccessEvent]) -> int:
    reads_recorded(row.person_id for row in rows)
    return access_rows_insert(rows)


def statistics_export_record(
    *, user: User, figure: str, file_format: str, filters: dict[str, str]
) -> StatisticsExport:
    """Every statistics export is recorded before the file leaves (who, which figure, which
    filters)."""
    return StatisticsExport.objects.create(
        user=user, figure=figure, file_format=file_format, filters=filters
    )
