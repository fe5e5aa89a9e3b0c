"""Partner bodies, offers and enrolments in legal states: `make_enrolment(accepted=True)`."""

from datetime import date
from decimal import Decimal
from typing import Any

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.pathways.models import Pathway
from parcours.territory.models import Commune
from parcours.training.enums import Answer, AttendanceSource, Track
from parcours.training.models import Enrolment, Offer, Partner
from parcours.training.services.attendance import Cell, attendance_record
from parcours.training.services.offers import OfferInput, offer_save
from parcours.training.services.referrals import enrolment_answer, enrolment_refer
from tests.factories.accounts import make_user

REFERRED_ON = date(2026, 4, 2)


def make_partner(name: str = "Alpha FLE", **fields: Any) -> Partner:
    defaults = {"gives_french": True, "gives_citizenship": True, "gives_job_orientation": True}
    commune = fields.pop("commune", None) or Commune.objects.get(nis_code="53053")
    return Partner.objects.create(name=name, commune=commune, **(defaults | fields))


def make_partner_user(partner: Partner, email: str = "staff@alpha.example.org") -> User:
    return make_user(email=email, role=Role.PARTNER, partner=partner)


def make_offer(
    partner: Partner, track: str = Track.FRENCH, *, nis: str = "53053", **fields: Any
) -> Offer:
    values: dict[str, Any] = {
        "track": track,
        "title": f"{Track(track).label} — {nis}",
        "commune": Commune.objects.get(nis_code=nis),
        "capacity": 25,
        "weekdays": [0, 2],
        "language": "fr" if track == Track.CITIZENSHIP else "",
    }
    actor = make_user(
        email=f"offers-{partner.pk}-{Offer.objects.count()}@example.org", role=Role.ADMIN
    )
    return offer_save(partner=partner, data=OfferInput(**(values | fields)), actor=actor)


def make_enrolment(
    pathway: Pathway,
    offer: Offer,
    *,
    agent: User,
    partner_user: User | None = None,
    accepted: bool = True,
    on: date = REFERRED_ON,
) -> Enrolment:
    enrolment = enrolment_refer(pathway=pathway, offer=offer, on=on, actor=agent)
    if accepted:
        enrolment = enrolment_answer(
            enrolment=enrolment,
            answer=Answer.ACCEPT,
            on=on,
            starts_on=on,
            actor=partner_user or agent,
        )
    return enrolment


def record_hours(enrolment: Enrolment, hours: dict[date, str], actor: User | None = None) -> None:
    cells = [Cell(enrolment.pk, day, Decimal(value)) for day, value in hours.items()]
    attendance_record(
        cells=cells,
        enrolments={enrolment.pk: enrolment},
        source=AttendanceSource.GRID,
        actor=actor,
        today=max(hours),
    )
