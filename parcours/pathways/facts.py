"""Rules inputs built from the records: the obligation payload (rules.contract), the legal
clock's `PathwayDates` and the completion `Progress`."""

from datetime import date

from parcours.pathways.enums import AgreementKind
from parcours.pathways.models import Agreement, Pathway
from parcours.people.models import Person
from parcours.rules import Adjustment, PathwayDates, Progress
from parcours.rules.loader import CEFR_LEVELS
from parcours.training import ledger

# Person fields the obligation rule reads: a correction to one of them recomputes it.
OBLIGATION_FACTS = frozenset(
    {
        "birth_date",
        "nationalities",
        "family_member_of_eea_citizen",
        "legal_stay_since",
        "arrived_on",
        "registered_on",
        "permit_ordered_on",
        "permit_valid_from",
        "permit_valid_until",
        "commune",
    }
)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _permit(person: Person) -> dict[str, str | None] | None:
    """Only the order date known (the commune refers at the order): a permit not issued yet,
    which the rules treat as held from the order on."""
    ordered = person.permit_ordered_on or person.permit_valid_from
    if ordered is None:
        return None
    return {
        "valid_from": _iso(person.permit_valid_from),
        "valid_until": _iso(person.permit_valid_until),
        "ordered_on": ordered.isoformat(),
    }


def obligation_payload(pathway: Pathway, on: date) -> dict[str, object]:
    person = pathway.person
    permit = _permit(person)
    stay = (
        person.legal_stay_since
        or person.arrived_on
        or person.permit_valid_from
        or person.permit_ordered_on
    )
    return {
        "id": pathway.pk,
        "reference_date": on.isoformat(),
        "birth_date": person.birth_date.isoformat(),
        "nationalities": list(person.nationalities),
        "family_member_of_eea_citizen": person.family_member_of_eea_citizen,
        "legal_stay_since": _iso(stay) if permit else _iso(person.legal_stay_since),
        "registered_on": _iso(person.registered_on),
        "permit": permit,
        "commune_nis": person.commune.nis_code,
        "waivers": sorted({w.ground for w in pathway.waivers.all()}),
    }


def signed_agreements(pathway: Pathway) -> list[Agreement]:
    found = [a for a in pathway.agreements.all() if a.signed_on is not None]
    return sorted(found, key=lambda a: a.version)


def current_agreement(pathway: Pathway) -> Agreement | None:
    signed = signed_agreements(pathway)
    return signed[-1] if signed else None


def pathway_dates(pathway: Pathway) -> PathwayDates | None:
    person = pathway.person
    if person.registered_on is None or person.permit_ordered_on is None:
        return None
    signed = signed_agreements(pathway)
    initial = next((a for a in signed if a.kind != AgreementKind.EXTENSION), None)
    adjustments = tuple(
        Adjustment(
            kind=a.kind, reason=a.reason, starts_on=a.starts_on, months=a.months, until=a.until
        )
        for a in pathway.adjustments.all()
    )
    return PathwayDates(
        registered_on=person.registered_on,
        permit_ordered_on=person.permit_ordered_on,
        agreement_signed_on=initial.signed_on if initial else None,
        tracks=tuple(signed[-1].tracks) if signed else (),
        evaluations_held=tuple(e.held_on for e in pathway.evaluations.all()),
        adjustments=adjustments,
    )


def hours_by_track(pathway: Pathway) -> dict[str, float]:
    """The training ledger is the source of truth for hours."""
    return ledger.hours_by_track(pathway)


def welcome_done(pathway: Pathway) -> tuple[str, ...]:
    parts = {
        "social_assessment": hasattr(pathway, "assessment"),
        "rights_and_duties": bool(pathway.rights_sessions.all()),
        "french_test": bool(pathway.french_tests.all()),
        "administrative_help": bool(pathway.administrative_help.all()),
    }
    return tuple(part for part, done in parts.items() if done)


def french_level(pathway: Pathway) -> str | None:
    levels = [t.level for t in pathway.french_tests.all()]
    # Only proven levels count: a French test, or a partner's level with its test or
    # attestation. An evaluation's level is the worker's estimate, not a proof.
    levels += ledger.levels_reached(pathway)
    known = [level for level in levels if level in CEFR_LEVELS]
    return max(known, key=CEFR_LEVELS.index) if known else None


def progress(pathway: Pathway) -> Progress:
    agreement = current_agreement(pathway)
    return Progress(
        welcome_done=welcome_done(pathway),
        tracks=tuple(agreement.tracks) if agreement else (),
        hours=hours_by_track(pathway),
        french_level=french_level(pathway),
    )
