"""The Region's annual dataset for the observatory: one anonymised row per pathway.

One `.values()` query over the pathways referred in the year (a transfer's new file is not a
new pathway, as in the inflow). A row holds no name, no national number, no contact and no
key that could be joined back to a file (no primary key; rows are ordered by their own
content): the person's birth year, sex and nationality group, the NIS code of today of the
commune of residence, the centre, the status, the obligation, whether voluntary, every
milestone as a month ("YYYY-MM", computed in the database: no day leaves it) and the hours
attended per track (current ledger rows).
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import (
    Case,
    CharField,
    DecimalField,
    F,
    OuterRef,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce, Concat, ExtractMonth, ExtractYear, LPad

from parcours.casework.statistics.filters import StatsFilter
from parcours.pathways.models import Pathway
from parcours.territory.models import Commune
from parcours.territory.selectors import rules_territory
from parcours.training.ledger import Track, current_attendance

MILESTONES = (
    ("referred", "referred_on"),
    ("invited", "invited_on"),
    ("module_done", "module_done_on"),
    ("agreed", "agreed_on"),
    ("completed", "completed_on"),
    ("closed", "closed_on"),
)
TRACKS = tuple(track.value for track in Track)
# The EU member states but Belgium, then the other EEA states and Switzerland (ISO 3166-1).
EU_CODES = "AT BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK"
EU = frozenset(EU_CODES.split())
EEA_CH = frozenset(("IS", "LI", "NO", "CH"))
NATIONALITY_GROUPS = ("BE", "EU", "EEA_CH", "third_country", "unknown")
COLUMNS: tuple[str, ...] = (
    "birth_year",
    "sex",
    "nationality_group",
    "commune_nis",
    "centre",
    "status",
    "obligation",
    "voluntary",
    *(f"{name}_month" for name, _field in MILESTONES),
    *(f"hours_{track}" for track in TRACKS),
)

Row = tuple[Any, ...]


def year_filter(f: StatsFilter, year: int) -> StatsFilter:
    """The filter's centres and commune, over one calendar year (no cohort)."""
    return StatsFilter(
        start=date(year, 1, 1),
        end=date(year, 12, 31),
        centre_ids=f.centre_ids,
        commune_id=f.commune_id,
    )


def dataset_rows(f: StatsFilter, *, today: date) -> list[Row]:
    """The rows of the pathways referred in the filter's period, in `COLUMNS` order."""
    fields = [f"d_{column}" for column in COLUMNS]
    found = (
        Pathway.objects.filter(f.referred_in_period())
        .alias(first_nationality=_first_nationality())
        .annotate(**{f"d_{name}": value for name, value in _columns(today).items()})
        .values_list(*fields)
        .order_by(*fields)
    )
    return [tuple(row) for row in found]


def _columns(today: date) -> dict[str, Any]:
    columns: dict[str, Any] = {
        "birth_year": ExtractYear("person__birth_date"),
        "sex": F("person__sex"),
        "nationality_group": _nationality_group(),
        "commune_nis": _commune_of_today(today),
        "centre": F("centre__code"),
        "status": F("status"),
        "obligation": F("obligation"),
        "voluntary": Case(When(voluntary=True, then=Value(1)), default=Value(0)),
    }
    columns |= {f"{name}_month": _month(field) for name, field in MILESTONES}
    columns |= {f"hours_{track}": _hours(track) for track in TRACKS}
    return columns


def _month(field: str) -> Case:
    """A date as "YYYY-MM", in the database (both PostgreSQL and SQLite)."""
    month = LPad(Cast(ExtractMonth(field), CharField()), 2, Value("0"))
    text = Concat(Cast(ExtractYear(field), CharField()), Value("-"), month)
    return Case(
        When(**{f"{field}__isnull": True}, then=None), default=text, output_field=CharField()
    )


def _first_nationality() -> Coalesce:
    """As plain text (a JSON key lookup would compare with JSON on SQLite)."""
    first = KeyTextTransform("0", "person__nationalities")
    return Coalesce(first, Value(""), output_field=CharField())


def _nationality_group() -> Case:
    """By the first nationality recorded (aliased `first_nationality`), as the inflow counts it."""
    groups = (("BE", ["BE"]), ("EU", sorted(EU)), ("EEA_CH", sorted(EEA_CH)))
    return Case(
        When(first_nationality="", then=Value("unknown")),
        *(When(first_nationality__in=codes, then=Value(group)) for group, codes in groups),
        default=Value("third_country"),
        output_field=CharField(),
    )


def _commune_of_today(today: date) -> Case | F:
    """The commune of today through the successions (a former code is published under the
    commune that took it over), from the one mapping of the territory."""
    territory = rules_territory(through_successions=True)
    former = Commune.objects.filter(valid_until__isnull=False).values_list("nis_code", flat=True)
    mapping = {code: territory.code_of_today(code, today) for code in former}
    whens = [
        When(person__commune__nis_code=code, then=Value(new))
        for code, new in sorted(mapping.items())
        if new != code
    ]
    if not whens:
        return F("person__commune__nis_code")
    return Case(*whens, default=F("person__commune__nis_code"), output_field=CharField())


def _hours(track: str) -> Coalesce:
    """Hours attended in a track, from the current rows of the ledger."""
    attended = (
        current_attendance()
        .filter(enrolment__pathway=OuterRef("pk"), enrolment__track=track)
        .order_by()
        .values("enrolment__pathway")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    decimal: DecimalField[Decimal, Decimal] = DecimalField(max_digits=9, decimal_places=2)
    return Coalesce(
        Subquery(attended, output_field=decimal), Value(Decimal(0)), output_field=decimal
    )
