"""A list leaves Parcours as a file only after one access row per person in it is written:
the staff lists and the partner portal's lists all download through here."""

from collections.abc import Iterable

from django.http import HttpResponse

from parcours.accounts.models import User
from parcours.audit.enums import AccessKind
from parcours.audit.services import access_record_many
from parcours.core.exports import Sheet
from parcours.core.lists import EXPORTS
from parcours.people.models import Person


def export_response(
    *, user: User, people: Iterable[Person], sheet: Sheet, file_format: str, filename: str
) -> HttpResponse:
    """The file, after one access row per person in it is written (the audit)."""
    access_record_many(user=user, people=list(people), what=AccessKind.LIST_EXPORT)
    return EXPORTS[file_format](sheet, filename)
