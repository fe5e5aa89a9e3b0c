"""Demo data for appointments: availability of the demo agents at the demo offices, a room,
and a collective session next week. Idempotent; called by `seed_demo`."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from parcours.accounts.enums import CENTRE_ROLES
from parcours.accounts.models import User
from parcours.appointments.models import Availability, CollectiveSession, Room
from parcours.appointments.services.setup import kinds_ensure
from parcours.territory.models import Office

_SLOTS = ((time(9), time(12)), (time(13), time(16)))


def _availability(office: Office, staff: User) -> int:
    rows = [
        Availability(office=office, staff=staff, weekday=day, starts_at=start, ends_at=end)
        for day in range(5)
        for start, end in _SLOTS
        if not Availability.objects.filter(
            office=office, staff=staff, weekday=day, starts_at=start
        ).exists()
    ]
    Availability.objects.bulk_create(rows)
    return len(rows)


def _session(office: Office, room: Room, presenter: User) -> int:
    day = timezone.localdate() + timedelta(days=14 - timezone.localdate().weekday())
    starts = timezone.make_aware(datetime.combine(day, time(13, 30)))
    _row, created = CollectiveSession.objects.get_or_create(
        office=office,
        title="Droits et devoirs (démo)",
        starts_at=starts,
        defaults={
            "centre_id": office.centre_id,
            "room": room,
            "presenter": presenter,
            "ends_at": starts + timedelta(hours=2, minutes=30),
            "capacity": 12,
            "interpreter_languages": ["ar", "uk"],
        },
    )
    return int(created)


@transaction.atomic
def appointments_seed() -> int:
    """Rows created (0 when run again)."""
    created = kinds_ensure()
    for office in Office.objects.filter(is_demo=True).select_related("centre"):
        staff = User.objects.filter(centre_id=office.centre_id, role__in=CENTRE_ROLES)
        for member in staff:
            created += _availability(office, member)
        room, new_room = Room.objects.get_or_create(
            office=office, name="Salle 1", defaults={"seats": 12}
        )
        created += int(new_room)
        presenter = staff.first()
        if presenter is not None:
            created += _session(office, room, presenter)
    return created
