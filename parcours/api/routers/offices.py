"""Public office finder: which centre serves a postal code or locality, and where to go."""

from django.http import HttpRequest
from ninja import Router, Schema

from parcours.api.errors import responses
from parcours.core.errors import DomainError
from parcours.territory.models import Office
from parcours.territory.selectors import QUERY_MAX_LENGTH, FinderMatch, office_finder

router = Router(tags=["offices"])


class CommuneOut(Schema):
    nis_code: str
    name: str


class CentreOut(Schema):
    code: str
    name: str
    phone: str
    website: str


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class OpeningHoursOut(Schema):
    weekday: str
    opens: str
    closes: str


class OfficeOut(Schema):
    name: str
    address: str
    distance_km: float
    phone: str
    opening_hours: list[OpeningHoursOut]
    by_appointment: bool


class MatchOut(Schema):
    postal_code: str | None
    locality: str | None
    commune: CommuneOut | None
    region: str
    centre: CentreOut | None
    offices: list[OfficeOut]


class LookupOut(Schema):
    query: str
    matches: list[MatchOut]


def _office(office: Office, distance: float) -> OfficeOut:
    hours = [
        OpeningHoursOut(
            weekday=_WEEKDAYS[h.weekday], opens=f"{h.opens_at:%H:%M}", closes=f"{h.closes_at:%H:%M}"
        )
        for h in office.opening_hours.all()
    ]
    return OfficeOut(
        name=office.name,
        address=office.address,
        distance_km=distance,
        phone=office.phone,
        opening_hours=hours,
        by_appointment=office.by_appointment_only,
    )


def _match(match: FinderMatch) -> MatchOut:
    commune, centre = match.commune, match.centre
    return MatchOut(
        postal_code=match.postal_code,
        locality=match.locality.name if match.locality else None,
        commune=CommuneOut(nis_code=commune.nis_code, name=commune.name_fr) if commune else None,
        region=match.region,
        centre=CentreOut(
            code=centre.code, name=centre.name, phone=centre.phone, website=centre.website_url
        )
        if centre
        else None,
        offices=[_office(item.office, item.distance_km) for item in match.offices],
    )


@router.get("/lookup", response=responses({200: LookupOut}), auth=None)
def lookup(request: HttpRequest, q: str = "") -> LookupOut:
    """Look up a postal code (e.g. 7000) or a locality name (accents and case do not matter)."""
    result = office_finder(q[: QUERY_MAX_LENGTH + 1])
    if result.error is not None:
        raise DomainError(result.error)
    return LookupOut(query=result.query, matches=[_match(m) for m in result.matches])
