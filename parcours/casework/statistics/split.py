"""The columns of a figure: its own split (obliged or voluntary, the source…), or the centres
side by side for the Region's comparison ("equality of service")."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, Expression, F, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from parcours.casework.statistics.table import Label, Table, crosstab
from parcours.pathways.enums import Obligation


@dataclass(frozen=True)
class Split:
    expression: Expression | F
    labels: Mapping[Any, Label]


def by_centre_split(prefix: str = "") -> Split:
    return Split(F(f"{prefix}centre__code"), {})


def obliged_or_voluntary(prefix: str = "") -> Split:
    obliged = Q(**{f"{prefix}obligation": Obligation.OBLIGATED, f"{prefix}voluntary": False})
    return Split(
        Case(When(obliged, then=Value("obliged")), default=Value("other")),
        {"obliged": _("Obliged"), "other": _("Voluntary or not obliged")},
    )


def split_for(by_centre: bool, prefix: str = "") -> Split:
    return by_centre_split(prefix) if by_centre else obliged_or_voluntary(prefix)


def fact_split(by_centre: bool) -> Split:
    """The same columns on the rows of `facts`, where being obliged is a column of its own."""
    if by_centre:
        return by_centre_split()
    labels = obliged_or_voluntary().labels
    return Split(Case(When(obliged=True, then=Value("obliged")), default=Value("other")), labels)


def count_table(
    found: "QuerySet[Any]",
    *,
    key: str,
    title: Label,
    row_header: Label,
    row: Expression | F,
    rows: Mapping[Any, Label],
    split: Split,
    count: str = "pk",
    keep_empty_rows: bool = False,
) -> Table:
    """One grouped query: COUNT(DISTINCT count) by (row, column)."""
    grouped = (
        found.annotate(row=row, col=split.expression)
        .values("row", "col")
        .annotate(n=Count(count, distinct=True))
        .order_by("row", "col")
    )
    columns, lines = crosstab(
        grouped, rows=rows, columns=split.labels, keep_empty_rows=keep_empty_rows
    )
    return Table(key, str(title), str(row_header), columns, lines)
