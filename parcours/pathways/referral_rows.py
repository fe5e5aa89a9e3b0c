"""Referral rows from a commune's list (CSV) or the API, checked before anything is written:
separator ; or , — UTF-8 or Windows-1252, with or without BOM — dates dd/mm/yyyy or ISO —
national numbers with or without dots and dashes. One error per bad row, with its line."""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from parcours.core.dates import parse_date
from parcours.core.errors import DomainError
from parcours.core.text import first_line_with_control_characters
from parcours.people.matching import people_match
from parcours.people.models import Person
from parcours.people.names import is_same_person, name_key
from parcours.people.services import clean_person_fields, person_errors
from parcours.territory.models import Centre, Commune

MAX_ROWS = 20_000
PROGRESS_EVERY = 1000  # rows between two progress reports of a long check
Progress = Callable[[int], None]
REQUIRED = ("family_name", "given_names", "birth_date", "sex", "commune_nis")
DATES = (
    "birth_date",
    "arrived_on",
    "legal_stay_since",
    "registered_on",
    "permit_ordered_on",
    "permit_valid_from",
    "permit_valid_until",
)
TEXTS = (
    "usual_name",
    "national_number",
    "phone",
    "email",
    "street",
    "postal_code",
    "letter_language",
    "permit_kind",
)
LISTS = ("nationalities", "languages")
ALIASES = {
    "nom": "family_name",
    "prenoms": "given_names",
    "prénoms": "given_names",
    "date_naissance": "birth_date",
    "sexe": "sex",
    "nationalites": "nationalities",
    "nationalités": "nationalities",
    "numero_national": "national_number",
    "niss": "national_number",
    "nis_commune": "commune_nis",
    "date_inscription": "registered_on",
    "telephone": "phone",
    "téléphone": "phone",
    "courriel": "email",
    "rue": "street",
    "code_postal": "postal_code",
    "langues": "languages",
    "nom_usuel": "usual_name",
    "date_arrivee": "arrived_on",
    "sejour_legal_depuis": "legal_stay_since",
    "titre_ordonne_le": "permit_ordered_on",
    "titre_valable_du": "permit_valid_from",
    "titre_valable_au": "permit_valid_until",
    "type_titre": "permit_kind",
    "langue_courrier": "letter_language",
    "remarque": "note",
}
KNOWN = frozenset((*REQUIRED, *DATES, *TEXTS, *LISTS, "family_member_of_eea_citizen", "note"))


@dataclass
class Row:
    line: int
    fields: dict[str, Any] = field(default_factory=dict)
    error: str = ""
    known_person: bool = False
    # Known people the row probably is (names alike, same birth date): the user confirms.
    matches: list[Person] = field(default_factory=list)
    raw: dict[str, str] = field(default_factory=dict)


@dataclass
class ImportReport:
    rows: list[Row] = field(default_factory=list)
    error: str = ""
    columns: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Row]:
        return [row for row in self.rows if row.error]

    @property
    def valid(self) -> list[Row]:
        return [row for row in self.rows if not row.error]

    @property
    def to_confirm(self) -> list[Row]:
        """Valid rows that probably are a known person: the user says which, or "new"."""
        return [row for row in self.rows if not row.error and row.matches]

    @property
    def ok(self) -> bool:
        return not self.error and bool(self.rows) and not self.errors


def decode(content: bytes) -> str:
    if b"\x00" in content[:4096]:
        raise DomainError(_("This file is not a text file in UTF-8 or Windows-1252 (UTF-16?)."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError:
            raise DomainError(_("This file is neither UTF-8 nor Windows-1252.")) from None
    line = first_line_with_control_characters(text)
    if line is not None:
        raise DomainError(
            _(
                "Line %(line)s holds an invisible control character: "
                "remove it and send the file again."
            )
            % {"line": line}
        )
    return text


def _reader(text: str) -> "csv.DictReader[str]":
    first = text.split("\n", 1)[0]
    separator = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=separator)
    names = [ALIASES.get(n.strip().lower(), n.strip().lower()) for n in reader.fieldnames or []]
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        labels = ", ".join(column_label(name) for name in missing)
        raise DomainError(_("Missing columns: %(names)s") % {"names": labels})
    reader.fieldnames = names
    return reader


class RowError(Exception):
    """A row refused; `fields`: the field names it is about (the API names them for
    integrators, the pages say them in words)."""

    def __init__(self, message: str, fields: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.fields = fields


def column_label(name: str) -> str:
    """A column in words for a message (never the code's field name)."""
    if name == "commune_nis":
        return _("NIS code of the commune")
    found = {f.name: str(f.verbose_name) for f in Person._meta.concrete_fields}
    return found.get(name, name)


def _date(value: str, name: str) -> date | None:
    if not value.strip():
        if name in REQUIRED:
            raise RowError(_("%(column)s is empty") % {"column": column_label(name)}, (name,))
        return None
    found = parse_date(value)
    if found is None:
        raise RowError(
            _("%(column)s: “%(value)s” is not a date")
            % {"column": column_label(name), "value": value},
            (name,),
        )
    return found


def _fields(raw: dict[str, str | None], communes: dict[str, Commune]) -> dict[str, Any]:
    data = {k: (v or "").strip() for k, v in raw.items() if k in KNOWN}
    for name in ("family_name", "given_names", "sex"):
        if not data.get(name):
            raise RowError(_("%(column)s is empty") % {"column": column_label(name)}, (name,))
    fields: dict[str, Any] = {name: _date(data.get(name, ""), name) for name in DATES}
    fields |= {name: data[name] for name in TEXTS if data.get(name)}
    fields |= {name: data.get(name, "").replace("|", ",").replace(" ", ",") for name in LISTS}
    fields |= {name: data[name] for name in ("family_name", "given_names")}
    fields["sex"] = data["sex"].upper()[:1]
    fields["family_member_of_eea_citizen"] = data.get("family_member_of_eea_citizen", "") in (
        "1",
        "true",
        "oui",
        "yes",
    )
    commune = communes.get(data.get("commune_nis", ""))
    if commune is None:
        raise RowError(
            _("unknown commune NIS code “%(nis)s”") % {"nis": data.get("commune_nis", "")}
        )
    fields["commune"] = commune
    return fields


def check_row(
    raw: dict[str, str | None],
    communes: dict[str, Commune],
    centre: Centre | None,
    lives_in: Commune | None = None,
) -> dict[str, Any]:
    """The fields of one referral, or RowError with a plain message. Shared with the API.
    `lives_in`: a commune refers only the people who live in it."""
    fields = _fields(raw, communes)
    if fields["sex"] not in ("F", "M", "X"):
        raise RowError(_("sex must be F, M or X"))
    if lives_in is not None and fields["commune"].pk != lives_in.pk:
        raise RowError(_("the person does not live in %(commune)s") % {"commune": lives_in.name_fr})
    if centre is not None and fields["commune"].centre_id != centre.pk:
        raise RowError(
            _("%(commune)s is not served by your centre") % {"commune": fields["commune"]}
        )
    try:
        cleaned = clean_person_fields(fields)
    except DomainError as error:
        raise RowError(str(error.message), getattr(error, "fields", ())) from None
    if cleaned["birth_date"] > date.today():  # noqa: DTZ011 - a calendar date
        raise RowError(_("the birth date is in the future"))
    errors = person_errors(cleaned)
    if errors:
        raise RowError(
            "; ".join(
                f"{column_label(name)}: {' '.join(messages)}"
                for name, messages in sorted(errors.items())
            ),
            tuple(sorted(errors)),
        )
    return cleaned


def communes_by_nis() -> dict[str, Commune]:
    return {c.nis_code: c for c in Commune.objects.select_related("centre")}


def _check_rows(
    reader: "csv.DictReader[str]",
    centre: Centre | None,
    progress: Progress | None = None,
    lives_in: Commune | None = None,
) -> list[Row]:
    communes, rows = communes_by_nis(), []
    seen: dict[str, int] = {}
    people: dict[tuple[object, str], int] = {}
    for raw in reader:
        row = Row(line=reader.line_num, raw={k: v or "" for k, v in raw.items() if k})
        try:
            row.fields = check_row(raw, communes, centre, lives_in)
            number = row.fields.get("national_number", "")
            if number and number in seen:
                raise RowError(_("same national number as line %(line)s") % {"line": seen[number]})
            if number:
                seen[number] = row.line
            who = (
                row.fields["birth_date"],
                name_key(row.fields["family_name"], row.fields["given_names"]),
            )
            if who in people:
                raise RowError(_("same person as line %(line)s") % {"line": people[who]})
            people[who] = row.line
        except RowError as error:
            row.error = str(error)
        rows.append(row)
        if progress is not None and len(rows) % PROGRESS_EVERY == 0:
            progress(len(rows))
        if len(rows) > MAX_ROWS:
            raise DomainError(_("The file has more than %(n)s rows: split it.") % {"n": MAX_ROWS})
    return rows


def _mark_known(rows: list[Row]) -> None:
    """Rows of people already known (national number, else names and birth date), and rows
    that probably are a known person; a known number with another name or birth date is an
    error of its row: a number alone never identifies."""
    checked = [row for row in rows if not row.error]
    for row, match in zip(checked, people_match(rows=[r.fields for r in checked]), strict=True):
        row.known_person = match.exact is not None
        row.matches = match.probable
        if (
            match.by_number
            and match.exact is not None
            and not is_same_person(match.exact, row.fields)
        ):
            row.error = _(
                "the national number is recorded for a person with another name or birth date"
            )


def import_check(
    content: bytes,
    *,
    centre: Centre | None,
    progress: Progress | None = None,
    lives_in: Commune | None = None,
) -> ImportReport:
    """The dry run: parse and check every row; nothing is written. `lives_in`: the commune
    of a commune user, who imports only the people living in it."""
    try:
        text = decode(content)
        if not text.strip():
            raise DomainError(_("The file is empty."))
        reader = _reader(text)
        rows = _check_rows(reader, centre, progress, lives_in)
    except (DomainError, csv.Error) as error:
        message = error.message if isinstance(error, DomainError) else str(error)
        return ImportReport(error=str(message))
    if not rows:
        return ImportReport(error=_("The file has a header but no rows."))
    _mark_known(rows)
    return ImportReport(rows=rows, columns=list(reader.fieldnames or []))


def count_rows(content: bytes) -> int:
    """Roughly how many rows a file has (for the progress bar), without checking them."""
    return max(content.count(b"\n") - (0 if content.endswith(b"\n") else -1) - 1, 0)
