"""What every list of the staff pages and the partner portal shares: sorting by a column
named in the URL (`?sort=name`, `?sort=-name`; only the keys a list declares, never a field
name from the URL) and the choice of an export format (`?export=csv`). The audited export
itself is `parcours.audit.exports.export_response`."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.http import HttpRequest

from parcours.core.exports import csv_response, xlsx_response

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

    @property
    def value(self) -> str:
        """The `sort` value that gives this order again (a hidden field of a filter form)."""
        return f"-{self.key}" if self.descending else self.key


def sorting(request: HttpRequest, columns: Mapping[str, Sequence[str]], default: str) -> Sorting:
    """`columns`: the URL key of each sortable column and the model fields it orders by. An
    unknown key is the default order (a hand-edited URL is no error)."""
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
