"""The tracks, appointments and non-compliance figures against hand counts: rows dated the day
before, the first and the last day of the period, and the day after; appointments on each side
of midnight in Brussels; a corrected attendance row counted once."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from parcours.accounts.models import User
from parcours.appointments.enums import AppointmentStatus, KindCode
from parcours.appointments.models import Appointment, InterpreterProvider, InterpreterRequest
from parcours.casework.statistics import appointments, compliance, tracks
from parcours.casework.statistics.filters import StatsFilter
from parcours.casework.statistics.table import Table, Value
from parcours.core.iso import language_name
from parcours.pathways.enums import ComplianceGround
from parcours.pathways.models import FrenchTest, NonCompliance, Pathway
from parcours.people.enums import CefrLevel
from parcours.territory.models import Centre, Office
from parcours.training.enums import Track
from parcours.training.models import Attendance, Enrolment, Partner
from tests.factories.appointments import kind, make_office
from tests.factories.people import make_pathway
from tests.factories.training import make_enrolment, make_offer, make_partner, record_hours

pytestmark = pytest.mark.django_db
MARCH = StatsFilter(start=date(2026, 3, 1), end=date(2026, 3, 31))
BEFORE, FIRST, LAST, AFTER = (
    date(2026, 2, 28),
    date(2026, 3, 1),
    date(2026, 3, 31),
    date(2026, 4, 1),
)


def _cells(table: Table) -> dict[str, tuple[Value, ...]]:
    return dict(table.rows)


def _files(n: int) -> list[Pathway]:
    return [
        make_pathway(national_number="", family_name=f"T{i}", referred_on=date(2026, 2, 1))
        for i in range(n)
    ]


# Tracks -------------------------------------------------------------------------------------


def test_people_per_track_counts_the_referrals_accepted_in_the_period(
    cimb: Centre, agent_mons: User
) -> None:
    partner = make_partner()
    french = make_offer(partner, Track.FRENCH)
    citizenship = make_offer(partner, Track.CITIZENSHIP)
    files = _files(5)
    for pathway, day in zip(files, (BEFORE, FIRST, LAST, AFTER), strict=False):
        make_enrolment(pathway, french, agent=agent_mons, on=day)
    make_enrolment(files[1], citizenship, agent=agent_mons, on=LAST)
    make_enrolment(files[4], citizenship, agent=agent_mons, on=FIRST, accepted=False)

    people = _cells(tracks.people(MARCH))

    assert sum(int(c or 0) for c in people[str(Track.FRENCH.label)]) == 2  # 1 and 31 March
    assert sum(int(c or 0) for c in people[str(Track.CITIZENSHIP.label)]) == 1  # one answered
    assert str(Track.JOB_ORIENTATION.label) not in people


def test_hours_per_partner_count_the_current_rows_of_the_period_only(
    cimb: Centre, partner_body: Partner, agent_mons: User
) -> None:
    offer = make_offer(partner_body, Track.FRENCH)
    first, second = _files(2)
    one = make_enrolment(first, offer, agent=agent_mons, on=date(2026, 2, 1))
    two = make_enrolment(second, offer, agent=agent_mons, on=date(2026, 2, 1))
    record_hours(one, {BEFORE: "3", FIRST: "2.5", LAST: "4"})
    record_hours(two, {AFTER: "6"})
    record_hours(one, {LAST: "1"})  # a correction supersedes the 4 h of 31 March

    hours = _cells(tracks.hours(MARCH))

    assert hours == {f"{partner_body.name} · {Track.FRENCH.label}": (1, 3.5)}
    assert Attendance.objects.filter(enrolment=one, attended_on=LAST).count() == 2  # kept


def test_french_levels_at_the_test_and_at_the_end(
    cimb: Centre, partner_body: Partner, agent_mons: User
) -> None:
    files = _files(4)
    for pathway, day, level in zip(
        files,
        (BEFORE, FIRST, LAST, AFTER),
        (CefrLevel.A1, CefrLevel.A1, CefrLevel.A2, "B1"),
        strict=True,
    ):
        FrenchTest.objects.create(pathway=pathway, tested_on=day, level=level)
    offer = make_offer(partner_body, Track.FRENCH)
    ended = make_enrolment(files[0], offer, agent=agent_mons, on=date(2026, 2, 1))
    Enrolment.objects.filter(pk=ended.pk).update(level_reached="A2", level_reached_on=LAST)
    later = make_enrolment(files[1], offer, agent=agent_mons, on=date(2026, 2, 1))
    Enrolment.objects.filter(pk=later.pk).update(level_reached="A2", level_reached_on=AFTER)

    at_test = _cells(tracks.french_levels(MARCH))
    at_end = _cells(tracks.french_levels_end(MARCH))

    assert {label: sum(int(c or 0) for c in cells) for label, cells in at_test.items()} == {
        str(CefrLevel.A1.label): 1,
        str(CefrLevel.A2.label): 1,
    }
    assert {label: sum(int(c or 0) for c in cells) for label, cells in at_end.items()} == {
        str(CefrLevel.A2.label): 1
    }


def test_waiting_days_count_a_running_wait_up_to_the_end_of_the_period(
    cimb: Centre, partner_body: Partner, agent_mons: User
) -> None:
    offer = make_offer(partner_body, Track.FRENCH)
    files = _files(3)
    waits = (
        (FIRST, date(2026, 3, 11)),  # 10 days
        (date(2026, 3, 21), None),  # still waiting on 31 March: 10 days
        (BEFORE, date(2026, 3, 10)),  # began before the period: not counted
    )
    for pathway, (start, end) in zip(files, waits, strict=True):
        enrolment = make_enrolment(pathway, offer, agent=agent_mons, on=date(2026, 2, 1))
        Enrolment.objects.filter(pk=enrolment.pk).update(waiting_from=start, waiting_until=end)

    waiting = _cells(tracks.waiting(MARCH))

    assert waiting == {f"{Track.FRENCH.label} · {offer.commune.name_fr}": (2, 10.0)}


# Appointments -------------------------------------------------------------------------------


def _appointment(
    cimb: Centre, staff: User, pathway: Pathway, local: datetime, **fields: object
) -> Appointment:
    office = Office.objects.filter(centre=cimb, name="Bureau de test").first() or make_office(cimb)
    starts = timezone.make_aware(local)
    return Appointment.objects.create(
        centre=cimb,
        office=office,
        kind=kind(fields.pop("code", KindCode.FIRST_WELCOME)),  # type: ignore[arg-type]
        staff=staff,
        person=pathway.person,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        **fields,
    )


def test_appointments_of_the_period_by_brussels_day_and_outcome(
    cimb: Centre, agent_mons: User
) -> None:
    (pathway,) = _files(1)
    # 31 March 23:30 in Brussels is 21:30 UTC: in March. 1 April 00:30 is 22:30 UTC on
    # 31 March: in April, whatever the database's time zone.
    _appointment(cimb, agent_mons, pathway, datetime(2026, 2, 28, 23, 30))
    _appointment(cimb, agent_mons, pathway, datetime(2026, 3, 1, 0, 30))
    _appointment(
        cimb, agent_mons, pathway, datetime(2026, 3, 31, 23, 30), status=AppointmentStatus.NO_SHOW
    )
    _appointment(cimb, agent_mons, pathway, datetime(2026, 4, 1, 0, 30))
    _appointment(
        cimb,
        agent_mons,
        pathway,
        datetime(2026, 3, 10, 10, 0),
        code=KindCode.EVALUATION,
        status=AppointmentStatus.NO_SHOW,
    )

    booking = _cells(appointments.booking(MARCH))
    outcomes = appointments.outcomes(MARCH)
    by_status = dict(
        zip(
            outcomes.columns, zip(*(cells for _l, cells in outcomes.rows), strict=True), strict=True
        )
    )

    # Columns: booked online, by staff (none came through an online intake here).
    assert booking[str(KindCode.FIRST_WELCOME.label)] == (0, 2)
    assert booking[str(KindCode.EVALUATION.label)] == (0, 1)
    assert sum(by_status[str(AppointmentStatus.NO_SHOW.label)]) == 2
    assert sum(by_status[str(AppointmentStatus.PLANNED.label)]) == 1  # 1 March 00:30
    assert sum(sum(cells) for cells in by_status.values()) == 3
    assert _cells(appointments.booking(MARCH, by_centre=True))[
        str(KindCode.FIRST_WELCOME.label)
    ] == (2,)


def test_interpreter_requests_by_language_in_the_period(cimb: Centre, agent_mons: User) -> None:
    (pathway,) = _files(1)
    appointment = _appointment(cimb, agent_mons, pathway, datetime(2026, 3, 10, 10, 0))
    setis = InterpreterProvider.objects.create(name="Interprètes A")
    other = InterpreterProvider.objects.create(name="Interprètes B")
    for language, day in (("ar", BEFORE), ("ar", FIRST), ("ar", LAST), ("fa", LAST), ("uk", AFTER)):
        request = InterpreterRequest.objects.create(
            centre=cimb,
            appointment=appointment,
            language=language,
            provider=other if language == "fa" else setis,
        )
        InterpreterRequest.objects.filter(pk=request.pk).update(
            created_at=timezone.make_aware(datetime.combine(day, datetime.min.time()))
            + timedelta(hours=12)
        )

    requests = _cells(appointments.interpreters(MARCH))

    # Languages by name, never their ISO code: staff read names, not codes.
    named = {language_name("ar"): 2, language_name("fa"): 1}
    assert {language: sum(int(c or 0) for c in cells) for language, cells in requests.items()} == (
        named
    )
    columns = appointments.interpreters(MARCH).columns
    assert dict(zip(columns, requests[language_name("ar")], strict=True)) == {
        "Interprètes A": 2,
        "Interprètes B": 0,
    }
    assert dict(zip(columns, requests[language_name("fa")], strict=True)) == {
        "Interprètes A": 0,
        "Interprètes B": 1,
    }


# Non-compliance ------------------------------------------------------------------------------


def test_compliance_cases_and_the_steps_each_reached(cimb: Centre) -> None:
    files = _files(5)
    cases: tuple[tuple[date, ComplianceGround, dict[str, object]], ...] = (
        (BEFORE, ComplianceGround.EVALUATION_MISSED, {}),
        (FIRST, ComplianceGround.EVALUATION_MISSED, {"reminder_on": FIRST}),
        (
            LAST,
            ComplianceGround.EVALUATION_MISSED,
            {"reminder_on": LAST, "notice_on": LAST, "reported_on": LAST},
        ),
        (LAST, ComplianceGround.PRESENTATION_LATE, {"not_sanctionable": True}),
        (AFTER, ComplianceGround.PRESENTATION_LATE, {}),
    )
    for pathway, (day, ground, steps) in zip(files, cases, strict=True):
        NonCompliance.objects.create(pathway=pathway, ground=ground, detected_on=day, **steps)

    opened = _cells(compliance.cases(MARCH))
    reached = compliance.steps(MARCH)
    step_of = {
        label: dict(zip(reached.columns, cells, strict=True)) for label, cells in reached.rows
    }

    assert sum(int(c or 0) for c in opened[str(ComplianceGround.EVALUATION_MISSED.label)]) == 2
    assert sum(int(c or 0) for c in opened[str(ComplianceGround.PRESENTATION_LATE.label)]) == 1
    missed = step_of[str(ComplianceGround.EVALUATION_MISSED.label)]
    assert list(missed.values()) == [2, 2, 1, 1, 0]  # opened, reminders, notices, sent, not s.
    late = step_of[str(ComplianceGround.PRESENTATION_LATE.label)]
    assert list(late.values()) == [1, 0, 0, 0, 1]


def test_the_row_labels_follow_the_language_of_the_page_not_of_the_first_import(
    cimb: Centre,
) -> None:
    """Regression: the labels were frozen in whichever language was active when the module was
    first imported (a French page could come out in English)."""
    from django.utils import translation  # noqa: PLC0415

    (pathway,) = _files(1)
    NonCompliance.objects.create(
        pathway=pathway, ground=ComplianceGround.EVALUATION_MISSED, detected_on=FIRST
    )
    with translation.override("fr"):
        french = [label for label, _cells in compliance.cases(MARCH).rows]
    with translation.override("en"):
        english = [label for label, _cells in compliance.cases(MARCH).rows]
    assert english == ["Evaluation interview missed"]
    assert french != english
