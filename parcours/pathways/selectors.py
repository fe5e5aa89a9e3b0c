"""Scoped reads: a centre's agents and coordinators see the files of their centre, nobody
else sees casework (DESIGN.md, "Who uses it"). Outside the scope: 404."""

import re
from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from parcours.accounts.enums import CENTRE_ROLES, Role, TokenScope
from parcours.accounts.models import ApiToken, User
from parcours.core.text import fold
from parcours.pathways.enums import (
    CommuneStatus,
    ComplianceStage,
    EventKind,
    Obligation,
    Recipient,
    Status,
)
from parcours.pathways.models import (
    ImportJob,
    NonCompliance,
    Notification,
    Pathway,
    Referral,
)
from parcours.people.models import Person

_DATE_FR = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_NUMBER = re.compile(r"^[\d.\- ]{11,15}$")
SEARCH_LIMIT = 50


def pathways_visible_to(*, user: User) -> QuerySet[Pathway]:
    """A transferred file belongs to its new centre (its records followed it); the old
    centre keeps nothing it does not need, so neither the person nor the file."""
    if user.role in CENTRE_ROLES and user.centre_id is not None:
        return Pathway.objects.filter(centre_id=user.centre_id).exclude(status=Status.TRANSFERRED)
    return Pathway.objects.none()


_COMMUNE_STATUS = {
    Status.COMPLETED: CommuneStatus.COMPLETED,
    Status.WAIVED: CommuneStatus.WAIVED,
    Status.NOT_CONCERNED: CommuneStatus.NOT_CONCERNED,
    Status.WITHDRAWN: CommuneStatus.DOES_NOT_FOLLOW,
    Status.NON_COMPLIANT: CommuneStatus.DOES_NOT_FOLLOW,
    Status.REPORTED: CommuneStatus.DOES_NOT_FOLLOW,
}


def commune_status(
    status: str, *, obligation: str = "", voluntary: bool = False, permit_pending: bool = False
) -> CommuneStatus:
    """A pathway status told to a commune. An open file follows the pathway — unless the
    decision says the person is not concerned or waived (and they do not follow it of their
    own will), or the permit is ordered but not issued yet."""
    fixed = _COMMUNE_STATUS.get(Status(status))
    if fixed is not None:
        return fixed
    if not voluntary:
        if obligation in (Obligation.NOT_CONCERNED, Obligation.OUT_OF_SCOPE):
            return CommuneStatus.NOT_CONCERNED
        if obligation == Obligation.WAIVED:
            return CommuneStatus.WAIVED
        if permit_pending:
            return CommuneStatus.PERMIT_PENDING
    return CommuneStatus.FOLLOWS


def commune_person_status(person: Person) -> CommuneStatus:
    """For a row of `commune_people`."""
    pending = person.permit_valid_from is None and person.permit_ordered_on is not None
    return commune_status(
        person.pathway_status,  # type: ignore[attr-defined]
        obligation=person.pathway_obligation,  # type: ignore[attr-defined]
        voluntary=bool(person.pathway_voluntary),  # type: ignore[attr-defined]
        permit_pending=pending,
    )


def commune_people(*, user: User) -> QuerySet[Person]:
    """The people a commune user's commune referred or who live in it, each annotated with
    the status, obligation and voluntary flag of their current file; nobody for any other
    user."""
    if user.role != Role.COMMUNE or user.commune_id is None:
        return Person.objects.none()
    commune = user.commune_id
    current = (
        Pathway.objects.filter(person=OuterRef("pk"))
        .exclude(status=Status.TRANSFERRED)
        .order_by("-referred_on", "-id")
    )
    referred = Referral.objects.filter(pathway__person=OuterRef("pk"), commune_id=commune)
    fields = ("pk", "family_name", "given_names", "birth_date")
    return (
        Person.objects.filter(merged_into__isnull=True)
        .filter(Q(commune_id=commune) | Exists(referred))
        .annotate(
            pathway_status=Subquery(current.values("status")[:1]),
            pathway_obligation=Subquery(current.values("obligation")[:1]),
            pathway_voluntary=Subquery(current.values("voluntary")[:1]),
        )
        .filter(pathway_status__isnull=False)
        .only(*fields, "permit_valid_from", "permit_ordered_on")
        .order_by("family_name", "given_names", "pk")
    )


def commune_inbox(*, user: User) -> QuerySet[Notification]:
    """What the centres told a commune user's commune about its people; nothing for any
    other user."""
    if user.role != Role.COMMUNE or user.commune_id is None:
        return Notification.objects.none()
    return (
        Notification.objects.filter(recipient=Recipient.COMMUNE, commune_id=user.commune_id)
        .select_related("pathway__person", "pathway__centre")
        .order_by("-sent_on", "-id")
    )


def people_visible_to(*, user: User) -> QuerySet[Person]:
    scoped = pathways_visible_to(user=user).filter(person=OuterRef("pk"))
    return Person.objects.filter(Exists(scoped), merged_into__isnull=True)


def pathway_get_for_staff(*, user: User, pathway_id: int) -> Pathway:
    return get_object_or_404(
        pathways_visible_to(user=user).select_related("person", "centre"), pk=pathway_id
    )


def person_get_for_staff(*, user: User, person_id: int) -> Person:
    return get_object_or_404(people_visible_to(user=user).select_related("commune"), pk=person_id)


def parse_date(text: str) -> date | None:
    text = text.strip()
    match = _DATE_FR.match(text)
    try:
        if match:
            return date(int(match[3]), int(match[2]), int(match[1]))
        return date.fromisoformat(text)
    except ValueError:
        return None


def people_search(*, user: User, query: str) -> QuerySet[Person]:
    """By name (accent- and case-insensitive, partial), national number or birth date."""
    people = people_visible_to(user=user).select_related("commune")
    query = query.strip()[:100]
    digits = re.sub(r"\D", "", query)
    if _NUMBER.match(query) and len(digits) == 11:  # noqa: PLR2004 - Belgian numbers: 11 digits
        return people.filter(national_number=digits)
    born = parse_date(query)
    if born is not None:
        return people.filter(birth_date=born)
    words = fold(query).split()
    if not words:
        return people.none()
    for word in words:
        people = people.filter(search_text__contains=word)
    return people.order_by("family_name", "given_names")


def probable_duplicates(*, user: User, person: Person) -> QuerySet[Person]:
    """Same birth date and same names up to accents, case, hyphens and order."""
    return (
        people_visible_to(user=user)
        .filter(birth_date=person.birth_date, name_key=person.name_key)
        .exclude(pk=person.pk)
    )


def duplicates_of(
    *, user: User, birth_date: date, family_name: str, given_names: str
) -> QuerySet[Person]:
    from parcours.people.names import name_key  # noqa: PLC0415 - keep the module's imports light

    return people_visible_to(user=user).filter(
        birth_date=birth_date, name_key=name_key(family_name, given_names)
    )


def commune_users_for(*, user: User) -> QuerySet[User]:
    """The commune users of a coordinator's area (those who may hold a referral token), each
    with its referral tokens in `referral_tokens`, newest first."""
    if user.role != Role.COORDINATOR or user.centre_id is None:
        return User.objects.none()
    return (
        User.objects.filter(role=Role.COMMUNE, commune__centre_id=user.centre_id)
        .select_related("commune")
        .prefetch_related(
            Prefetch(
                "api_tokens",
                queryset=ApiToken.objects.filter(scope=TokenScope.REFERRALS),
                to_attr="referral_tokens",
            )
        )
        .order_by("commune__name_fr", "email")
    )


def commune_user_get_for_staff(*, user: User, user_id: int) -> User:
    return get_object_or_404(commune_users_for(user=user), pk=user_id)


def referral_token_get_for_staff(*, user: User, token_id: int) -> ApiToken:
    return get_object_or_404(
        ApiToken.objects.select_related("user__commune").filter(
            scope=TokenScope.REFERRALS, user__in=commune_users_for(user=user)
        ),
        pk=token_id,
    )


def sanction_files_for(*, user: User) -> QuerySet[NonCompliance]:
    """The sanction files sent to the Region (CWASS art. 152/8): the Region's users only."""
    if user.role != Role.REGION:
        return NonCompliance.objects.none()
    return NonCompliance.objects.filter(
        stage=ComplianceStage.REPORTED, reported_on__isnull=False
    ).select_related("pathway__person", "pathway__centre")


def sanction_file_get(*, user: User, case_id: int) -> NonCompliance:
    return get_object_or_404(sanction_files_for(user=user), pk=case_id)


def import_job_get_for_staff(*, user: User, token: str) -> ImportJob:
    """An import's progress row: only its uploader sees it."""
    return get_object_or_404(ImportJob.objects.filter(user=user), token=token)


# What a sanction file shows of the timeline: the case, the status changes and the
# evaluations (CWASS art. 152/8), not the rest of the file (health, help, hours…).
SANCTION_FILE_EVENTS = (EventKind.COMPLIANCE, EventKind.STATUS, EventKind.EVALUATION)


def sanction_file_context(case: NonCompliance) -> dict[str, object]:
    """The sanction file's content, the same for the centre's copy and the Region's."""
    pathway = case.pathway
    events = pathway.events.filter(kind__in=SANCTION_FILE_EVENTS).select_related("actor")
    return {
        "case": case,
        "person": pathway.person,
        "centre": pathway.centre,
        "events": list(events[:100]),
    }
