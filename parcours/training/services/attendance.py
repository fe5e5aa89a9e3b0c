"""Recording hours: one validated batch, all or nothing, whatever the channel (class grid, one
person, CSV, API, the centre). A correction supersedes the current row of that date and writes
a new one, so the history of who entered what stays readable."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from parcours.accounts.models import User
from parcours.appointments.closing_days import public_holiday
from parcours.appointments.models import ClosingDay
from parcours.core.errors import DomainError
from parcours.training.enums import (
    AttendanceKind,
    AttendanceSource,
    EnrolmentStatus,
    OverlapChoice,
)
from parcours.training.models import Attendance, Enrolment
from parcours.training.services.effects import FileChange, hours_recorded

# A calendar fact, not a rule value: one date holds at most 24 hours of sessions.
HOURS_IN_A_DAY = Decimal(24)
# Field size of Attendance.hours: a statement covers a period, never more than this.
MAX_STATEMENT_HOURS = Decimal("9999.99")

# Attendance.hours keeps two decimals (a quarter of an hour is 0.25).
HOURS_DECIMALS = 2

CellKey = tuple[int, date]


@dataclass(frozen=True)
class Cell:
    enrolment_id: int
    attended_on: date
    hours: Decimal
    note: str = ""
    period_from: date | None = None  # an attestation's period starts here


class AttendanceError(DomainError):
    """Every bad cell with its own message; nothing was recorded."""

    def __init__(self, errors: dict[CellKey, str]) -> None:
        count = len(errors)
        super().__init__(
            ngettext(
                "%(n)s entry has an error: nothing was recorded.",
                "%(n)s entries have an error: nothing was recorded.",
                count,
            )
            % {"n": count}
        )
        self.errors = errors


def parse_hours(text: str) -> Decimal:
    """'2', '2.5' or '2,5'; raises ValueError with a plain message."""
    cleaned = text.strip().replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(_("“%(value)s” is not a number of hours") % {"value": text}) from None
    if not value.is_finite() or value.as_tuple().exponent < -HOURS_DECIMALS:  # type: ignore[operator]
        raise ValueError(_("“%(value)s” is not a number of hours") % {"value": text})
    return value


def _hours_error(hours: Decimal, limit: Decimal) -> str:
    # The same rule as the class grid (`parse_hours`): hours are never rounded silently.
    if not hours.is_finite() or hours != round(hours, HOURS_DECIMALS):
        return _("hours take at most two decimals (a quarter of an hour is 0.25)")
    if hours < 0 or hours > limit:
        return _("hours must be between 0 and %(max)s") % {"max": limit}
    return ""


def _session_error(cell: Cell, enrolment: Enrolment, closed: dict[CellKey, str]) -> str:
    """A session is held from the start date the partner gave, never on a Belgian public
    holiday nor on a day the person's centre is closed. (An attestation covers a period, its
    date may be any day.)"""
    first = enrolment.starts_on or enrolment.referred_on
    if cell.attended_on < first:
        return _("the date is before the start of the enrolment (%(on)s)") % {
            "on": date_format(first, "SHORT_DATE_FORMAT")
        }
    holiday = public_holiday(cell.attended_on)
    if holiday:
        return _("no session on a public holiday (%(name)s)") % {"name": holiday}
    reason = closed.get((cell.enrolment_id, cell.attended_on))
    if reason is not None:
        return _("no session on a closing day of the centre (%(reason)s)") % {"reason": reason}
    return ""


def _cell_error(
    cell: Cell, enrolment: Enrolment | None, kind: str, today: date, closed: dict[CellKey, str]
) -> str:
    limit = HOURS_IN_A_DAY if kind == AttendanceKind.SESSION else MAX_STATEMENT_HOURS
    if enrolment is None:
        return _("unknown enrolment")
    if enrolment.status != EnrolmentStatus.ACCEPTED:
        return _("the person is not enrolled in this offer")
    if cell.attended_on > today:
        return _("the date is in the future")
    # Clearing a cell (0 h) stays possible on any day: it corrects hours entered before.
    if kind == AttendanceKind.SESSION and cell.hours != 0:
        message = _session_error(cell, enrolment, closed)
        if message:
            return message
    return _hours_error(cell.hours, limit)


def _closing_days(cells: list[Cell], enrolments: dict[int, Enrolment]) -> dict[CellKey, str]:
    """The cells on a day the person's centre is closed (its whole-centre closing days), with
    the reason: two queries for the whole batch."""
    ids = {c.enrolment_id for c in cells if c.enrolment_id in enrolments}
    if not ids:
        return {}
    centre_of = dict(Enrolment.objects.filter(pk__in=ids).values_list("pk", "pathway__centre_id"))
    days = {c.attended_on for c in cells}
    rows = ClosingDay.objects.filter(
        office__isnull=True, centre_id__in=set(centre_of.values()), on__in=days
    ).values_list("centre_id", "on", "reason")
    closed = {(centre, on): reason for centre, on, reason in rows}
    return {
        (c.enrolment_id, c.attended_on): closed[(centre_of[c.enrolment_id], c.attended_on)]
        for c in cells
        if (centre_of.get(c.enrolment_id), c.attended_on) in closed
    }


def cell_errors(
    cells: list[Cell], enrolments: dict[int, Enrolment], kind: str, today: date
) -> dict[CellKey, str]:
    """Every bad cell with its message (empty when the batch can be recorded). The one check
    of every channel: class grid, one person, CSV import, API, the centre."""
    errors: dict[CellKey, str] = {}
    seen: set[CellKey] = set()
    closed = _closing_days(cells, enrolments) if kind == AttendanceKind.SESSION else {}
    for cell in cells:
        key = (cell.enrolment_id, cell.attended_on)
        message = _cell_error(cell, enrolments.get(cell.enrolment_id), kind, today, closed)
        if key in seen:
            message = _("the same person and date appear twice")
        if message:
            errors[key] = message
        seen.add(key)
    return errors


def _covered_errors(cells: list[Cell]) -> dict[CellKey, str]:
    """Session hours on a date an attestation's period covers would count twice."""
    ids = {c.enrolment_id for c in cells}
    periods: dict[int, list[tuple[date | None, date]]] = defaultdict(list)
    statements = Attendance.objects.filter(
        enrolment_id__in=ids, kind=AttendanceKind.STATEMENT, superseded_at__isnull=True
    ).values_list("enrolment_id", "period_from", "attended_on")
    for enrolment_id, start, end in statements:
        periods[enrolment_id].append((start, end))
    return {
        (c.enrolment_id, c.attended_on): _("this date is covered by an attendance attestation")
        for c in cells
        if any(
            (start is None or start <= c.attended_on) and c.attended_on <= end
            for start, end in periods[c.enrolment_id]
        )
    }


def _current(cells: list[Cell], kind: str) -> dict[CellKey, Attendance]:
    ids = {c.enrolment_id for c in cells}
    days = {c.attended_on for c in cells}
    rows = Attendance.objects.filter(
        enrolment_id__in=ids, attended_on__in=days, kind=kind, superseded_at__isnull=True
    )
    return {(r.enrolment_id, r.attended_on): r for r in rows}


@dataclass(frozen=True)
class Recorded:
    written: int
    unchanged: int


def _summary(count: int, hours: Decimal, source: str) -> str:
    label = AttendanceSource(source).label
    return ngettext(
        "%(n)s attendance entry (%(h)s h) recorded — %(source)s",
        "%(n)s attendance entries (%(h)s h) recorded — %(source)s",
        count,
    ) % {"n": count, "h": f"{hours:g}", "source": label}


def _changes(
    new: list[Attendance], enrolments: dict[int, Enrolment], source: str
) -> dict[int, FileChange]:
    per_file: dict[int, list[Attendance]] = defaultdict(list)
    for row in new:
        per_file[enrolments[row.enrolment_id].pathway_id].append(row)
    return {
        pk: FileChange(
            first_on=min(r.attended_on for r in rows),
            summary=_summary(len(rows), sum((r.hours for r in rows), Decimal(0)), source),
        )
        for pk, rows in per_file.items()
    }


@transaction.atomic
def attendance_record(
    *,
    cells: list[Cell],
    enrolments: dict[int, Enrolment],
    source: AttendanceSource,
    actor: User | None,
    today: date,
    kind: AttendanceKind = AttendanceKind.SESSION,
    replaces: Sequence[int] = (),
) -> Recorded:
    """`enrolments` is the caller's scope (a partner's, a centre's): any other id is an error.
    `replaces`: the rows the user said a new attestation includes (never chosen here)."""
    locked = Enrolment.objects.select_for_update().filter(pk__in=list(enrolments))
    scope = {e.pk: e for e in locked}
    errors = cell_errors(cells, scope, kind, today)
    if kind == AttendanceKind.SESSION:
        errors = {**_covered_errors(cells), **errors}
    if errors:
        raise AttendanceError(errors)
    current = _current(cells, kind)
    now, new, superseded, kept = timezone.now(), [], [], set()
    for cell in cells:
        old = current.get((cell.enrolment_id, cell.attended_on))
        if old is not None and old.hours == cell.hours and old.note == cell.note:
            kept.add(old.pk)
            continue
        if old is not None:
            superseded.append(old.pk)
        new.append(
            Attendance(
                enrolment_id=cell.enrolment_id,
                attended_on=cell.attended_on,
                hours=cell.hours,
                kind=kind,
                source=source,
                period_from=cell.period_from,
                note=cell.note[:200],
                entered_by=actor,
                entered_at=now,
            )
        )
    superseded += [pk for pk in replaces if pk not in kept]
    Attendance.objects.filter(pk__in=superseded).update(superseded_at=now)
    Attendance.objects.bulk_create(new)
    hours_recorded(changes=_changes(new, scope, source), actor=actor)
    return Recorded(written=len(new), unchanged=len(cells) - len(new))


class AttestationOverlapError(DomainError):
    """The attestation's period holds hours already recorded for the track: the user says
    whether the attestation includes them or comes on top. Nothing was recorded."""

    def __init__(self, rows: list[Attendance]) -> None:
        super().__init__(
            _(
                "The period of the attestation overlaps hours already recorded for this "
                "track: say whether the attestation includes them."
            )
        )
        self.rows = rows


def overlapping_rows(*, enrolment: Enrolment, start: date, end: date) -> list[Attendance]:
    """The current rows of the same track in the file (any body) that fall in [start, end]:
    sessions on a date of the period, attestations whose period meets it."""
    current = Attendance.objects.filter(
        enrolment__pathway_id=enrolment.pathway_id,
        enrolment__track=enrolment.track,
        superseded_at__isnull=True,
    ).select_related("enrolment__offer__partner")
    sessions = current.filter(kind=AttendanceKind.SESSION, attended_on__range=(start, end))
    statements = current.filter(kind=AttendanceKind.STATEMENT, attended_on__gte=start).filter(
        Q(period_from__isnull=True) | Q(period_from__lte=end)
    )
    return sorted([*sessions, *statements], key=lambda r: (r.attended_on, r.pk))


def _resolved(rows: list[Attendance], overlap: str, up_to: date, enrolment: Enrolment) -> list[int]:
    """The rows the new attestation replaces, as the user chose; raises until they chose."""
    if rows and overlap not in OverlapChoice.values:
        raise AttestationOverlapError(rows)
    if overlap != OverlapChoice.INCLUDED:
        same_day = [
            r
            for r in rows
            if r.enrolment_id == enrolment.pk
            and r.kind == AttendanceKind.STATEMENT
            and r.attended_on == up_to
        ]
        if same_day:
            raise DomainError(
                _(
                    "Another attestation of this body ends on the same day: record one "
                    "attestation for the whole period (it includes the hours of the other)."
                )
            )
        return []
    return [r.pk for r in rows]


def attendance_record_statement(
    *,
    enrolment: Enrolment,
    hours: Decimal,
    period_from: date,
    up_to: date,
    actor: User,
    today: date,
    note: str = "",
    overlap: str = "",
) -> Recorded:
    """The centre records hours a body stated on paper for a period. They add to the hours
    already recorded; hours of the period already there are shown to the user, who says
    whether the attestation includes them (`overlap`) — never replaced silently."""
    if hours <= 0:
        raise DomainError(_("Give a positive number of hours."))
    if period_from > up_to:
        raise DomainError(_("The period of the attestation ends before it starts."))
    rows = overlapping_rows(enrolment=enrolment, start=period_from, end=up_to)
    replaces = _resolved(rows, overlap, up_to, enrolment)
    cell = Cell(enrolment.pk, up_to, hours, note=note, period_from=period_from)
    try:
        return attendance_record(
            cells=[cell],
            enrolments={enrolment.pk: enrolment},
            source=AttendanceSource.CENTRE,
            actor=actor,
            today=today,
            kind=AttendanceKind.STATEMENT,
            replaces=replaces,
        )
    except AttendanceError as error:
        raise DomainError(next(iter(error.errors.values()))) from None
