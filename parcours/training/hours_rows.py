"""Hours from a partner's CSV, checked like the referral lists (parcours.pathways.referral_rows):
separator ; or , — UTF-8 or Windows-1252, with or without BOM — dates dd/mm/yyyy or ISO —
one error per bad line, and nothing is recorded while one line is wrong.

Columns: `enrolment` (the number shown in the partner area) or `family_name`, `given_names`,
`birth_date`; then `date`, `hours`, and optionally `note`."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from parcours.core.errors import DomainError
from parcours.core.text import fold
from parcours.pathways.referral_rows import MAX_ROWS, RowError, decode
from parcours.pathways.selectors import parse_date
from parcours.training.enums import AttendanceKind
from parcours.training.models import Enrolment
from parcours.training.services.attendance import Cell, cell_errors, parse_hours

ALIASES = {
    "inscription": "enrolment",
    "enrollment": "enrolment",
    "nom": "family_name",
    "prenoms": "given_names",
    "prénoms": "given_names",
    "prenom": "given_names",
    "prénom": "given_names",
    "date_naissance": "birth_date",
    "jour": "date",
    "date_cours": "date",
    "heures": "hours",
    "remarque": "note",
}
_BY_NAME = ("family_name", "given_names", "birth_date")


@dataclass
class HoursRow:
    line: int
    cell: Cell | None = None
    name: str = ""
    error: str = ""


@dataclass
class HoursReport:
    rows: list[HoursRow] = field(default_factory=list)
    error: str = ""

    @property
    def errors(self) -> list[HoursRow]:
        return [row for row in self.rows if row.error]

    @property
    def ok(self) -> bool:
        return not self.error and bool(self.rows) and not self.errors

    @property
    def cells(self) -> list[Cell]:
        return [row.cell for row in self.rows if row.cell is not None]


def _reader(text: str) -> "csv.DictReader[str]":
    first = text.split("\n", 1)[0]
    separator = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=separator)
    names = [ALIASES.get(n.strip().lower(), n.strip().lower()) for n in reader.fieldnames or []]
    missing = [n for n in ("date", "hours") if n not in names]
    if "enrolment" not in names and not all(n in names for n in _BY_NAME):
        missing.append("enrolment (or family_name, given_names, birth_date)")
    if missing:
        raise DomainError(_("Missing columns: %(names)s") % {"names": ", ".join(missing)})
    reader.fieldnames = names
    return reader


class _People:
    """The partner's enrolled people, found by enrolment number or by name and birth date."""

    def __init__(self, enrolments: list[Enrolment]) -> None:
        self.by_id = {e.pk: e for e in enrolments}
        self.by_name: dict[tuple[str, str, date], list[Enrolment]] = {}
        for e in enrolments:
            person = e.pathway.person
            key = (fold(person.family_name), fold(person.given_names), person.birth_date)
            self.by_name.setdefault(key, []).append(e)

    def find(self, raw: dict[str, str]) -> Enrolment:
        number = raw.get("enrolment", "").strip()
        if number:
            found = self.by_id.get(int(number)) if number.isascii() and number.isdigit() else None
            if found is None:
                raise RowError(_("unknown enrolment “%(n)s”") % {"n": number})
            return found
        born = parse_date(raw.get("birth_date", ""))
        if born is None:
            raise RowError(_("birth_date: “%(v)s” is not a date") % {"v": raw.get("birth_date")})
        key = (fold(raw.get("family_name", "")), fold(raw.get("given_names", "")), born)
        matches = self.by_name.get(key, [])
        if not matches:
            raise RowError(_("nobody with this name and birth date is referred to you"))
        if len(matches) > 1:
            raise RowError(_("this person has several enrolments: give the enrolment column"))
        return matches[0]


def _row(line: int, raw: dict[str, str], people: _People) -> HoursRow:
    row = HoursRow(line=line)
    try:
        enrolment = people.find(raw)
        row.name = str(enrolment.pathway.person.full_name)
        day = parse_date(raw.get("date", ""))
        if day is None:
            raise RowError(_("date: “%(v)s” is not a date") % {"v": raw.get("date", "")})
        try:
            hours = parse_hours(raw.get("hours", ""))
        except ValueError as error:
            raise RowError(str(error)) from None
        row.cell = Cell(enrolment.pk, day, hours, raw.get("note", "").strip()[:200])
    except RowError as error:
        row.error = str(error)
    return row


def _rows(reader: "csv.DictReader[str]", people: _People) -> list[HoursRow]:
    rows = []
    for raw in reader:
        clean = {k: (v or "").strip() for k, v in raw.items() if isinstance(k, str)}
        rows.append(_row(reader.line_num, clean, people))
        if len(rows) > MAX_ROWS:
            raise DomainError(_("The file has more than %(n)s rows: split it.") % {"n": MAX_ROWS})
    return rows


def _check_cells(rows: list[HoursRow], enrolments: list[Enrolment], today: date) -> None:
    cells = [row.cell for row in rows if row.cell is not None]
    errors = cell_errors(cells, {e.pk: e for e in enrolments}, AttendanceKind.SESSION, today)
    for row in rows:
        if row.cell is not None and not row.error:
            row.error = errors.get((row.cell.enrolment_id, row.cell.attended_on), "")


def hours_check(content: bytes, *, enrolments: list[Enrolment], today: date) -> HoursReport:
    """The dry run: every line checked, nothing written. `enrolments`: the partner's scope."""
    try:
        text = decode(content)
        if not text.strip():
            raise DomainError(_("The file is empty."))
        rows = _rows(_reader(text), _People(enrolments))
    except (DomainError, csv.Error) as error:
        message = error.message if isinstance(error, DomainError) else str(error)
        return HoursReport(error=str(message))
    if not rows:
        return HoursReport(error=_("The file has a header but no rows."))
    _check_cells(rows, enrolments, today)
    return HoursReport(rows=rows)
