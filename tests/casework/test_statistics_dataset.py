"""The observatory's annual dataset: a known small population gives its rows, and nothing in
the file names a person or can be joined back to a file."""

import csv
import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from parcours.accounts.models import User
from parcours.audit.models import StatisticsExport
from parcours.casework.statistics.dataset import COLUMNS, dataset_rows, year_filter
from parcours.casework.statistics.filters import StatsFilter
from parcours.pathways.models import Pathway
from parcours.people.models import Person
from parcours.territory.models import Centre, Commune
from parcours.training.enums import AttendanceSource
from parcours.training.models import Attendance
from tests.factories.people import NATIONAL_NUMBER, make_pathway
from tests.matrix_world import make_enrolled
from tests.types import ClientFor

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 30)
EVERYWHERE = StatsFilter(start=date(2000, 1, 1), end=date(2000, 1, 1))


def _url(year: int, fmt: str = "csv") -> str:
    return reverse("staff:statistics_dataset", args=[year, fmt])


def _population() -> list[Pathway]:
    """Referred on 31 Dec 2025, 1 Jan 2026, 31 Dec 2026 and 1 Jan 2027; the 2026 pair differ."""
    days = (date(2025, 12, 31), date(2026, 1, 1), date(2026, 12, 31), date(2027, 1, 1))
    made = [
        make_pathway(
            family_name=f"Day{i}",
            email=f"day{i}@example.org",
            national_number=NATIONAL_NUMBER if i == 1 else "",
        )
        for i in range(len(days))
    ]
    for pathway, day in zip(made, days, strict=True):  # moved after the rules decided
        Pathway.objects.filter(pk=pathway.pk).update(referred_on=day)
    Pathway.objects.filter(pk=made[1].pk).update(
        invited_on=date(2026, 1, 20), module_done_on=date(2026, 2, 14), agreed_on=date(2026, 3, 3)
    )
    Person.objects.filter(pk=made[2].person_id).update(
        nationalities=["FR", "SY"], birth_date=date(1999, 12, 31), sex="M"
    )
    return made


def _row(row: tuple[object, ...]) -> dict[str, object]:
    return dict(zip(COLUMNS, row, strict=True))


def test_one_row_per_pathway_referred_in_the_year_from_1_january_to_31_december(
    cimb: Centre,
) -> None:
    _population()
    rows = [_row(row) for row in dataset_rows(year_filter(EVERYWHERE, 2026), today=TODAY)]
    assert sorted(row["referred_month"] for row in rows) == ["2026-01", "2026-12"]  # type: ignore[type-var]
    first = next(row for row in rows if row["referred_month"] == "2026-01")
    assert first == {
        "birth_year": 1985,
        "sex": "F",
        "nationality_group": "third_country",
        "commune_nis": "53053",
        "centre": "CIMB",
        "status": first["status"],
        "obligation": first["obligation"],
        "voluntary": 0,
        "referred_month": "2026-01",
        "invited_month": "2026-01",
        "module_done_month": "2026-02",
        "agreed_month": "2026-03",
        "completed_month": None,
        "closed_month": None,
        "hours_french": Decimal(0),
        "hours_citizenship": Decimal(0),
        "hours_job_orientation": Decimal(0),
    }
    assert first["status"] and first["obligation"]
    last = next(row for row in rows if row["referred_month"] == "2026-12")
    assert (last["birth_year"], last["sex"], last["nationality_group"]) == (1999, "M", "EU")
    around = dataset_rows(year_filter(EVERYWHERE, 2025), today=TODAY)
    assert [_row(row)["referred_month"] for row in around] == ["2025-12"]
    assert [
        _row(row)["referred_month"]
        for row in dataset_rows(year_filter(EVERYWHERE, 2027), today=TODAY)
    ] == ["2027-01"]


def test_a_former_commune_code_is_published_as_the_commune_of_today(cimb: Centre) -> None:
    made = make_pathway()
    former = Commune.objects.filter(nis_code="54007").first()
    if former is None or former.valid_until is None:
        pytest.skip("the reference territory has no former Mouscron code")
    Person.objects.filter(pk=made.person_id).update(commune=former)
    (row,) = dataset_rows(year_filter(EVERYWHERE, 2026), today=TODAY)
    assert _row(row)["commune_nis"] == "57096"


def test_hours_per_track_come_from_the_current_rows_of_the_ledger(
    agent_mons: User, partner_fle: User
) -> None:
    enrolment = make_enrolled(agent_mons, partner_fle)
    for day, hours, superseded in (
        (date(2026, 4, 1), "3", None),
        (date(2026, 4, 6), "2.5", None),
        (date(2026, 4, 6), "9", timezone.now()),  # corrected: no longer counts
    ):
        Attendance.objects.create(
            enrolment=enrolment,
            attended_on=day,
            hours=Decimal(hours),
            source=AttendanceSource.GRID,
            superseded_at=superseded,
        )
    (row,) = dataset_rows(year_filter(EVERYWHERE, 2026), today=TODAY)
    assert _row(row)["hours_french"] == Decimal("5.5")
    assert _row(row)["hours_citizenship"] == Decimal(0)


def test_the_file_names_no_one_and_holds_no_day_and_no_key(
    cimb: Centre, region: User, client_for: ClientFor
) -> None:
    made = _population()
    response = client_for(region).get(_url(2026))
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    person = made[1].person
    for secret in (
        NATIONAL_NUMBER,
        person.family_name,
        person.given_names,
        person.email,
        person.phone,
        person.street,
        "day0@",
        "1985-07-30",
        "2026-01-01",
        "2026-12-31",
    ):
        assert secret not in text, secret
    lines = list(csv.reader(io.StringIO(text)))
    header = lines.index(list(COLUMNS))
    about = dict(line for line in lines[:header] if len(line) == 2)
    assert about["Année"] == "2026"
    assert about["Extrait le"] == TODAY.isoformat()
    body = lines[header + 1 :]
    assert len(body) == 2
    assert not {"id", "pk", "person", "person_id", "national_number", "email"} & set(COLUMNS)
    for line in body:
        months = line[8:14]
        assert all(cell == "" or re.fullmatch(r"\d{4}-\d{2}", cell) for cell in months), months


def test_the_xlsx_file_holds_the_same_rows(
    cimb: Centre, region: User, client_for: ClientFor
) -> None:
    _population()
    response = client_for(region).get(_url(2026, "xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    values = [list(line) for line in sheet.iter_rows(values_only=True)]
    header = values.index(list(COLUMNS))
    assert len(values[header + 1 :]) == 2
    assert all(NATIONAL_NUMBER not in str(v) for line in values for v in line)


def test_the_filters_of_the_page_narrow_the_dataset(
    cimb: Centre, cripel: Centre, region: User, client_for: ClientFor
) -> None:
    _population()
    response = client_for(region).get(_url(2026) + f"?centre={cripel.pk}")
    text = response.content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[-1] == list(COLUMNS)  # no row: every file is at the CIMB
    assert ["Centre", "CRIPEL"] in lines


@pytest.mark.parametrize(
    ("persona", "status"),
    [("coordinator_mons", 403), ("agent_mons", 403), ("admin_user", 403), ("region", 200)],
)
def test_the_region_only_gets_the_dataset(
    persona: str, status: int, client_for: ClientFor, request: pytest.FixtureRequest
) -> None:
    client = client_for(request.getfixturevalue(persona))
    assert client.get(_url(2026)).status_code == status
    assert client.get(_url(2026, "xlsx")).status_code == status


def test_an_unknown_format_is_not_found(region: User, client_for: ClientFor) -> None:
    assert client_for(region).get(_url(2026, "pdf")).status_code == 404


def test_every_download_is_audited(cimb: Centre, region: User, client_for: ClientFor) -> None:
    client_for(region).get(_url(2026, "xlsx"))
    (export,) = StatisticsExport.objects.all()
    assert (export.user, export.figure, export.file_format) == (region, "dataset", "xlsx")
    assert export.filters["Année"] == "2026"


def test_a_coordinator_refused_writes_no_audit_row(
    coordinator_mons: User, client_for: ClientFor
) -> None:
    client_for(coordinator_mons).get(_url(2026))
    assert not StatisticsExport.objects.exists()


def test_the_page_links_the_dataset_for_the_region_only(
    region: User, coordinator_mons: User, client_for: ClientFor
) -> None:
    page = reverse("staff:statistics")
    assert _url(2026) in client_for(region).get(page).content.decode()
    assert _url(2026) not in client_for(coordinator_mons).get(page).content.decode()
