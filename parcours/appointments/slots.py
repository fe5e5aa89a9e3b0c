"""Free slots of an office: availability templates, minus closing days (public holidays and
the centre's own), outside opening hours, and times a staff member is already held."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from parcours.appointments.closing_days import closed_days
from parcours.appointments.models import AppointmentKind, Availability, ResourceHold
from parcours.appointments.models.calendar import staff_key
from parcours.territory.models import Office

Span = tuple[datetime, datetime]


@dataclass(frozen=True)
class Slot:
    starts_at: datetime
    ends_at: datetime
    staff_ids: tuple[int, ...]


@dataclass(frozen=True)
class SlotDay:
    day: date
    slots: list[Slot]


def _at(day: date, moment: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, moment))


def _busy(staff_ids: set[int], start: datetime, end: datetime) -> dict[int, list[Span]]:
    holds = ResourceHold.objects.filter(
        resource__in=[staff_key(i) for i in staff_ids],
        active=True,
        starts_at__lt=end,
        ends_at__gt=start,
    ).values_list("resource", "starts_at", "ends_at")
    busy: dict[int, list[Span]] = defaultdict(list)
    for resource, begins, ends in holds:
        busy[int(resource.split(":")[1])].append((begins, ends))
    return busy


def _open(office: Office) -> dict[int, list[tuple[time, time]]]:
    hours: dict[int, list[tuple[time, time]]] = defaultdict(list)
    for row in office.opening_hours.all():
        hours[row.weekday].append((row.opens_at, row.closes_at))
    return hours


def _fits(span: Span, hours: list[tuple[time, time]]) -> bool:
    start, end = timezone.localtime(span[0]).time(), timezone.localtime(span[1]).time()
    return any(opens <= start and end <= closes for opens, closes in hours)


def _free(span: Span, busy: list[Span]) -> bool:
    return all(not (b_start < span[1] and span[0] < b_end) for b_start, b_end in busy)


def _starts(template: Availability, day: date, length: timedelta) -> list[Span]:
    spans, moment, last = [], _at(day, template.starts_at), _at(day, template.ends_at)
    while moment + length <= last:
        spans.append((moment, moment + length))
        moment += length
    return spans


def free_slots(
    *,
    office: Office,
    kind: AppointmentKind,
    first_day: date,
    days: int,
    now: datetime,
    online_only: bool = True,
) -> list[SlotDay]:
    last_day = first_day + timedelta(days=days - 1)
    found = Availability.objects.filter(office=office, staff__is_active=True)
    templates = list(found.filter(online_booking=True) if online_only else found)
    closed, hours = closed_days(office, first_day, last_day), _open(office)
    busy = _busy({t.staff_id for t in templates}, _at(first_day, time.min), _at(last_day, time.max))
    length = timedelta(minutes=kind.default_minutes)
    result = []
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        if day in closed:
            continue
        slots = _day_slots(
            day=day,
            templates=[t for t in templates if t.weekday == day.weekday()],
            length=length,
            hours=hours[day.weekday()],
            busy=busy,
            now=now,
        )
        if slots:
            result.append(SlotDay(day, slots))
    return result


def _day_slots(
    *,
    day: date,
    templates: list[Availability],
    length: timedelta,
    hours: list[tuple[time, time]],
    busy: dict[int, list[Span]],
    now: datetime,
) -> list[Slot]:
    by_start: dict[datetime, tuple[datetime, list[int]]] = {}
    for template in templates:
        for span in _starts(template, day, length):
            if span[0] > now and _fits(span, hours) and _free(span, busy[template.staff_id]):
                by_start.setdefault(span[0], (span[1], []))[1].append(template.staff_id)
    return [Slot(start, end, tuple(sorted(ids))) for start, (end, ids) in sorted(by_start.items())]


def slot_at(
    *, office: Office, kind: AppointmentKind, starts_at: datetime, now: datetime
) -> Slot | None:
    day = timezone.localdate(starts_at)
    for slot_day in free_slots(office=office, kind=kind, first_day=day, days=1, now=now):
        for slot in slot_day.slots:
            if slot.starts_at == starts_at:
                return slot
    return None
