"""Referrals (staff form, CSV, API) open or join a pathway and decide the obligation."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.core.errors import DomainError
from parcours.pathways.enums import EventKind, ReferralSource
from parcours.pathways.errors import FileHeldElsewhereError, IdentityMismatchError
from parcours.pathways.facts import OBLIGATION_FACTS
from parcours.pathways.models import Pathway, Referral, TransferRequest
from parcours.pathways.services.clock import pathway_refresh
from parcours.pathways.services.decisions import decision_compute
from parcours.pathways.services.events import event_record
from parcours.pathways.services.moves import pathway_transfer
from parcours.pathways.services.transfer_requests import transfer_request_create
from parcours.pathways.territory_adapter import DatabaseTerritory
from parcours.pathways.transitions import OPEN_STATUSES
from parcours.people.errors import ProbableMatchError
from parcours.people.matching import person_match
from parcours.people.models import Person
from parcours.people.names import is_same_person
from parcours.people.services import clean_person_fields, person_create, person_update
from parcours.territory.models import Centre, Commune


@dataclass(frozen=True)
class ReferralInput:
    person: dict[str, Any]
    commune: Commune  # the referring commune
    referred_on: date
    source: ReferralSource
    note: str = ""
    voluntary: bool = False
    # The user's answer to a probable match: the person it is (`same_as`, a primary key), or
    # "another person" (`new_person`).
    same_as: int | None = None
    new_person: bool = False


COMMUNE_SOURCES = frozenset({ReferralSource.CSV, ReferralSource.API})
# What a referral may correct on a person already known: where they live now.
ADDRESS_FIELDS = ("street", "postal_code", "commune")


def _known(data: "ReferralInput", cleaned: dict[str, Any]) -> Person | None:
    """The person already recorded (exact match, or the one the user confirmed), None for a
    new person; a probable match nobody confirmed is refused (ProbableMatchError)."""
    match = person_match(fields=cleaned)
    if data.same_as is not None:
        candidates = [p for p in (match.exact, *match.probable) if p is not None]
        chosen = next((p for p in candidates if p.pk == data.same_as), None)
        if chosen is None:
            raise DomainError(_("The person chosen does not match this referral: check it again."))
        return chosen
    if match.exact is not None and match.by_number:
        check_same_person(match.exact, cleaned)
        return match.exact
    if data.new_person:  # the user says: another person (a national number still identifies)
        return None
    if match.exact is not None:
        return match.exact
    if match.probable:
        raise ProbableMatchError(match.probable)
    return None


def check_same_person(person: Person, fields: dict[str, Any]) -> None:
    if not is_same_person(person, fields):
        raise IdentityMismatchError(
            _(
                "The national number %(number)s is recorded for a person with another name or "
                "birth date: check the number, the names and the birth date. Nothing was recorded."
            )
            % {"number": person.national_number_display}
        )


def _held_elsewhere(person: Person, cleaned: dict[str, Any], actor: User | None) -> list[Pathway]:
    """The open files of this person in another centre than the referrer's: the actor's own
    centre for staff, else the centre serving the (new) address."""
    commune = cleaned.get("commune") or person.commune
    here = actor.centre_id if actor is not None and actor.centre_id is not None else None
    if here is None:
        here = commune.centre_id
    if here is None:
        return []  # no centre there: `_pathway` refuses the referral with a clear message
    files = Pathway.objects.filter(person=person, status__in=OPEN_STATUSES).exclude(centre_id=here)
    return list(files.select_related("centre", "person"))


def _from_commune_of_address(cleaned: dict[str, Any], data: "ReferralInput") -> bool:
    """The commune's own list (CSV) or API, for a person now living in that commune: the
    population register's word on a move (domain.md, "The pathway", 9)."""
    commune = cleaned.get("commune")
    return data.source in COMMUNE_SOURCES and commune is not None and commune == data.commune


def _may_ask_transfer(cleaned: dict[str, Any], data: "ReferralInput", actor: User | None) -> bool:
    """Who may ask for another centre's file: the commune of the new address (its user, token
    or list), never the staff of another centre by their own form."""
    commune = cleaned.get("commune")
    if commune is None or commune.centre_id is None:
        return False
    if actor is not None and actor.centre_id is not None and actor.centre_id != commune.centre_id:
        return False
    return actor is None or actor.role == Role.COMMUNE or _from_commune_of_address(cleaned, data)


def _refuse_held(held: list[Pathway]) -> None:
    raise FileHeldElsewhereError(
        _(
            "This person's file is held by %(centre)s: send them the referral, or ask the "
            "commune of the new address to refer the person. Nothing was recorded."
        )
        % {"centre": ", ".join(sorted({p.centre.name for p in held}))}
    )


def _update_address(
    person: Person, cleaned: dict[str, Any], actor: User | None, data: "ReferralInput"
) -> None:
    """The referral is the commune's latest word on the address: recorded as a correction
    (with its history). A commune served by another centre transfers the open file there
    (domain.md, "The pathway", 9); a new commune recomputes the obligation."""
    address = {name: cleaned[name] for name in ADDRESS_FIELDS if cleaned.get(name)}
    if not address:
        return
    reason = _("Address from the referral of %(commune)s") % {"commune": data.commune.name_fr}
    changed = person_update(person=person, fields=address, actor=actor, reason=reason)
    if "commune" in changed:
        _follow_move(person, data.referred_on, reason, actor)
    if OBLIGATION_FACTS.intersection(changed):
        recompute_open(person, actor)


def _follow_move(person: Person, moved_on: date, reason: str, actor: User | None) -> None:
    centre = person.commune.centre
    if centre is None:
        return  # no centre there: `_pathway` refuses the referral with a clear message
    moving = Pathway.objects.filter(person=person, status__in=OPEN_STATUSES).exclude(centre=centre)
    for pathway in moving.select_related("centre"):
        if not Pathway.objects.filter(
            person=person, centre=centre, status__in=OPEN_STATUSES
        ).exists():
            pathway_transfer(
                pathway=pathway, to_centre=centre, moved_on=moved_on, reason=reason, actor=actor
            )


def recompute_open(person: Person, actor: User | None) -> None:
    for pathway in Pathway.objects.filter(person=person, status__in=OPEN_STATUSES):
        decision_compute(pathway=pathway, actor=actor)
        pathway_refresh(pathway=pathway)


def serving_centre(person: Person) -> Centre:
    """The centre of the person's commune, which opens the file (shared with the bulk import)."""
    centre = person.commune.centre
    if centre is None:
        raise DomainError(
            _("%(commune)s is not served by a centre: the Walloon pathway does not apply there.")
            % {"commune": person.commune.name_fr}
        )
    return centre


def referring_agent(actor: User | None) -> User | None:
    """An agent who records a referral becomes the file's referent."""
    return actor if actor is not None and actor.role == Role.AGENT else None


def _pathway(person: Person, data: ReferralInput, actor: User | None) -> tuple[Pathway, bool]:
    centre = serving_centre(person)
    found = Pathway.objects.filter(person=person, centre=centre, status__in=OPEN_STATUSES).first()
    if found is not None:
        return found, False
    created = Pathway.objects.create(
        person=person,
        centre=centre,
        referred_on=data.referred_on,
        voluntary=data.voluntary,
        agent=referring_agent(actor),
    )
    return created, True


def _same_referral(pathway: Pathway, data: ReferralInput) -> Referral | None:
    """The same referral received again (same commune, source and date): the first one."""
    return Referral.objects.filter(
        pathway=pathway, commune=data.commune, source=data.source, referred_on=data.referred_on
    ).first()


@transaction.atomic
def referral_register(
    *,
    data: ReferralInput,
    actor: User | None,
    batch: str = "",
    territory: DatabaseTerritory | None = None,
) -> Referral | TransferRequest:
    """Record a referral: the person is looked for first (never duplicated); a person whose
    open file another centre holds becomes a transfer request that centre answers."""
    cleaned = clean_person_fields(data.person)
    person = _known(data, cleaned)
    if person is None:
        person = person_create(fields=cleaned, actor=actor)
    else:
        held = _held_elsewhere(person, cleaned, actor)
        if held:
            if not _may_ask_transfer(cleaned, data, actor):
                _refuse_held(held)
            return transfer_request_create(
                pathway=held[0],
                fields=cleaned,
                referring=data.commune,
                source=data.source,
                referred_on=data.referred_on,
                note=data.note,
                actor=actor,
            )
        _complete_identity(person, cleaned, actor)
        _update_address(person, cleaned, actor, data)
    pathway, created = _pathway(person, data, actor)
    if not created and data.source == ReferralSource.API:
        again = _same_referral(pathway, data)
        if again is not None:
            return again
    return referral_on(
        pathway=pathway, data=data, actor=actor, batch=batch, created=created, territory=territory
    )


def referral_on(
    *,
    pathway: Pathway,
    data: ReferralInput,
    actor: User | None,
    batch: str = "",
    created: bool = False,
    territory: DatabaseTerritory | None = None,
) -> Referral:
    """The referral row and its timeline event on a file (a new file gets its decision)."""
    referral = Referral.objects.create(
        pathway=pathway,
        commune=data.commune,
        source=data.source,
        referred_on=data.referred_on,
        note=data.note,
        batch=batch,
        created_by=actor,
    )
    summary = _("Referred by %(commune)s (%(source)s)") % {
        "commune": data.commune.name_fr,
        "source": ReferralSource(data.source).label,
    }
    event_record(pathway=pathway, kind=EventKind.REFERRAL, summary=summary, actor=actor)
    if created:
        decision_compute(pathway=pathway, actor=actor, territory=territory)
        referral.pathway = pathway_refresh(pathway=pathway)
    return referral


def _complete_identity(person: Person, cleaned: dict[str, Any], actor: User | None) -> None:
    """A person found by names and birth date gets the national number the referral brings."""
    number = cleaned.get("national_number")
    if number and not person.national_number:
        person_update(
            person=person,
            fields={"national_number": number},
            actor=actor,
            reason=_("National number from a referral"),
        )


@transaction.atomic
def person_correct(
    *, person: Person, fields: dict[str, Any], actor: User, reason: str = ""
) -> list[str]:
    """Correct a person; when a fact of the obligation decision changed, recompute it on every
    open pathway: recomputed, and the change recorded."""
    changed = person_update(person=person, fields=fields, actor=actor, reason=reason)
    if OBLIGATION_FACTS.intersection(changed):
        recompute_open(person, actor)
    return changed
