"""Offers of a partner body: track, place, schedule, start dates, seats, level, language."""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from parcours.accounts.models import User
from parcours.core.errors import DomainError
from parcours.territory.models import Commune
from parcours.training.enums import OfferLevel, Track
from parcours.training.models import Offer, Partner

_LEVELS = list(OfferLevel.values)


@dataclass(frozen=True)
class OfferInput:
    track: str
    title: str
    commune: Commune
    capacity: int
    street: str = ""
    schedule: str = ""
    weekdays: list[int] = field(default_factory=list)
    start_dates: list[date] = field(default_factory=list)
    level_from: str = ""
    level_to: str = ""
    language: str = ""
    waiting_weeks: int | None = None
    is_open: bool = True
    runs_from: date | None = None
    runs_until: date | None = None


def _check(partner: Partner, data: OfferInput) -> None:
    if data.track not in partner.tracks:
        raise DomainError(_("Your organisation does not give this track: ask the centre."))
    if data.capacity <= 0 or not data.title.strip():
        raise DomainError(_("Give a title and a number of seats."))
    if (data.level_from or data.level_to) and data.track != Track.FRENCH:
        raise DomainError(_("A level is given for French courses only."))
    if (
        data.level_from
        and data.level_to
        and _LEVELS.index(data.level_from) > _LEVELS.index(data.level_to)
    ):
        raise DomainError(_("The starting level is above the final level."))
    if data.track == Track.CITIZENSHIP and not data.language.strip():
        raise DomainError(_("Give the language of instruction of the citizenship course."))
    if data.runs_from and data.runs_until and data.runs_until < data.runs_from:
        raise DomainError(_("The offer must end after it starts."))
    if any(day not in range(7) for day in data.weekdays):
        raise DomainError(_("Session days go from 0 (Monday) to 6 (Sunday)."))


@transaction.atomic
def offer_save(
    *, partner: Partner, data: OfferInput, actor: User, offer: Offer | None = None
) -> Offer:
    _check(partner, data)
    if offer is not None and offer.partner_id != partner.pk:
        raise DomainError(_("This offer belongs to another organisation."))
    target = offer or Offer(partner=partner)
    values = {
        "track": data.track,
        "title": data.title.strip(),
        "commune": data.commune,
        "capacity": data.capacity,
        "street": data.street.strip(),
        "schedule": data.schedule.strip(),
        "weekdays": sorted(set(data.weekdays)),
        "start_dates": sorted({d.isoformat() for d in data.start_dates}),
        "level_from": data.level_from,
        "level_to": data.level_to,
        "language": data.language.strip().lower(),
        "waiting_weeks": data.waiting_weeks,
        "is_open": data.is_open,
        "runs_from": data.runs_from,
        "runs_until": data.runs_until,
    }
    for name, value in values.items():
        setattr(target, name, value)
    target.updated_by = actor
    target.save()
    return target
