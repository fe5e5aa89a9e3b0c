"""People and pathways in legal states: `make_referral(obliged=True)`, `make_pathway(...)`."""

from datetime import date
from typing import Any

from parcours.accounts.models import User
from parcours.pathways.enums import ReferralSource
from parcours.pathways.models import Pathway, Referral
from parcours.pathways.services.intake import ReferralInput, referral_register
from parcours.people.enums import Sex
from parcours.people.models import Person
from parcours.territory.models import Commune

# A valid national register number (python-stdnum's example) and a valid BIS number.
NATIONAL_NUMBER = "85073003328"
BIS_NUMBER = "85473003317"
REFERRED_ON = date(2026, 3, 2)


def person_fields(**overrides: Any) -> dict[str, Any]:
    """An obliged newcomer on REFERRED_ON: Syrian, 40, permit of five years, Mons."""
    fields: dict[str, Any] = {
        "family_name": "Al-Hassan",
        "given_names": "Amira",
        "birth_date": date(1985, 7, 30),
        "sex": Sex.FEMALE,
        "nationalities": ["SY"],
        "national_number": NATIONAL_NUMBER,
        "languages": ["ar", "en"],
        "letter_language": "ar",
        "phone": "0470 12 34 56",
        "email": "amira@example.org",
        "street": "Rue de Nimy 12",
        "postal_code": "7000",
        "commune": Commune.objects.get(nis_code="53053"),
        "arrived_on": date(2025, 11, 2),
        "legal_stay_since": date(2025, 11, 2),
        "registered_on": date(2026, 1, 15),
        "permit_kind": "A",
        "permit_ordered_on": date(2026, 1, 10),
        "permit_valid_from": date(2026, 1, 10),
        "permit_valid_until": date(2031, 1, 9),
    }
    fields.update(overrides)
    return fields


def make_pathway(
    *,
    actor: User | None = None,
    voluntary: bool = False,
    referred_on: date = REFERRED_ON,
    new_person: bool = False,
    **person: Any,
) -> Pathway:
    """`new_person`: record another person even when one with the same names and birth date
    is known (a duplicate, for the merge tests)."""
    fields = person_fields(**person)
    data = ReferralInput(
        person=fields,
        commune=fields["commune"],
        referred_on=referred_on,
        source=ReferralSource.FORM,
        voluntary=voluntary,
        new_person=new_person,
    )
    referral = referral_register(data=data, actor=actor)
    assert isinstance(referral, Referral), "a transfer request, not a referral"
    return referral.pathway


def make_person(**overrides: Any) -> Person:
    return make_pathway(**overrides).person
