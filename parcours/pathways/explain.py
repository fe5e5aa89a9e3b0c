"""Rules outcomes in plain words, in the reader's language (reason messages are message ids)."""

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext, gettext_noop

from parcours.rules import REASONS, Reason

# The rules speak to the person ("You are a regular student."): the staff read the same
# reasons about the person. Not in rules.reasons, whose messages every portal language
# translates; these are for the staff catalogue only.
STAFF_MESSAGES = {
    "outside_french_language_region": gettext_noop(
        "The commune is not in the French-language region: the Walloon integration pathway "
        "does not apply there."
    ),
    "belgian": gettext_noop("Belgian nationality: the pathway is compulsory only for foreigners."),
    "eea_citizen": gettext_noop(
        "Citizen of the European Union, the European Economic Area or Switzerland."
    ),
    "eea_family_member": gettext_noop(
        "Family member of a citizen of the European Union, the European Economic Area or "
        "Switzerland."
    ),
    "no_permit": gettext_noop("No residence permit valid on the reference date."),
    "short_permit": gettext_noop("Residence permit valid for {months} months or less."),
    "stay_over_3_years": gettext_noop("Legal stay in Belgium of {years} years or more."),
    "under_18": gettext_noop("Under {years}."),
    "aged_65_or_more": gettext_noop("{years} or older."),
    "standstill_nationality": gettext_noop(
        "Nationality covered by the standstill clause of an association agreement with the "
        "European Union (Turkey)."
    ),
    "medical_certificate": gettext_noop(
        "Medical certificate: illness or a severe disability prevents following the pathway."
    ),
    "belgian_diploma": gettext_noop(
        "Holds a diploma or certificate of the Belgian education system."
    ),
    "attestation_other_region": gettext_noop(
        "Holds an integration certificate from another Region or Community."
    ),
    "employment_half_time_3_months": gettext_noop(
        "Worked at least half-time for a continuous period of more than three months."
    ),
    "student": gettext_noop("Regular student."),
    "exchange_student": gettext_noop("Exchange student."),
    "doctoral_grant": gettext_noop("Holds a doctoral grant."),
    "higher_education_teacher": gettext_noop(
        "Teaches in a higher-education institution recognised by the Fédération Wallonie-Bruxelles."
    ),
    "permit_pending": gettext_noop(
        "Residence permit ordered but not issued yet: concerned once it is issued, the "
        "deadlines counted from the day it was ordered."
    ),
    "obligated": gettext_noop(
        "Meets every condition of the definition of a newcomer and no waiver applies: the "
        "integration pathway is compulsory."
    ),
}


def reason_text(code: str, params: dict[str, Any] | None = None, *, staff: bool = False) -> str:
    """`staff`: the reason about the person, for the centre's pages (the rules speak to the
    person)."""
    spec = REASONS.get(code)
    if spec is None:
        return code
    text = gettext(STAFF_MESSAGES.get(code, spec.message) if staff else spec.message)
    return text.format_map(params) if params else text


def reason_texts(reasons: Iterable[Reason]) -> list[str]:
    return [reason_text(item.code, dict(item.params)) for item in reasons]


def stored_reasons(reasons: list[dict[str, Any]], *, staff: bool = False) -> list[dict[str, str]]:
    return [
        {
            "code": r["code"],
            "legal_basis": r["legal_basis"],
            "text": reason_text(r["code"], r["params"], staff=staff),
        }
        for r in reasons
    ]
