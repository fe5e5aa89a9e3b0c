"""A figure as a table of counts: rows by one category, columns by another (or by centre,
for the comparison of centres). `crosstab` turns one grouped query into a table."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.formats import date_format
from django_stubs_ext import StrPromise

Label = str | StrPromise
# A count of people, or (in a table of measures, past the first column) a median or hours.
Value = int | float | None


@dataclass(frozen=True)
class Table:
    """`additive`: the cells of a row (and of a column) add up to a published total, so the
    totals are shown and suppression must protect them. A non-additive table (a funnel, where
    one person counts at every stage reached) publishes no totals."""

    key: str
    title: str
    row_header: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[Value, ...]], ...]
    additive: bool = True
    # The first column counts people and the others are measures of them (a median, hours):
    # the measures of a row are published only when its count is.
    measures: bool = False

    @property
    def values(self) -> list[list[int]]:
        """The counts as integers (a measure missing for want of people is 0 here)."""
        return [[int(cell or 0) for cell in cells] for _, cells in self.rows]


def crosstab(
    found: Iterable[Mapping[str, Any]],
    *,
    rows: Mapping[Any, Label],
    columns: Mapping[Any, Label],
    row_field: str = "row",
    column_field: str = "col",
    keep_empty_rows: bool = True,
) -> tuple[tuple[str, ...], tuple[tuple[str, tuple[int, ...]], ...]]:
    """`found` yields {row, col, n} dicts. Keys not in `rows`/`columns` are kept at the end,
    labelled by their own value, so that no person is dropped from a figure."""
    counts: dict[tuple[Any, Any], int] = {}
    row_keys, col_keys = list(rows), list(columns)
    for line in found:
        row, col = line[row_field], line[column_field]
        counts[(row, col)] = counts.get((row, col), 0) + int(line["n"])
        _remember(row_keys, row)
        _remember(col_keys, col)
    labels = [_label(columns, key) for key in col_keys]
    table = [
        (_label(rows, row), tuple(counts.get((row, col), 0) for col in col_keys))
        for row in row_keys
    ]
    if not keep_empty_rows:
        table = [line for line in table if any(line[1])]
    return tuple(labels), tuple(table)


def _remember(keys: list[Any], key: Any) -> None:
    if key not in keys:
        keys.append(key)


def _label(labels: Mapping[Any, Label], key: Any) -> str:
    if key in labels:
        return str(labels[key])
    if isinstance(key, date):  # a month of TruncMonth: "mars 2026", never an ISO date
        return date_format(key, "YEAR_MONTH_FORMAT")
    return "—" if key in (None, "") else str(key)


def single(values: Iterable[tuple[str, int]]) -> tuple[tuple[str, tuple[int, ...]], ...]:
    return tuple((label, (count,)) for label, count in values)


def ordered(keys: Sequence[Any], labels: Mapping[Any, Label] | None = None) -> dict[Any, str]:
    return {key: str((labels or {}).get(key, key)) for key in keys}
