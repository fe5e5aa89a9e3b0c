"""Every CSV and XLSX file Parcours hands out is written here, so that every one is safe.

A cell that starts with = + - @, a tab or a carriage return is read as a formula by
spreadsheet programs (CSV injection, OWASP): such text is prefixed with a quote and stays
text. Numbers are written as numbers and never touched.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook

Cell = str | int | float | Decimal | date | None
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Sheet:
    """One table: `about` lines (label, value) come first — the filters, the extraction
    date — then a blank line, the header and the rows."""

    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    about: Sequence[tuple[str, str]] = field(default_factory=tuple)


def neutralise(value: Cell) -> Cell:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _lines(sheet: Sheet) -> Iterable[Sequence[Cell]]:
    yield from ([label, value] for label, value in sheet.about)
    if sheet.about:
        yield []
    yield list(sheet.header)
    yield from sheet.rows


def csv_text(sheet: Sheet) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for line in _lines(sheet):
        writer.writerow(["" if cell is None else neutralise(cell) for cell in line])
    return out.getvalue()


def xlsx_bytes(sheet: Sheet) -> bytes:
    book = Workbook()
    page = book.active
    page.title = sheet.title[:31]  # Excel's limit on a sheet name
    for line in _lines(sheet):
        page.append([neutralise(cell) for cell in line])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_response(sheet: Sheet, filename: str) -> HttpResponse:
    # The byte-order mark makes Excel read the accents of a UTF-8 file.
    response = HttpResponse("\ufeff" + csv_text(sheet), content_type="text/csv; charset=utf-8")
    return _attached(response, f"{filename}.csv")


def xlsx_response(sheet: Sheet, filename: str) -> HttpResponse:
    return _attached(HttpResponse(xlsx_bytes(sheet), content_type=XLSX_TYPE), f"{filename}.xlsx")


def _attached(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
