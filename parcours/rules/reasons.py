"""Reason codes: stable identifiers (domain.md) with their legal basis and an English message
id. Messages are marked with `gettext_noop` so Django's makemessages extracts them, without
this package importing Django; the serializer translates them at the edge."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

TranslateFn = Callable[[str], str]


def gettext_noop(message: str) -> str:
    return message


DEFINITION = "CWASS art. 150"
WAIVER = "CWASS art. 152/7; Code réglementaire art. 238 ff."


@dataclass(frozen=True, slots=True)
class ReasonSpec:
    code: str
    legal_basis: str
    message: str


@dataclass(frozen=True, slots=True)
class Reason:
    """A reason in an outcome; `params` fill the `{placeholders}` of the message."""

    code: str
    legal_basis: str
    message: str
    params: tuple[tuple[str, object], ...] = ()

    def render(self, translate: TranslateFn) -> str:
        text = translate(self.message)
        return text.format_map(dict(self.params)) if self.params else text


# Reasons of the obligation decision (CWASS art. 150, 152/7), then of the completion check.
_OBLIGATION_SPECS = (
    ReasonSpec(
        "outside_french_language_region",
        DEFINITION,
        gettext_noop(
            "Your commune is not in the French-language region: the Walloon integration pathway "
            "does not apply there (Brussels, Flanders and the German-speaking Community have "
            "their own)."
        ),
    ),
    ReasonSpec(
        "belgian",
        DEFINITION,
        gettext_noop(
            "You have Belgian nationality: the pathway is compulsory only for foreign nationals."
        ),
    ),
    ReasonSpec(
        "eea_citizen",
        DEFINITION,
        gettext_noop(
            "You are a citizen of the European Union, the European Economic Area or Switzerland."
        ),
    ),
    ReasonSpec(
        "eea_family_member",
        DEFINITION,
        gettext_noop(
            "You are a family member of a citizen of the European Union, the European Economic "
            "Area or Switzerland."
        ),
    ),
    ReasonSpec(
        "no_permit",
        DEFINITION,
        gettext_noop("You do not hold a residence permit valid on the reference date."),
    ),
    ReasonSpec(
        "short_permit",
        DEFINITION,
        gettext_noop("Your residence permit is valid for {months} months or less."),
    ),
    ReasonSpec(
        "stay_over_3_years",
        DEFINITION,
        gettext_noop("You have stayed legally in Belgium for {years} years or more."),
    ),
    ReasonSpec("under_18", WAIVER, gettext_noop("You are under {years}.")),
    ReasonSpec("aged_65_or_more", WAIVER, gettext_noop("You are {years} or older.")),
    ReasonSpec(
        "standstill_nationality",
        WAIVER,
        gettext_noop(
            "Your nationality is covered by the standstill clause of an association agreement "
            "with the European Union (Turkey)."
        ),
    ),
    ReasonSpec(
        "medical_certificate",
        WAIVER,
        gettext_noop(
            "A medical certificate shows that illness or a severe disability prevents you from "
            "following the pathway."
        ),
    ),
    ReasonSpec(
        "belgian_diploma",
        WAIVER,
        gettext_noop("You hold a diploma or certificate of the Belgian education system."),
    ),
    ReasonSpec(
        "attestation_other_region",
        WAIVER,
        gettext_noop("You hold an integration certificate from another Region or Community."),
    ),
    ReasonSpec(
        "employment_half_time_3_months",
        WAIVER,
        gettext_noop(
            "You have worked at least half-time for a continuous period of more than three months."
        ),
    ),
    ReasonSpec("student", WAIVER, gettext_noop("You are a regular student.")),
    ReasonSpec("exchange_student", WAIVER, gettext_noop("You are an exchange student.")),
    ReasonSpec("doctoral_grant", WAIVER, gettext_noop("You hold a doctoral grant.")),
    ReasonSpec(
        "higher_education_teacher",
        WAIVER,
        gettext_noop(
            "You teach in a higher-education institution recognised by the Fédération "
            "Wallonie-Bruxelles."
        ),
    ),
    ReasonSpec(
        "permit_pending",
        "CWASS art. 150, 152/7",
        gettext_noop(
            "Your residence permit is ordered but not issued yet: you are concerned once it is "
            "issued, and the deadlines count from the day it was ordered."
        ),
    ),
    ReasonSpec(
        "obligated",
        "CWASS art. 150, 152/7",
        gettext_noop(
            "You meet every condition of the definition of a newcomer and no waiver applies: "
            "the integration pathway is compulsory for you."
        ),
    ),
)
_COMPLETION_SPECS = (
    ReasonSpec(
        "welcome_social_assessment_missing",
        "CWASS art. 152",
        gettext_noop("The social assessment of the welcome module is not done."),
    ),
    ReasonSpec(
        "welcome_rights_and_duties_missing",
        "CWASS art. 152",
        gettext_noop("The information on rights and duties of the welcome module is not done."),
    ),
    ReasonSpec(
        "welcome_french_test_missing",
        "CWASS art. 152",
        gettext_noop("The French level test of the welcome module is not done."),
    ),
    ReasonSpec(
        "welcome_administrative_help_missing",
        "CWASS art. 152",
        gettext_noop("The help with administrative formalities of the welcome module is not done."),
    ),
    ReasonSpec(
        "citizenship_hours_missing",
        "CWASS art. 152 ff.",
        gettext_noop("Citizenship training: {done} of {required} hours attended."),
    ),
    ReasonSpec(
        "french_hours_missing",
        "CWASS art. 152 ff.",
        gettext_noop("French training: {done} of {required} hours attended."),
    ),
    ReasonSpec(
        "french_track_open",
        "CWASS art. 152 ff.",
        gettext_noop(
            "French training: {done} of {required} hours attended, and the level that ends the "
            "track ({level}) is not reached."
        ),
    ),
    ReasonSpec(
        "job_orientation_hours_missing",
        "CWASS art. 152 ff.",
        gettext_noop("Socio-professional orientation: {done} of {required} hours attended."),
    ),
)

# Grounds for reporting an obliged person to the Region's sanctioning official, and what
# excuses them (CWASS art. 152/8); the legal clock contract names them.
SANCTION = "CWASS art. 152/8"
_COMPLIANCE_SPECS = (
    ReasonSpec(
        "presentation_late",
        "CWASS art. 152/7, § 1er; art. 152/8",
        gettext_noop("The person did not present at the centre by {due_on}."),
    ),
    ReasonSpec(
        "evaluation_missed",
        "CWASS art. 152 ff.; art. 152/8",
        gettext_noop("The evaluation interview due by {due_on} was not held."),
    ),
    ReasonSpec(
        "certificate_late",
        "CWASS art. 152/7, § 2; art. 152/8",
        gettext_noop("The certificate was due by {due_on} and the obligations are not met."),
    ),
    ReasonSpec(
        "voluntary_participant",
        SANCTION,
        gettext_noop("A voluntary participant is never sanctioned."),
    ),
    ReasonSpec(
        "waiting_list",
        SANCTION,
        gettext_noop(
            "On a partner's waiting list on this date: the Region's offer is lacking, so no "
            "sanction applies."
        ),
    ),
)

_SPECS = _OBLIGATION_SPECS + _COMPLETION_SPECS + _COMPLIANCE_SPECS
REASONS: dict[str, ReasonSpec] = {spec.code: spec for spec in _SPECS}
OBLIGATION_CODES = tuple(spec.code for spec in _OBLIGATION_SPECS)
_BARE = {spec.code: Reason(spec.code, spec.legal_basis, spec.message) for spec in _SPECS}


def reason(code: str, **params: object) -> Reason:
    if not params:
        return _BARE[code]
    spec = REASONS[code]
    return Reason(code, spec.legal_basis, spec.message, tuple(params.items()))
