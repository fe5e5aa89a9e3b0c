"""What every staff list shares: sorting by a column named in the URL (`?sort=name`,
`?sort=-name`; only the keys a list declares, never a field name from the URL) and its export
as CSV or XLSX (`?export=csv`) through the one export helper, each export audited."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse

from parcours.accounts.models import User
from parcours.audit.enums import AccessKind
from parcours.audit.services import access_record_many
from parcours.core.exports import Sheet, csv_response, xlsx_response
from parcours.people.models import Person

EXPORTS = {"csv": csv_response, "xlsx": xlsx_response}


@dataclass(frozen=True)
class Sorting:
    key: str  # the column sorted on, as in the URL
    descending: bool
    order_by: tuple[str, ...]

    def param(self, key: str) -> str:
        """The `sort` value of a column's link: the same column again flips the order."""
        return f"-{key}" if key == self.key and not self.descending else key

    def state(self, key: str) -> str:
        """aria-sort of a column header."""
        if key != self.key:
            return "none"
        return "descending" if self.descending else "ascending"


def sorting(request: HttpRequest, columns: Mapping[str, Sequence[str]], default: str) -> Sorting:
    """`columns`: the URL key of each sortable column and the model fields it orders by."""
    asked = str(request.GET.get("sort", default))
    descending = asked.startswith("-")
    key = asked.removeprefix("-")
    if key not in columns:
        key, descending = default, False
    fields = tuple(f"-{f}" if descending and f != "pk" else f for f in columns[key])
    return Sorting(key, descending, fields)


def export_asked(request: HttpRequest) -> str:
    found = str(request.GET.get("export", ""))
    return found if found in EXPORTS else ""


def export_response(
    *, user: User, people: Iterable[Person], sheet: Sheet, file_format: str, filename: str
) -> HttpResponse:
    """The file, after one access row per person in it is written (the audit)."""
    access_record_many(user=user, people=list(people), what=AccessKind.LIST_EXPORT)
    return EXPORTS[file_format](sheet, filename)
