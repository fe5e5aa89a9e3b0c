"""Hours from a partner's CSV, checked like the referral lists (parcours.pathways.referral_rows):
separator ; or , — UTF-8 or Windows-1252, with or without BOM — dates dd/mm/yyyy or ISO —
one error per bad line, and nothing is recorded while one line is wrong.

Columns: who — `national_number`, or `family_name`, `given_names` and `birth_date`, or
`enrolment` (the number shown in the partner area) — then `date`, `hours`, and optionally
`note` (French names accepted: `numero_national`, `nom`, `prenoms`, `date_naissance`, `jour`,
`heures`, `remarque`)."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parcours.core.dates import parse_date
from parcours.core.errors import DomainError
from parcours.core.text import fold
from parcours.pathways.referral_rows import MAX_ROWS, RowError, column_label, decode
from parcours.people.identifiers import normalise_national_number
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
    "numero_national": "national_number",
    "niss": "national_number",
}
_BY_NAME = ("family_name", "given_names", "birth_date")
_COLUMNS = {"date": gettext_lazy("date (jour)"), "hours": gettext_lazy("hours (heures)")}


@dataclass
class HoursRow:
    line: int
    cell: Cell | None = None
    name: str = ""
    # Which offer the hours go to: one person may follow two tracks with the same partner.
    track: str = ""
    offer: str = ""
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
    missing = [str(_COLUMNS[n]) for n in ("date", "hours") if n not in names]
    by_name = all(n in names for n in _BY_NAME)
    if "enrolment" not in names and "national_number" not in names and not by_name:
        missing.append(_("who (national number, or names and birth date)"))
    if missing:
        raise DomainError(_("Missing columns: %(names)s") % {"names": ", ".join(missing)})
    reader.fieldnames = names
    return reader


class _People:
    """The partner's enrolled people, found by national number, by name and birth date, or by
    enrolment number."""

    def __init__(self, enrolments: list[Enrolment]) -> None:
        self.by_id = {e.pk: e for e in enrolments}
        self.by_name: dict[tuple[str, str, date], list[Enrolment]] = {}
        self.by_number: dict[str, list[Enrolment]] = {}
        for e in enrolments:
            person = e.pathway.person
            key = (fold(person.family_name), fold(person.given_names), person.birth_date)
            self.by_name.setdefault(key, []).append(e)
            if person.national_number:
                self.by_number.setdefault(person.national_number, []).append(e)

    def _by_number(self, raw_number: str) -> Enrolment:
        try:
            number = normalise_national_number(raw_number)
        except DomainError as error:
            raise RowError(str(error.message)) from None
        return self._one(
            self.by_number.get(number, []), _("nobody with this national number is referred to you")
        )

    @staticmethod
    def _one(matches: list[Enrolment], nobody: str) -> Enrolment:
        if not matches:
            raise RowError(nobody)
        if len(matches) > 1:
            raise RowError(
                _(
                    "this person has several enrolments with you: give the enrolment column "
                    "(the number on the person's page)"
                )
            )
        return matches[0]

    def find(self, raw: dict[str, str]) -> Enrolment:
        number = raw.get("enrolment", "").strip()
        if not number and raw.get("national_number", "").strip():
            return self._by_number(raw["national_number"])
        if number:
            found = self.by_id.get(int(number)) if number.isascii() and number.isdigit() else None
            if found is None:
                raise RowError(_("unknown enrolment “%(n)s”") % {"n": number})
            return found
        born = parse_date(raw.get("birth_date", ""))
        if born is None:
            raise RowError(
                _("%(column)s: “%(value)s” is not a date")
                % {"column": column_label("birth_date"), "value": raw.get("birth_date", "")}
            )
        key = (fold(raw.get("family_name", "")), fold(raw.get("given_names", "")), born)
        nobody = _("nobody with this name and birth date is referred to you")
        return self._one(self.by_name.get(key, []), nobody)


def _row(line: int, raw: dict[str, str], people: _People) -> HoursRow:
    row = HoursRow(line=line)
    try:
        enrolment = people.find(raw)
        row.name = str(enrolment.pathway.person.full_name)
        row.track, row.offer = str(enrolment.get_track_display()), enrolment.offer.title
        day = parse_date(raw.get("date", ""))
        if day is None:
            raise RowError(
                _("%(column)s: “%(value)s” is not a date")
                % {"column": _COLUMNS["date"], "value": raw.get("date", "")}
            )
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
