"""Demo training data, written through the services: offers of the demo partner body, a class
with its hours for the demo people in training, and referrals in every answer state.
Idempotent: running it again creates nothing."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from parcours.accounts.models import User
from parcours.appointments.closing_days import public_holiday
from parcours.appointments.models import ClosingDay
from parcours.pathways.enums import Status
from parcours.pathways.models import Pathway
from parcours.territory.models import Commune
from parcours.training.enums import ACTIVE_STATUSES, Answer, AttendanceSource, Track
from parcours.training.models import Enrolment, Offer, Partner
from parcours.training.services.attendance import (
    Cell,
    attendance_record,
    attendance_record_statement,
)
from parcours.training.services.offers import OfferInput, offer_save
from parcours.training.services.referrals import enrolment_answer, enrolment_refer

PARTNER_USER = "partner.fle@demo.parcours.be"
ISP_USER = "partner.isp@demo.parcours.be"
AGENT = "agent.mons@demo.parcours.be"
SESSION_HOURS = Decimal(4)
_OFFERS = [
    OfferInput(
        track=Track.FRENCH,
        title="Français langue étrangère — alpha à A2 (démo)",
        commune=Commune(),
        capacity=25,
        street="Rue de la Démonstration 2",
        schedule="Lundi à vendredi, 9 h – 13 h",
        weekdays=[0, 1, 2, 3, 4],
        level_from="literacy",
        level_to="A2",
        waiting_weeks=6,
    ),
    OfferInput(
        track=Track.CITIZENSHIP,
        title="Citoyenneté en arabe (démo)",
        commune=Commune(),
        capacity=15,
        street="Rue de la Démonstration 2",
        schedule="Mardi et jeudi, 13 h – 16 h",
        weekdays=[1, 3],
        language="ar",
        waiting_weeks=4,
    ),
    OfferInput(
        track=Track.CITIZENSHIP,
        title="Citoyenneté en français facile (démo)",
        commune=Commune(),
        capacity=15,
        schedule="Mercredi, 9 h – 15 h",
        weekdays=[2],
        language="fr",
    ),
]


# The FOREM-like orientation of the ISP demo body: the 4 h job-orientation track.
_ISP_OFFER = OfferInput(
    track=Track.JOB_ORIENTATION,
    title="Orientation socioprofessionnelle — séance de 4 h (démo)",
    commune=Commune(),
    capacity=12,
    street="Rue de la Démonstration 3",
    schedule="Jeudi, 9 h – 13 h",
    weekdays=[3],
    language="fr",
    waiting_weeks=2,
)


def _partner(email: str = PARTNER_USER) -> tuple[Partner, User]:
    user = User.objects.select_related("partner").get(email=email)
    assert user.partner is not None  # noqa: S101 - the demo partner account (demo_seed)
    return user.partner, user


def _offer(email: str, data: OfferInput, mons: Commune) -> Offer:
    partner, user = _partner(email)
    offer = Offer.objects.filter(partner=partner, title=data.title).first()
    if offer is None:
        values = {**data.__dict__, "commune": mons}
        offer = offer_save(partner=partner, data=OfferInput(**values), actor=user)
    return offer


def demo_offers() -> list[Offer]:
    """The French and citizenship offers of the demo school, then the ISP orientation."""
    mons = Commune.objects.get(nis_code="53053")
    found = [_offer(PARTNER_USER, data, mons) for data in _OFFERS]
    return [*found, _offer(ISP_USER, _ISP_OFFER, mons)]


def _offer_for(track: str) -> Offer:
    return next(o for o in demo_offers() if o.track == track)


def _user_of(offer: Offer) -> User:
    return _partner(ISP_USER if offer.track == Track.JOB_ORIENTATION else PARTNER_USER)[1]


def _sessions(start: date, total: Decimal, today: date, centre_id: int) -> list[date]:
    """Weekdays the centre is open: no session on a public holiday or a closing day."""
    closed = set(
        ClosingDay.objects.filter(
            centre_id=centre_id, office__isnull=True, on__range=(start, today)
        ).values_list("on", flat=True)
    )
    days: list[date] = []
    day = start
    while len(days) * SESSION_HOURS < total and day <= today:
        open_day = day not in closed and not public_holiday(day)
        if day.weekday() < 5 and open_day:  # noqa: PLR2004 - Monday to Friday
            days.append(day)
        day += timedelta(days=1)
    return days


def demo_attendance(
    *,
    pathway: Pathway,
    hours: dict[str, Decimal],
    start: date,
    agent: User,
    stated_on: date | None = None,
) -> None:
    """Refer and accept from `start`, then record `hours` per track: sessions of four hours,
    or (`stated_on`) the total of a partner's attendance attestation entered by the centre."""
    today = timezone.localdate()
    for track, total in hours.items():
        offer = _offer_for(track)
        partner_user = _user_of(offer)
        enrolment = enrolment_refer(pathway=pathway, offer=offer, on=start, actor=agent)
        enrolment_answer(
            enrolment=enrolment, answer=Answer.ACCEPT, on=start, starts_on=start, actor=partner_user
        )
        if stated_on is not None:
            attendance_record_statement(
                enrolment=enrolment,
                hours=total,
                period_from=start,
                up_to=stated_on,
                actor=agent,
                today=today,
            )
            continue
        days = _sessions(start, total, today, pathway.centre_id)
        cells = [
            Cell(enrolment.pk, day, min(SESSION_HOURS, total - index * SESSION_HOURS))
            for index, day in enumerate(days)
        ]
        attendance_record(
            cells=cells,
            enrolments={enrolment.pk: enrolment},
            source=AttendanceSource.GRID,
            actor=partner_user,
            today=today,
        )


def _people(status: Status) -> list[Pathway]:
    found = Pathway.objects.filter(status=status, person__email__endswith="@example.org")
    return list(found.select_related("person").order_by("pk"))


@transaction.atomic
def training_seed(today: date | None = None) -> int:
    """Referrals waiting for an answer, on a waiting list, refused. Returns the number of
    referrals created (0 when they are already there)."""
    offers = demo_offers()
    partner, partner_user = _partner()
    pending = Enrolment.objects.filter(offer__partner=partner).exclude(status="accepted")
    if pending.exists():
        return 0
    day = today or timezone.localdate()
    agent = User.objects.get(email=AGENT)
    agreed = [
        p
        for p in _people(Status.AGREED)
        if not p.enrolments.filter(status__in=ACTIVE_STATUSES).exists()
    ]
    french, arabic, easy, _isp = offers
    created = 0
    for index, pathway in enumerate(agreed[:3]):
        enrolment = enrolment_refer(
            pathway=pathway,
            offer=french,
            on=day - timedelta(days=10 + index),
            actor=agent,
            message="Disponible le matin (démo).",
        )
        created += 1
        if index == 1:
            enrolment_answer(
                enrolment=enrolment,
                answer=Answer.WAIT,
                on=day - timedelta(days=5),
                expected_start_on=day + timedelta(weeks=6),
                actor=partner_user,
            )
        if index == 2:  # noqa: PLR2004 - the third demo person
            enrolment_answer(
                enrolment=enrolment,
                answer=Answer.REFUSE,
                on=day - timedelta(days=4),
                reason="Horaire incompatible avec son travail (démo).",
                actor=partner_user,
            )
            enrolment_refer(pathway=pathway, offer=easy, on=day - timedelta(days=3), actor=agent)
            created += 1
    for pathway in agreed[:1]:
        enrolment_refer(pathway=pathway, offer=arabic, on=day - timedelta(days=2), actor=agent)
        created += 1
    return created
