"""Public free slots of an office for a first welcome appointment (what the online booking
page offers), so that a commune's or a partner's site can show them. No staff member is
named: a slot is a time, and booking it stays on the public booking page (its abuse limits)."""

from datetime import date, datetime, timedelta

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from parcours.api.errors import ErrorOut, responses
from parcours.appointments.services.online import first_welcome_kind
from parcours.appointments.slots import free_slots
from parcours.core.errors import NotFoundError
from parcours.territory.models import Office

router = Router(tags=["appointments"])
MAX_DAYS = 56


class SlotOut(Schema):
    starts_at: datetime
    ends_at: datetime


class SlotDayOut(Schema):
    day: date
    slots: list[SlotOut]


class OfficeSlotsOut(Schema):
    office_id: int
    office: str
    address: str
    minutes: int = Field(description="Length of a first welcome appointment, in minutes")
    booking_url: str = Field(description="The public page where a newcomer books one of them")
    days: list[SlotDayOut]


class SlotsQuery(Schema):
    days: int = Field(28, ge=1, le=MAX_DAYS, description="How many days ahead, from tomorrow")


@router.get(
    "/{office_id}/slots",
    response=responses({200: OfficeSlotsOut, 404: ErrorOut}),
    auth=None,
    summary="Free slots for a first welcome appointment",
)
def office_slots(request: HttpRequest, office_id: int, query: Query[SlotsQuery]) -> OfficeSlotsOut:
    """The free times of the office, day by day, from tomorrow: Belgian public holidays and
    the centre's closing days excluded. Empty when the office takes no online booking."""
    office = Office.objects.select_related("commune").filter(pk=office_id).first()
    if office is None:
        raise NotFoundError(_("No office with this number."))
    kind = first_welcome_kind()
    found = free_slots(
        office=office,
        kind=kind,
        first_day=timezone.localdate() + timedelta(days=1),
        days=query.days,
        now=timezone.now(),
    )
    days = [
        SlotDayOut(
            day=d.day, slots=[SlotOut(starts_at=s.starts_at, ends_at=s.ends_at) for s in d.slots]
        )
        for d in found
    ]
    return OfficeSlotsOut(
        office_id=office.pk,
        office=office.name,
        address=office.address,
        minutes=kind.default_minutes,
        booking_url=request.build_absolute_uri(reverse("public:booking:book", args=[office.pk])),
        days=days,
    )
