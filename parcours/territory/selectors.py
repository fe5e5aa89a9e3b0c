"""Reads on the territory: the public office finder and the rules engine's territory."""

import re
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.core.geo import distance_km
from parcours.core.text import postal_query, search_key
from parcours.rules.territory import CentrePeriod, CommuneRecord, MappingTerritory
from parcours.territory.enums import LanguageRegion
from parcours.territory.models import (
    Centre,
    CentreAssignment,
    Commune,
    LocalityCommune,
    Office,
    OpeningHours,
    PostalLocality,
)
from parcours.territory.reference_cache import FinderReference, finder_reference

QUERY_MAX_LENGTH = 100
MAX_MATCHES = 10
_FIRST_PRINTABLE = 0x20
_POSTAL_CODE = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class OfficeDistance:
    office: Office
    distance_km: float


@dataclass(frozen=True)
class FinderMatch:
    region: str
    postal_code: str | None = None
    locality: PostalLocality | None = None
    commune: Commune | None = None
    centre: Centre | None = None
    offices: list[OfficeDistance] = field(default_factory=list)


@dataclass(frozen=True)
class FinderResult:
    query: str
    matches: list[FinderMatch] = field(default_factory=list)
    error: str | Promise | None = None
    truncated: bool = False


# bpost's postal-code ranges outside Wallonia (Wallonia: 1300–1499 and 4000–7999).
_POSTAL_RANGES = (
    (range(1000, 1300), LanguageRegion.BRUSSELS),
    (range(1500, 4000), LanguageRegion.FLANDERS),
    (range(8000, 10000), LanguageRegion.FLANDERS),
)


def region_of_postal_code(code: str) -> str:
    """Region of a Belgian postal code that is not in the Walloon list."""
    number = int(code)
    return next(
        (region for span, region in _POSTAL_RANGES if number in span), LanguageRegion.UNKNOWN
    )


def _validation_error(query: str) -> str | Promise | None:
    if not query:
        return _("Type a postal code or the name of a locality.")
    if len(query) > QUERY_MAX_LENGTH:
        return _("That is too long: type a postal code or the name of a locality.")
    if any(ord(char) < _FIRST_PRINTABLE for char in query):
        # PostgreSQL text cannot hold NUL; no place name holds a control character anyway.
        return _("Type a postal code or the name of a locality, with letters or digits.")
    if query.isdigit() and not _POSTAL_CODE.match(query):
        return _("A Belgian postal code has four digits, for example 7000.")
    if not search_key(query):
        return _("Type a postal code or the name of a locality, with letters or digits.")
    return None


def _localities(query: str, reference: FinderReference) -> tuple[list[PostalLocality], bool]:
    """From the process's copy of the reference data (`reference_cache`): no query."""
    if _POSTAL_CODE.match(query):
        found = reference.by_postal_code.get(query, ())
        # The main locality (named like its commune) first, then the others by name.
        return sorted(found, key=lambda loc: (loc.name != loc.commune.name_fr, loc.name)), False
    key = search_key(query)
    word = f" {key}"
    found_by_key = [
        loc
        for loc in reference.localities
        if loc.search_key.startswith(key) or word in loc.search_key
    ]
    ranked = sorted(found_by_key, key=lambda loc: loc.search_key != key)  # stable: by key
    return ranked[:MAX_MATCHES], len(ranked) > MAX_MATCHES


def _match(locality: PostalLocality, offices: list[Office]) -> FinderMatch:
    here = (locality.latitude, locality.longitude)
    nearest = sorted(
        (OfficeDistance(o, round(distance_km(*here, o.latitude, o.longitude), 1)) for o in offices),
        key=lambda item: item.distance_km,
    )
    return FinderMatch(
        region=locality.commune.language_region,
        postal_code=locality.postal_code,
        locality=locality,
        commune=locality.commune,
        centre=locality.commune.centre,
        offices=nearest,
    )


def office_finder(query: str) -> FinderResult:
    query = postal_query(query)
    error = _validation_error(query)
    if error is not None:
        return FinderResult(query=query[:QUERY_MAX_LENGTH], error=error)
    reference = finder_reference()
    localities, truncated = _localities(query, reference)
    if not localities and _POSTAL_CODE.match(query):
        return FinderResult(query, [FinderMatch(region_of_postal_code(query), postal_code=query)])
    offices = reference.offices
    matches = [_match(loc, list(offices.get(loc.commune.centre_id or 0, ()))) for loc in localities]
    return FinderResult(query, matches, truncated=truncated)


def commune_by_nis(nis_code: str) -> Commune | None:
    return Commune.objects.select_related("centre").filter(nis_code=nis_code).first()


def _hours_prefetch() -> "Prefetch[str, QuerySet[OpeningHours], str]":
    return Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens_at"))


def offices_visible_to(*, user: User) -> QuerySet[Office]:
    """Offices a staff user may manage: their centre's; everything for the Region and admins."""
    offices = Office.objects.select_related("centre", "commune").prefetch_related(_hours_prefetch())
    if user.role in (Role.REGION, Role.ADMIN):
        return offices
    if user.works_for_centre and user.centre_id is not None:
        return offices.filter(centre_id=user.centre_id)
    return offices.none()


def office_get_for_staff(*, user: User, office_id: int) -> Office:
    return get_object_or_404(offices_visible_to(user=user), pk=office_id)


def communes_served_by(*, centre: Centre) -> QuerySet[Commune]:
    """The communes of today (former codes left out) the centre serves."""
    return Commune.objects.filter(centre=centre, valid_until__isnull=True).order_by("name_fr")


def rules_territory(*, through_successions: bool = False) -> MappingTerritory:
    """Every Walloon code with its period, successor and dated centres, in two queries, for
    the rules. The contract refuses a code outside its period; stored records, which keep
    the code they were recorded with, are answered `through_successions`."""
    centres: dict[int, list[CentrePeriod]] = {}
    assignments = CentreAssignment.objects.order_by("valid_from")
    for commune_id, valid_from, code in assignments.values_list(
        "commune_id", "valid_from", "centre__code"
    ):
        centres.setdefault(commune_id, []).append(CentrePeriod(valid_from, code))
    rows = Commune.objects.values_list(
        "pk",
        "nis_code",
        "name_fr",
        "language_region",
        "valid_from",
        "valid_until",
        "successor__nis_code",
    )
    return MappingTerritory.of(
        (
            CommuneRecord(nis, name, region, start, end, successor, tuple(centres.get(pk, ())))
            for pk, nis, name, region, start, end, successor in rows
        ),
        through_successions=through_successions,
    )


def commune_of_today(*, nis_code: str, today: date) -> Commune | None:
    """The commune of today for a code, through the successions: statistics group a former
    code (Mouscron 54007) under the commune of today (57096)."""
    code = rules_territory().code_of_today(nis_code, today)
    return Commune.objects.filter(nis_code=code).first()


def locality_commune_on(*, locality: PostalLocality, on: date) -> Commune | None:
    """The commune a postal locality belonged to on a date (None before its first code)."""
    found = (
        LocalityCommune.objects.filter(locality=locality, valid_from__lte=on)
        .exclude(valid_until__lt=on)
        .select_related("commune")
        .order_by("-valid_from")
        .first()
    )
    return found.commune if found else None


def centres_overview() -> QuerySet[Centre]:
    return Centre.objects.select_related("seat_commune").annotate(
        commune_count=Count("communes", distinct=True), office_count=Count("offices", distinct=True)
    )


def centre_address(centre: Centre) -> Office | None:
    """The centre's address on its letterhead: its first office in the seat commune, or its
    first office."""
    offices = list(centre.offices.select_related("commune").order_by("id"))
    seat = [office for office in offices if office.commune_id == centre.seat_commune_id]
    chosen = seat or offices
    return chosen[0] if chosen else None
