"""No session hours on a Belgian public holiday, a closing day of the person's centre, or
before the enrolment starts: one check, the same per-cell message on every channel."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from parcours.accounts.enums import TokenScope
from parcours.accounts.models import User
from parcours.accounts.tokens import api_token_issue
from parcours.appointments.models import ClosingDay
from parcours.training.enums import AttendanceKind
from parcours.training.hours_rows import hours_check
from parcours.training.models import Attendance, Enrolment
from parcours.training.selectors import partner_enrolments
from parcours.training.services.attendance import AttendanceError, Cell, cell_errors
from tests.errors import refused
from tests.factories.training import record_hours
from tests.types import ClientFor

pytestmark = pytest.mark.django_db
TODAY = date(2026, 5, 29)  # a Friday
ASCENSION = date(2026, 5, 14)
CLOSED = date(2026, 5, 20)  # a Wednesday the centre is closed
OPEN_DAY = date(2026, 5, 18)
BEFORE_START = date(2026, 3, 30)  # the enrolment starts on 2 April 2026


@pytest.fixture
def closing_day(enrolled: Enrolment) -> ClosingDay:
    centre = enrolled.pathway.centre
    return ClosingDay.objects.create(centre=centre, on=CLOSED, reason="Staff training day")


def _errors(enrolled: Enrolment, *days: date) -> dict[date, str]:
    cells = [Cell(enrolled.pk, day, Decimal(3)) for day in days]
    found = cell_errors(cells, {enrolled.pk: enrolled}, AttendanceKind.SESSION, TODAY)
    return {day: message for (_pk, day), message in found.items()}


@time_machine.travel(TODAY, tick=False)
def test_holidays_closing_days_and_dates_before_the_start_each_get_their_message(
    enrolled: Enrolment, closing_day: ClosingDay
) -> None:
    errors = _errors(enrolled, ASCENSION, CLOSED, BEFORE_START, OPEN_DAY)
    assert set(errors) == {ASCENSION, CLOSED, BEFORE_START}
    assert "Staff training day" in errors[CLOSED]
    assert "Ascension" in errors[ASCENSION]
    assert "2026" in errors[BEFORE_START]
    assert len(set(errors.values())) == 3


@time_machine.travel(TODAY, tick=False)
def test_another_centre_closing_day_does_not_apply(enrolled: Enrolment, agent_liege: User) -> None:
    elsewhere = agent_liege.centre
    assert elsewhere is not None and elsewhere.pk != enrolled.pathway.centre_id
    ClosingDay.objects.create(centre=elsewhere, on=CLOSED, reason="Elsewhere")
    assert _errors(enrolled, CLOSED) == {}


@time_machine.travel(TODAY, tick=False)
def test_an_attestation_may_end_on_any_day(enrolled: Enrolment) -> None:
    cells = [Cell(enrolled.pk, ASCENSION, Decimal(30))]
    assert cell_errors(cells, {enrolled.pk: enrolled}, AttendanceKind.STATEMENT, TODAY) == {}


@time_machine.travel(TODAY, tick=False)
def test_the_service_records_nothing_when_one_cell_is_a_holiday(enrolled: Enrolment) -> None:
    with refused(
        "%(n)s entry has an error: nothing was recorded.",
        AttendanceError,
        plural="%(n)s entries have an error: nothing was recorded.",
    ) as raised:
        record_hours(enrolled, {OPEN_DAY: "3", ASCENSION: "3"})
    assert list(raised.value.errors) == [(enrolled.pk, ASCENSION)]
    assert not Attendance.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_the_class_grid_refuses_the_cell_of_a_closing_day_and_records_nothing(
    enrolled: Enrolment, closing_day: ClosingDay, partner_fle: User, client_for: ClientFor
) -> None:
    url = reverse("partner:grid", args=[enrolled.offer.pk])
    url += "?from=2026-05-18&to=2026-05-22"
    page = client_for(partner_fle).post(
        url, {f"h-{enrolled.pk}-2026-05-18": "3", f"h-{enrolled.pk}-2026-05-20": "3"}
    )
    assert page.status_code == 200
    assert "Staff training day" in page.content.decode()
    assert not Attendance.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_the_person_form_refuses_a_public_holiday(
    enrolled: Enrolment, partner_fle: User, client_for: ClientFor
) -> None:
    url = reverse("partner:hours", args=[enrolled.pk])
    page = client_for(partner_fle).post(url, {"attended_on": ASCENSION.isoformat(), "hours": "3"})
    assert page.status_code == 200 and 'role="alert"' in page.content.decode()
    assert not Attendance.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_the_csv_import_gives_the_line_its_calendar_error(
    enrolled: Enrolment, partner_fle: User
) -> None:
    text = f"enrolment,date,hours\n{enrolled.pk},2026-05-18,3\n{enrolled.pk},2026-03-30,3\n"
    scope = list(partner_enrolments(user=partner_fle))
    report = hours_check(text.encode(), enrolments=scope, today=TODAY)
    assert not report.ok
    assert [row.line for row in report.errors] == [3]


@time_machine.travel(TODAY, tick=False)
def test_the_api_refuses_a_batch_with_a_holiday_and_names_the_cell(
    enrolled: Enrolment, partner_fle: User, client: Client
) -> None:
    cells = [
        {"enrolment": enrolled.pk, "date": "2026-05-18", "hours": 3},
        {"enrolment": enrolled.pk, "date": ASCENSION.isoformat(), "hours": 3},
    ]
    token = api_token_issue(user=partner_fle, scope=TokenScope.PARTNER_HOURS, actor=partner_fle)
    bad = client.post(
        "/api/v1/partner/attendance",
        cells,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert bad.status_code == 400
    assert [e["date"] for e in bad.json()["errors"]] == [ASCENSION.isoformat()]
    assert not Attendance.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_hours_entered_on_a_holiday_before_the_check_can_still_be_cleared(
    enrolled: Enrolment,
) -> None:
    Attendance.objects.create(enrolment=enrolled, attended_on=ASCENSION, hours=3, source="migrated")
    record_hours(enrolled, {ASCENSION: "0"})
    assert Attendance.objects.get(superseded_at__isnull=True).hours == 0
