"""Scoped reads. A partner user sees only the enrolments in its organisation's offers, and of
each person only what it needs (`ReferredPerson`) — never the social assessment, the decision
or other tracks. Centre staff read the enrolments of the files of their centre. Else: 404."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.core.geo import distance_km
from parcours.pathways.facts import current_agreement, french_level
from parcours.pathways.models import Pathway
from parcours.pathways.selectors import pathways_visible_to
from parcours.rules.errors import RulesError
from parcours.training.enums import EnrolmentStatus, Track
from parcours.training.ledger import LedgerTerms, TrackLine, current_attendance, track_lines
from parcours.training.models import Attendance, Enrolment, Offer, Partner


def _partner_id(user: User) -> int:
    if user.role != Role.PARTNER or user.partner_id is None:
        raise Http404
    return user.partner_id


def partner_enrolments(*, user: User) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(offer__partner_id=_partner_id(user)).select_related(
        "offer", "pathway__person"
    )


def enrolment_get_for_partner(*, user: User, enrolment_id: int) -> Enrolment:
    return get_object_or_404(partner_enrolments(user=user), pk=enrolment_id)


def partner_offers(*, user: User) -> QuerySet[Offer]:
    accepted = Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.ACCEPTED))
    return (
        Offer.objects.filter(partner_id=_partner_id(user))
        .select_related("commune")
        .annotate(enrolled=accepted)
    )


def offer_get_for_partner(*, user: User, offer_id: int) -> Offer:
    return get_object_or_404(partner_offers(user=user).select_related("partner"), pk=offer_id)


@dataclass(frozen=True)
class ReferredPerson:
    """All a partner sees of a person referred to it (DESIGN.md, "Who uses it")."""

    enrolment_id: int
    family_name: str
    given_names: str
    birth_date: date
    phone: str
    email: str
    letter_language: str
    track: str
    track_label: str
    offer_id: int
    offer_title: str
    status: str
    status_label: str
    referred_on: date
    message: str
    starts_on: date | None
    expected_start_on: date | None

    @property
    def full_name(self) -> str:
        return f"{self.family_name.upper()} {self.given_names}"


def referred_person(enrolment: Enrolment) -> ReferredPerson:
    person = enrolment.pathway.person
    return ReferredPerson(
        enrolment_id=enrolment.pk,
        family_name=person.family_name,
        given_names=person.given_names,
        birth_date=person.birth_date,
        phone=person.phone_display,
        email=person.email,
        letter_language=person.letter_language,
        track=enrolment.track,
        track_label=str(Track(enrolment.track).label),
        offer_id=enrolment.offer_id,
        offer_title=enrolment.offer.title,
        status=enrolment.status,
        status_label=str(EnrolmentStatus(enrolment.status).label),
        referred_on=enrolment.referred_on,
        message=enrolment.message,
        starts_on=enrolment.starts_on,
        expected_start_on=enrolment.expected_start_on,
    )


def partner_inbox(
    *, user: User, order_by: Sequence[str] = ("referred_on", "pk")
) -> dict[str, list[ReferredPerson]]:
    """The partner's referrals by status, each list in `order_by` (whitelisted by the view)."""
    found = partner_enrolments(user=user).order_by(*order_by)
    inbox: dict[str, list[ReferredPerson]] = {s: [] for s in EnrolmentStatus.values}
    for enrolment in found:
        inbox[enrolment.status].append(referred_person(enrolment))
    return inbox


HISTORY_PAGE_SIZE = 50


def attendance_history(enrolment: Enrolment) -> QuerySet[Attendance]:
    """Every row, the superseded ones too, with who entered it."""
    return enrolment.attendances.select_related("entered_by").order_by(
        "-attended_on", "-entered_at", "-id"
    )


def pathway_attendance_history(pathway: Pathway) -> QuerySet[Attendance]:
    """Every row of every enrolment of the file, newest first (the view pages through it)."""
    return (
        Attendance.objects.filter(enrolment__pathway=pathway)
        .select_related("entered_by", "enrolment__offer__partner")
        .order_by("-attended_on", "-entered_at", "-id")
    )


def history_page(rows: QuerySet[Attendance], number: str | None) -> Page[Attendance]:
    """One page of an attendance history; a bad or too high number gives the nearest page."""
    return Paginator(rows, HISTORY_PAGE_SIZE).get_page(number)


# ---- the class grid --------------------------------------------------------------------

MAX_GRID_DATES = 62
WORKDAYS = (0, 1, 2, 3, 4)


def grid_dates(offer: Offer, start: date, end: date) -> list[date]:
    days = tuple(offer.weekdays) or WORKDAYS
    found: list[date] = []
    day = start
    while day <= end and len(found) < MAX_GRID_DATES:
        if day.weekday() in days:
            found.append(day)
        day += timedelta(days=1)
    return found


@dataclass
class Grid:
    offer: Offer
    dates: list[date]
    people: list[ReferredPerson]
    values: dict[tuple[int, date], str]


def class_grid(*, user: User, offer: Offer, dates: list[date]) -> Grid:
    """The enrolled people of one offer × dates, with the current hours: three queries."""
    enrolments = list(
        partner_enrolments(user=user)
        .filter(offer=offer, status=EnrolmentStatus.ACCEPTED)
        .order_by("pathway__person__family_name", "pathway__person__given_names", "pk")
    )
    rows = current_attendance().filter(
        enrolment__in=[e.pk for e in enrolments], attended_on__in=dates, kind="session"
    )
    values = {(r.enrolment_id, r.attended_on): f"{r.hours.normalize():f}" for r in rows}
    return Grid(offer, dates, [referred_person(e) for e in enrolments], values)


# ---- centre side -------------------------------------------------------------------------


def enrolment_get_for_staff(*, user: User, pathway: Pathway, enrolment_id: int) -> Enrolment:
    found = Enrolment.objects.filter(pathway__in=pathways_visible_to(user=user), pathway=pathway)
    return get_object_or_404(found.select_related("offer__partner"), pk=enrolment_id)


@dataclass(frozen=True)
class Suggestion:
    offer: Offer
    distance: float | None
    seats_left: int


def suitable_offers(*, pathway: Pathway) -> list[Suggestion]:
    """Open offers of the agreement's tracks (all tracks before it), nearest first."""
    agreement = current_agreement(pathway)
    tracks = list(agreement.tracks) if agreement else list(Track.values)
    accepted = Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.ACCEPTED))
    offers = (
        Offer.objects.filter(is_open=True, track__in=tracks)
        .select_related("partner", "commune")
        .annotate(enrolled=accepted)
    )
    home = pathway.person.commune
    found = [
        Suggestion(
            offer=offer,
            distance=distance_km(
                home.latitude, home.longitude, offer.commune.latitude, offer.commune.longitude
            ),
            seats_left=max(offer.capacity - offer.enrolled, 0),
        )
        for offer in offers
    ]
    return sorted(found, key=lambda s: (s.distance or 0.0, s.offer.title))


def ledger_terms(pathway: Pathway) -> LedgerTerms:
    from parcours.pathways import parameters  # noqa: PLC0415 - keep the module's imports light

    agreement = current_agreement(pathway)
    governing = agreement.signed_on or agreement.starts_on if agreement else pathway.referred_on
    # No parameter in force on the governing date is an error to see, not "no exit level".
    exit_level = str(parameters.read("french_exit_level", governing).value)
    return LedgerTerms(
        agreement=agreement,
        minimums={k: int(v) for k, v in (agreement.minimum_hours if agreement else {}).items()},
        exit_level=exit_level,
        french_level=french_level(pathway),
        pace_percent=_pace_percent(governing),
    )


def _pace_percent(on: date) -> int | None:
    """The pace threshold of the agreement's date; none before it exists (no flag then: the
    threshold is a working rule of the centres, not of the decree)."""
    from parcours.pathways import parameters  # noqa: PLC0415 - keep the module's imports light

    try:
        return parameters.number("hours_pace_minimum_percent", on)
    except RulesError:
        return None


def pathway_ledger(*, pathway: Pathway, today: date) -> list[TrackLine]:
    """`pathway` loaded with `pathways.loading.pathways_with_file` (bounded queries)."""
    return track_lines(pathway, ledger_terms(pathway), today)


# Partner bodies as a coordinator manages them (staff/manage/).
def partners_managed_by(*, user: User) -> QuerySet[Partner]:
    """The bodies a user manages: a coordinator's centre's, every one for an administrator
    (and, to read, for the Region)."""
    found = Partner.objects.select_related("commune").prefetch_related("centres")
    if user.role in (Role.ADMIN, Role.REGION):
        return found.all()
    if user.role == Role.COORDINATOR and user.centre_id is not None:
        return found.filter(centres=user.centre_id)
    return found.none()


def partners_to_join(*, user: User) -> QuerySet[Partner]:
    """Bodies the coordinator's centre does not work with yet (to add one that serves several
    centres instead of recording it twice)."""
    if user.role != Role.COORDINATOR:
        return Partner.objects.none()
    return Partner.objects.exclude(centres=user.centre_id).order_by("name")


def partner_get_for_staff(*, user: User, partner_id: int) -> Partner:
    return get_object_or_404(partners_managed_by(user=user), pk=partner_id)


def offer_get_for_staff(*, user: User, partner: Partner, offer_id: int) -> Offer:
    return get_object_or_404(Offer.objects.filter(partner=partner), pk=offer_id)


def open_offers_by_track(*, tracks: list[str]) -> dict[str, list[Offer]]:
    """The open offers of each track, for the choice on the agreement's generation form."""
    found: dict[str, list[Offer]] = {track: [] for track in tracks}
    offers = Offer.objects.filter(is_open=True, track__in=tracks).select_related(
        "partner", "commune"
    )
    for offer in offers.order_by("partner__name", "title"):
        found[offer.track].append(offer)
    return found


def offer_label(offer: Offer) -> str:
    return f"{offer.partner.name} — {offer.title}"
