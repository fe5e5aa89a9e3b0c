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
from parcours.pathways.models import Pathway, Referral
from parcours.pathways.services.clock import pathway_refresh
from parcours.pathways.services.decisions import decision_compute
from parcours.pathways.services.events import event_record
from parcours.pathways.services.moves import pathway_transfer
from parcours.pathways.territory_adapter import DatabaseTerritory
from parcours.pathways.transitions import OPEN_STATUSES
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


COMMUNE_SOURCES = frozenset({ReferralSource.CSV, ReferralSource.API})
# What a referral may correct on a person already known: where they live now.
ADDRESS_FIELDS = ("street", "postal_code", "commune")


def _person(data: "ReferralInput", actor: User | None) -> Person:
    cleaned = clean_person_fields(data.person)
    number = cleaned.get("national_number")
    existing = (
        Person.objects.filter(national_number=number, merged_into__isnull=True).first()
        if number
        else None
    )
    if existing is None:
        return person_create(fields=cleaned, actor=actor)
    check_same_person(existing, cleaned)
    _check_may_refer(existing, cleaned, data, actor)
    _update_address(existing, cleaned, actor, data)
    return existing


def check_same_person(person: Person, fields: dict[str, Any]) -> None:
    if not is_same_person(person, fields):
        raise IdentityMismatchError(
            _(
                "The national number %(number)s is recorded for a person with another name or "
                "birth date: check the number, the names and the birth date. Nothing was recorded."
            )
            % {"number": person.national_number_display}
        )


def _holding_centres(person: Person, actor: User) -> list[Centre]:
    """The other centres holding an open file of this person."""
    files = Pathway.objects.filter(person=person, status__in=OPEN_STATUSES)
    if actor.centre_id is not None:
        files = files.exclude(centre_id=actor.centre_id)
    return [pathway.centre for pathway in files.select_related("centre")]


def _from_commune_of_address(cleaned: dict[str, Any], data: "ReferralInput") -> bool:
    """The commune's own list (CSV) or API, for a person now living in that commune: the
    population register's word on a move (domain.md, "The pathway", 9)."""
    commune = cleaned.get("commune")
    return data.source in COMMUNE_SOURCES and commune is not None and commune == data.commune


def _check_may_refer(
    person: Person, cleaned: dict[str, Any], data: "ReferralInput", actor: User | None
) -> None:
    """Staff of a centre never change, nor move, a person whose open file another centre
    holds: only the commune of the new address may, by its list or its API."""
    if actor is None or actor.centre_id is None or _from_commune_of_address(cleaned, data):
        return
    holders = _holding_centres(person, actor)
    if holders:
        raise FileHeldElsewhereError(
            _(
                "This person's file is held by %(centre)s: send them the referral, or ask the "
                "commune of the new address to refer the person. Nothing was recorded."
            )
            % {"centre": ", ".join(sorted({c.name for c in holders}))}
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
        _recompute_open(person, actor)


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


def _recompute_open(person: Person, actor: User | None) -> None:
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


@transaction.atomic
def referral_register(
    *,
    data: ReferralInput,
    actor: User | None,
    batch: str = "",
    territory: DatabaseTerritory | None = None,
) -> Referral:
    person = _person(data, actor)
    pathway, created = _pathway(person, data, actor)
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


@transaction.atomic
def person_correct(
    *, person: Person, fields: dict[str, Any], actor: User, reason: str = ""
) -> list[str]:
    """Correct a person; when a fact of the obligation decision changed, recompute it on every
    open pathway: recomputed, and the change recorded."""
    changed = person_update(person=person, fields=fields, actor=actor, reason=reason)
    if OBLIGATION_FACTS.intersection(changed):
        _recompute_open(person, actor)
    return changed
