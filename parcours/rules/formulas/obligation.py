"""Who must follow the pathway (CWASS art. 150; waivers: art. 152/7, Code réglementaire
art. 238 ff.). Statuses take precedence in the order of domain.md; every reason that applies
is listed, whatever the status, so a worker can explain the whole picture."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from parcours.rules.dates import add_months, add_years
from parcours.rules.engine import Context, Deadline, Outcome, Step, evaluate, rule
from parcours.rules.loader import ParameterSet
from parcours.rules.reasons import Reason, reason
from parcours.rules.territory import Territory

OBLIGATION = "obligation"
OUT_OF_SCOPE, NOT_CONCERNED, WAIVED, OBLIGATED = (
    "out_of_scope",
    "not_concerned",
    "waived",
    "obligated",
)
STATUSES = (OUT_OF_SCOPE, NOT_CONCERNED, WAIVED, OBLIGATED)


@dataclass(frozen=True, slots=True)
class Permit:
    # None: ordered, not issued yet — the usual case when the commune refers the person.
    valid_from: date | None
    valid_until: date | None  # None: unlimited; otherwise the last day of validity
    ordered_on: date


@dataclass(frozen=True, slots=True)
class Person:
    reference_date: date
    birth_date: date
    nationalities: tuple[str, ...]
    family_member_of_eea_citizen: bool
    legal_stay_since: date | None
    registered_on: date | None
    permit: Permit | None
    commune_nis: str
    waivers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Residence:
    language_region: str
    competent_centre: str | None


@dataclass(frozen=True, slots=True)
class ObligationSituation:
    person: Person
    residence: Residence


def residence_of(person: Person, territory: Territory) -> Residence:
    """Where the person lives on the reference date: the commune, its language region and
    its centre *of that day* (art. 150: every condition holds on the reference date)."""
    commune = territory.commune_on(person.commune_nis, person.reference_date)
    return Residence(commune.language_region, commune.competent_centre)


def decide_obligation(
    person: Person, *, territory: Territory, parameters: ParameterSet | None = None
) -> Outcome:
    situation = ObligationSituation(person, residence_of(person, territory))
    return evaluate(OBLIGATION, situation, on=person.reference_date, parameters=parameters)


@rule(OBLIGATION, since="2014")
def obligation_2014(ctx: Context, situation: ObligationSituation) -> Outcome:
    # 2014: a welcome module only, no certificate deadline (domain.md, "Regimes").
    return _decide(ctx, situation, certificate=False)


@rule(OBLIGATION, since="2016")
def obligation_2016(ctx: Context, situation: ObligationSituation) -> Outcome:
    # From 19 May 2016 the pathway is compulsory and the certificate is due (art. 152/7, § 2).
    return _decide(ctx, situation, certificate=True)


def _decide(ctx: Context, situation: ObligationSituation, *, certificate: bool) -> Outcome:
    person, residence = situation.person, situation.residence
    outside = _scope(ctx, residence)
    concern = _nationality(ctx, person) + _permit(ctx, person) + _stay(ctx, person)
    waivers = _age(ctx, person) + _standstill(ctx, person) + _proven(ctx, person)
    status = _status(outside, concern, waivers)
    obligated = status == OBLIGATED
    deadlines = _deadlines(ctx, person, certificate=certificate) if obligated else ()
    reasons = (reason(OBLIGATED),) if obligated else outside + concern + waivers
    if status in (WAIVED, OBLIGATED) and _pending(person):
        reasons += (reason("permit_pending"),)
    centre = None if outside else residence.competent_centre
    # Anyone else of foreign origin may follow the pathway voluntarily (domain.md) — but only
    # where the Walloon pathway exists at all.
    return ctx.outcome(status, reasons, deadlines, competent_centre=centre, voluntary=not outside)


def _status(
    outside: tuple[Reason, ...], concern: tuple[Reason, ...], waivers: tuple[Reason, ...]
) -> str:
    if outside:
        return OUT_OF_SCOPE
    if concern:
        return NOT_CONCERNED
    return WAIVED if waivers else OBLIGATED


def _scope(ctx: Context, residence: Residence) -> tuple[Reason, ...]:
    if residence.language_region in ctx.members("scope_language_regions"):
        return ()
    return (reason("outside_french_language_region"),)


def _nationality(ctx: Context, person: Person) -> tuple[Reason, ...]:
    national, eea = ctx.members("belgian_nationality"), ctx.members("eea_countries")
    codes = frozenset(person.nationalities)
    found: list[Reason] = []
    if not national.isdisjoint(codes):
        found.append(reason("belgian"))
    # A Belgian is not a foreigner to begin with; the UE+ exception concerns foreigners.
    if not eea.isdisjoint(codes - national):
        found.append(reason("eea_citizen"))
    if person.family_member_of_eea_citizen:
        found.append(reason("eea_family_member"))
    return tuple(found)


def _pending(person: Person) -> bool:
    return person.permit is not None and person.permit.valid_from is None


def _permit(ctx: Context, person: Person) -> tuple[Reason, ...]:
    months = ctx.number("permit_minimum_validity")
    permit = person.permit
    until = permit.valid_until if permit is not None else None
    # A permit expired on the reference date is no longer held (art. 150: all on that date).
    if permit is None or (until is not None and until < person.reference_date):
        return (reason("no_permit"),)
    # Ordered, not issued: the commune refers the person when the permit is ordered, so the
    # person is concerned as from the order (deadlines count from it: art. 152/7, § 2); its
    # validity is checked once it is issued.
    if permit.valid_from is None:
        return ()
    # "More than 3 months": still valid on the day 3 months after valid_from.
    if until is not None and until < add_months(permit.valid_from, months):
        return (reason("short_permit", months=months),)
    return ()


def _stay(ctx: Context, person: Person) -> tuple[Reason, ...]:
    years = ctx.number("legal_stay_maximum")
    since = person.legal_stay_since
    # "Less than 3 years": on the third anniversary of the stay the person is no longer a newcomer.
    if since is not None and add_years(since, years) <= person.reference_date:
        return (reason("stay_over_3_years", years=years),)
    return ()


def _age(ctx: Context, person: Person) -> tuple[Reason, ...]:
    minimum, maximum = ctx.number("age_minimum"), ctx.number("age_maximum")
    on, born = person.reference_date, person.birth_date
    if on < add_years(born, minimum):  # obliged from the 18th birthday
        return (reason("under_18", years=minimum),)
    if on >= add_years(born, maximum):  # waived from the 65th birthday
        return (reason("aged_65_or_more", years=maximum),)
    return ()


def _standstill(ctx: Context, person: Person) -> tuple[Reason, ...]:
    if not ctx.members("standstill_nationalities").isdisjoint(person.nationalities):
        return (reason("standstill_nationality"),)
    return ()


def _proven(ctx: Context, person: Person) -> tuple[Reason, ...]:
    # A ground not in force on the reference date (e.g. half-time work before 17 Dec 2018)
    # is not a waiver on that date; the trace shows the list that was applied.
    grounds = ctx.read("waiver_grounds").value
    assert isinstance(grounds, tuple)  # noqa: S101 - guaranteed by the loader (unit: codes)
    return tuple(reason(code) for code in grounds if code in person.waivers)


def _deadlines(ctx: Context, person: Person, *, certificate: bool) -> tuple[Deadline, ...]:
    found: list[Deadline] = []
    if person.registered_on is not None:  # art. 152/7, § 1er
        found.append(
            _after(ctx, "present_by", "presentation_delay", person.registered_on, "registered on")
        )
    if certificate and person.permit is not None:  # art. 152/7, § 2
        found.append(
            _after(
                ctx,
                "certificate_by",
                "certificate_delay",
                person.permit.ordered_on,
                "permit ordered on",
            )
        )
    return tuple(found)


def _after(ctx: Context, name: str, parameter: str, start: date, label: str) -> Deadline:
    months = ctx.number(parameter)
    due = add_months(start, months)
    detail = f"{label} {start.isoformat()} + {parameter} ({months} months)"
    return Deadline(name, due, (Step("base", detail, due),))
