"""Appointments of the period: booked online or by staff, outcome by kind (no-shows), and
interpreter requests by language and provider. The cohort filter does not apply here: an
appointment belongs to a person, and may come before any file."""

from django.db.models import Case, F, Q, Value, When
from django.utils.translation import gettext_lazy as _

from parcours.appointments.enums import AppointmentStatus, KindCode
from parcours.appointments.models import Appointment, InterpreterRequest
from parcours.casework.statistics.filters import StatsFilter
from parcours.casework.statistics.split import Split, by_centre_split, count_table
from parcours.casework.statistics.table import Table
from parcours.core import iso

KINDS = {kind.value: kind.label for kind in KindCode}  # lazy: in the language of the page


def _appointments(f: StatsFilter) -> Q:
    q = Q(starts_at__date__gte=f.start, starts_at__date__lte=f.end)
    if f.centre_ids:
        q &= Q(centre_id__in=f.centre_ids)
    if f.commune_id is not None:
        q &= Q(person__commune_id=f.commune_id)
    return q


def booking(f: StatsFilter, *, by_centre: bool = False) -> Table:
    online = Case(When(intake__isnull=False, then=Value("online")), default=Value("staff"))
    labels = {"online": _("Booked online"), "staff": _("Booked by staff")}
    return count_table(
        Appointment.objects.filter(_appointments(f)),
        key="appointments_booking",
        title=_("Appointments booked online or by staff"),
        row_header=_("Kind"),
        row=F("kind__code"),
        rows=KINDS,
        split=by_centre_split() if by_centre else Split(online, labels),
    )


def outcomes(f: StatsFilter, *, by_centre: bool = False) -> Table:
    """What became of the appointments of the period, by kind: no-shows among them."""
    return count_table(
        Appointment.objects.filter(_appointments(f)),
        key="appointments_outcomes",
        title=_("Appointments by outcome"),
        row_header=_("Kind"),
        row=F("kind__code"),
        rows=KINDS,
        split=by_centre_split()
        if by_centre
        else Split(F("status"), {s.value: str(s.label) for s in AppointmentStatus}),
    )


def interpreters(f: StatsFilter, *, by_centre: bool = False) -> Table:
    q = Q(created_at__date__gte=f.start, created_at__date__lte=f.end)
    if f.centre_ids:
        q &= Q(centre_id__in=f.centre_ids)
    return count_table(
        InterpreterRequest.objects.filter(q),
        key="appointments_interpreters",
        title=_("Interpreter requests by language and provider"),
        row_header=_("Language"),
        row=F("language"),
        rows=dict(iso.language_choices()),
        split=by_centre_split() if by_centre else Split(F("provider__name"), {}),
    )
