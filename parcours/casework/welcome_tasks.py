"""When a part of the welcome module is "in progress" (the person page's task list: to do, in
progress, done). The rule:

- **done**: its record exists (`pathways.facts.welcome_done`: the social assessment, the
  rights and duties information, the French test, an administrative help). Only the record
  makes a part done, since the legal completion of the module reads the same facts.
- **in progress**, before that, when the work has begun and its record is not written yet:
  an individual appointment of that kind (the appointment kinds carry the same codes as the
  parts) is booked — planned or confirmed — or was held, at the file's centre, since the
  referral; for rights and duties, the person also holds a seat, or a place on the waiting
  list, in a coming rights and duties session of the centre; or the agent marked the part in
  progress (`Pathway.welcome_started`) for work the records cannot see — an assessment begun
  on paper, a document awaited for the administrative help.
- **to do** otherwise.

The agent takes back only their own mark: a booked appointment keeps the part in progress
until it is cancelled or its record written."""

from datetime import datetime, time

from django.db.models import Value
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from parcours.appointments.enums import HOLDING_STATUSES, AppointmentStatus, SeatStatus
from parcours.appointments.models import Appointment, Seat
from parcours.pathways.enums import WelcomePart
from parcours.pathways.models import Pathway

BOOKED = _("Appointment booked")
HELD = _("Appointment held, its record to write")
SEATED = _("Registered for a collective session")
MARKED = _("Marked in progress by the team")


SEAT = "seat"  # the signal of a seat in a coming rights and duties session


def _signals(pathway: Pathway, parts: list[str]) -> set[tuple[str, str]]:
    """In one query: the (kind, status) of the file's appointments of those parts booked or
    held at its centre since the referral, and (`SEAT`, "") if the person holds a seat, or a
    place on the waiting list, in a coming rights and duties session of the centre. Plain
    rows rather than an `EXISTS` per part and status: nine subqueries took longer to compile
    than to run."""
    since = timezone.make_aware(datetime.combine(pathway.referred_on, time.min))
    appointments = (
        Appointment.objects.filter(
            person_id=pathway.person_id,
            centre_id=pathway.centre_id,
            kind__code__in=parts,
            starts_at__gte=since,
            status__in=(*HOLDING_STATUSES, AppointmentStatus.ATTENDED),
        )
        .order_by()
        .values_list("kind__code", "status")
    )
    seats = (
        Seat.objects.filter(
            person_id=pathway.person_id,
            session__centre_id=pathway.centre_id,
            session__counts_as_rights_and_duties=True,
            session__cancelled=False,
            session__starts_at__gte=timezone.now(),
            status__in=(SeatStatus.REGISTERED, SeatStatus.WAITING),
        )
        .order_by()
        .annotate(code=Value(SEAT), state=Value(""))
        .values_list("code", "state")
    )
    return set(appointments.union(seats))


def parts_in_progress(pathway: Pathway, done: tuple[str, ...]) -> dict[str, tuple[Promise, bool]]:
    """Each part in progress (of those not done): why, and whether only the agent's mark says
    so (then the agent may take it back). One query whatever the file's history, none once
    every part is done (a file in training)."""
    parts = [part for part in WelcomePart.values if part not in done]
    if not parts:
        return {}
    signals = _signals(pathway, parts)
    found: dict[str, tuple[Promise, bool]] = {}
    for part in parts:
        statuses = {status for code, status in signals if code == part}
        if statuses.intersection(HOLDING_STATUSES):
            found[part] = (BOOKED, False)
        elif part == WelcomePart.RIGHTS_AND_DUTIES and (SEAT, "") in signals:
            found[part] = (SEATED, False)
        elif AppointmentStatus.ATTENDED in statuses:
            found[part] = (HELD, False)
        elif part in pathway.welcome_started:
            found[part] = (MARKED, True)
    return found
