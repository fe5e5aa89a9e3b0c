"""Scoped reads: a centre's agents and coordinators see the files of their centre, nobody
else sees casework (DESIGN.md, "Who uses it"). Outside the scope: 404."""

import functools
import re
from typing import Any

from django.db import connection
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Collate
from django.http import Http404
from django.shortcuts import get_object_or_404

from parcours.accounts.enums import CENTRE_ROLES, Role, TokenScope
from parcours.accounts.models import ApiToken, User
from parcours.core.dates import parse_date
from parcours.core.prefetch import json_relations, json_relations_load
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
    Transfer,
    TransferRequest,
)
from parcours.people.models import Person, PersonMerge

_NUMBER = re.compile(r"^[\d.\- ]{11,15}$")
# At most this many people for a search by name (ranked): past it, the user adds a word.
SEARCH_LIMIT = 200
# Words this long also find names that are spelt a little differently (pg_trgm's
# `word_similarity` above `pg_trgm.word_similarity_threshold`, 0.6 by default).
_FUZZY_FROM = 4


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


def people_search(*, user: User, query: str, limit: int = SEARCH_LIMIT) -> list[Person]:
    """By name (accent- and case-insensitive, partial), national number or birth date, at
    most `limit` people in rank order (`people_search_keys`)."""
    return people_in_order(people_search_keys(user=user, query=query, limit=limit))


def people_search_keys(*, user: User, query: str, limit: int = SEARCH_LIMIT) -> list[int]:
    """The keys of the people a search finds, best first; an anonymised person is found by
    none of its paths (casework.retention).

    An 11-digit number is a national number, a date a birth date. Words are parts of the
    folded names (`search_text`), every word in the name, ranked in passes, each read only
    while fewer than `limit` were found: (1) the names that start with the first word, in
    the order of the folded name — on PostgreSQL a range scan of `person_search_prefix_idx`
    that stops at the LIMIT, so a common name costs the same as a rare one — then those that
    start with the second or third word, the others starting words of the name (the family
    name typed after the given name: "yara haddad" finds "Haddad Yara" by the same index;
    `_start_words`); (2) the names where a later word starts with the first word, then (3)
    the names that hold it elsewhere, each alphabetical (the trigram index finds those)."""
    people = people_visible_to(user=user).filter(anonymised_on__isnull=True)
    query = query.strip()[:100]
    digits = re.sub(r"\D", "", query)
    alphabetical = ("family_name", "given_names", "id")
    if _NUMBER.match(query) and len(digits) == 11:  # noqa: PLR2004 - Belgian numbers: 11 digits
        return _keys(people.filter(national_number=digits).order_by(*alphabetical), limit)
    born = parse_date(query)
    if born is not None:
        return _keys(people.filter(birth_date=born).order_by(*alphabetical), limit)
    words = fold(query).split()
    if not words:
        return []
    first = words[0]
    folded: Any = F("search_text")
    if connection.vendor == "postgresql":  # byte order, the prefix index's (SQLite's own)
        folded = Collate(folded, "C")
    people = people.alias(folded_name=folded)
    # `search_text::text LIKE '%word%'`: the trigram GIN index when the word is selective.
    holding = {word: Q(search_text__contains=word) for word in dict.fromkeys(words)}
    every = Q(*holding.values())
    starts = Q(folded_name__startswith=first)  # what the start passes found, so far
    # Not the first word held again: PostgreSQL would then AND both indexes and sort,
    # instead of reading the prefix index in order up to the LIMIT (9 → 18 ms for "nguyen").
    others = [q for word, q in holding.items() if word != first]
    passes = [people.filter(starts, *others).order_by("folded_name", "id")]
    for word in _start_words(list(holding)):
        # The name starts with this word, and each other word starts one of its words (the
        # word held anywhere as well: the condition the trigram index answers, beside the
        # prefix index's range).
        begins = Q(
            Q(folded_name__startswith=word),
            *(
                holding[other]
                & (Q(folded_name__startswith=other) | Q(search_text__contains=f" {other}"))
                for other in holding
                if other != word
            ),
        )
        passes.append(people.filter(begins).exclude(starts).order_by("folded_name", "id"))
        starts |= begins
    later = Q(search_text__contains=f" {first}")
    passes += [
        people.filter(every, later).exclude(starts).order_by(*alphabetical),
        people.filter(every).exclude(starts | later).order_by(*alphabetical),
    ]
    keys: list[int] = []
    for found in passes:
        keys += _keys(found, limit - len(keys))
        if len(keys) >= limit:
            break
    return keys


# The later words that get a pass of their own by the name's start: the family name typed
# after the given name, not every letter typed (the search runs as one types).
START_WORDS = 3
_START_FROM = 2


def _start_words(words: list[str]) -> list[str]:
    """The words after the first (of the first `START_WORDS`) whose start pass can find a
    name the passes before did not: two letters at least, not an earlier word made longer."""
    found: list[str] = []
    for index, word in enumerate(words[1:START_WORDS], start=1):
        if len(word) >= _START_FROM and not any(word.startswith(w) for w in words[:index]):
            found.append(word)
    return found


def _keys(people: QuerySet[Person], limit: int) -> list[int]:
    return list(people.values_list("pk", flat=True)[:limit])


def people_in_order(keys: list[int]) -> list[Person]:
    """These people (keys a scoped search found) with their commune, in that order."""
    found = Person.objects.select_related("commune").in_bulk(keys)
    return [found[pk] for pk in keys if pk in found]


class _WordSimilar(Func):
    """`search_text %> word`: pg_trgm's word similarity above its threshold
    (`pg_trgm.word_similarity_threshold`, 0.6), which the trigram GIN index answers."""

    output_field = BooleanField()
    template = "(%(expressions)s)"
    arg_joiner = " %%> "


def people_search_similar(*, user: User, query: str) -> QuerySet[Person]:
    """When a search by name finds nobody: the names spelt a little differently (PostgreSQL
    with pg_trgm; nothing elsewhere), closest first. Only words of `_FUZZY_FROM` letters."""
    words = [w for w in fold(query.strip()[:100]).split() if len(w) >= _FUZZY_FROM]
    people = people_visible_to(user=user).filter(anonymised_on__isnull=True)
    people = people.select_related("commune")
    if not words or _NUMBER.match(query.strip()) or not _trigram_available():
        return people.none()
    score: Any = Value(0.0)
    for word in words:
        people = people.filter(_WordSimilar(F("search_text"), Value(word)))
        similarity = Func(
            Value(word), F("search_text"), function="WORD_SIMILARITY", output_field=FloatField()
        )
        score = score + similarity
    ranked = people.annotate(rank=ExpressionWrapper(score, output_field=FloatField()))
    return ranked.order_by("-rank", "family_name", "given_names", "id")[:SEARCH_LIMIT]


@functools.cache
def _trigram_available() -> bool:
    """pg_trgm is there (PostgreSQL, and the role could create it): read once per process."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        return cursor.fetchone() is not None


def probable_duplicates(*, user: User, person: Person) -> list[Person]:
    """Same birth date and names alike: equal up to accents, case, hyphens and order, or up
    to transliteration, a missing given name, family and given names swapped (people.matching).

    One query: the people born that day are read as plain values and compared in Python;
    only the alike ones become `Person` instances (a person loaded counts as read, audit.reads,
    and the others are never shown)."""
    from types import SimpleNamespace  # noqa: PLC0415

    from parcours.people.matching import alike  # noqa: PLC0415 - keep the imports light

    same_day = people_visible_to(user=user).filter(
        birth_date=person.birth_date, anonymised_on__isnull=True
    )
    names = [f.attname for f in Person._meta.concrete_fields]  # the primary key first
    rows = list(same_day.exclude(pk=person.pk).order_by("pk").values_list(*names))
    candidates = [SimpleNamespace(pk=row[0], **dict(zip(names, row, strict=True))) for row in rows]
    found = {other.pk for other in alike(person, candidates)}  # type: ignore[arg-type]
    return [Person.from_db(same_day.db, names, row) for row in rows if row[0] in found]


# What the person page shows of the person's own lists, read with the person (one query):
# the identity's corrections and the privacy notices given, each with who did it.
_PAGE_LISTS = ("changes", "privacy_acknowledgements")
_PAGE_FOLLOW = {
    "changes": ("changed_by", ("full_name",)),
    "privacy_acknowledgements": ("recorded_by", ("full_name",)),
}


def person_find_for_page(*, user: User, person_id: int) -> Person | None:
    """The person with their commune, when this user may see them (not merged away), with
    the corrections and the privacy notices given in the same query: the person page's
    first query (`person.changes.all()` and `person.privacy_acknowledgements.all()` read
    no more)."""
    found = people_visible_to(user=user).select_related("commune").filter(pk=person_id)
    person = json_relations(found, _PAGE_LISTS, follow=_PAGE_FOLLOW).first()
    if person is not None:
        json_relations_load([person], _PAGE_LISTS, follow=_PAGE_FOLLOW)
    return person


def commune_users_for(*, user: User) -> QuerySet[User]:
    """The commune users of a coordinator's area (those who may hold a referral token), each
    with its referral tokens in `referral_tokens`, newest first."""
    if user.role == Role.ADMIN:
        holders = User.objects.filter(role=Role.COMMUNE, commune__isnull=False)
    elif user.role == Role.COORDINATOR and user.centre_id is not None:
        holders = User.objects.filter(role=Role.COMMUNE, commune__centre_id=user.centre_id)
    else:
        return User.objects.none()
    return (
        holders.select_related("commune")
        .prefetch_related(
            Prefetch(
                "api_tokens",
                queryset=ApiToken.objects.filter(scope=TokenScope.REFERRALS).select_related(
                    "issued_by", "revoked_by"
                ),
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


def transfer_requests_to_answer(*, user: User) -> QuerySet[TransferRequest]:
    """The requests for files this centre holds, waiting ones first."""
    if user.role not in CENTRE_ROLES or user.centre_id is None:
        return TransferRequest.objects.none()
    return (
        TransferRequest.objects.filter(from_centre_id=user.centre_id)
        .select_related("pathway__person", "commune", "new_commune", "to_centre")
        .order_by("-state", "-requested_at")  # "pending" before "accepted"/"refused"
    )


def transfer_requests_asked(*, user: User) -> QuerySet[TransferRequest]:
    """The requests made for this centre: their state only (nothing of the file)."""
    if user.role not in CENTRE_ROLES or user.centre_id is None:
        return TransferRequest.objects.none()
    return TransferRequest.objects.filter(to_centre_id=user.centre_id).select_related(
        "commune", "from_centre"
    )


def transfer_request_get_for_staff(*, user: User, request_id: int) -> TransferRequest:
    return get_object_or_404(transfer_requests_to_answer(user=user), pk=request_id)


def transfers_received(*, user: User) -> QuerySet[Transfer]:
    """The files other centres sent to this one (its transfers inbox), newest first."""
    if user.role not in CENTRE_ROLES or user.centre_id is None:
        return Transfer.objects.none()
    return (
        Transfer.objects.filter(to_centre_id=user.centre_id)
        .select_related("new_pathway__person", "from_centre", "created_by")
        .order_by("-moved_on", "-pk")
    )


def transfer_sent_get_for_staff(*, user: User, transfer_id: int) -> Transfer:
    """A transfer this centre made (its confirmation page): the old centre keeps the record."""
    if user.role not in CENTRE_ROLES or user.centre_id is None:
        raise Http404
    return get_object_or_404(
        Transfer.objects.select_related("old_pathway__person", "to_centre"),
        from_centre_id=user.centre_id,
        pk=transfer_id,
    )


def merged_person_target(*, user: User, person_id: int) -> int | None:
    """The kept person a merged record now is, when this user may see them; else None."""
    found = Person.objects.filter(pk=person_id).values_list("merged_into", flat=True).first()
    seen: set[int] = set()
    while found is not None and found not in seen:
        seen.add(found)
        after = Person.objects.filter(pk=found).values_list("merged_into", flat=True).first()
        if after is None:
            break
        found = after
    if found is None or not people_visible_to(user=user).filter(pk=found).exists():
        return None
    return int(found)


def merges_for(*, user: User) -> QuerySet[PersonMerge]:
    """Every recorded merge, for the administrators who may undo one."""
    if user.role != Role.ADMIN:
        return PersonMerge.objects.none()
    return PersonMerge.objects.select_related("kept", "merged", "merged_by", "undone_by")
