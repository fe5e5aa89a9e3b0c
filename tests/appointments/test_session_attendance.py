"""Marking the attendance of a session reads the people's files once, not once per seat."""

from datetime import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from parcours.accounts.models import User
from parcours.appointments.services.sessions import attendance_mark, seat_register
from parcours.territory.models import Office
from tests.appointments.conftest import NOW_DAY
from tests.factories.appointments import at, make_session, next_weekday
from tests.factories.people import make_pathway

DAY = next_weekday(NOW_DAY, 2)


def _pathway_reads(office: Office, actor: User, now: datetime, people: int) -> int:
    session = make_session(office, actor, starts_at=at(DAY, 9), now=now, capacity=50)
    for i in range(people):
        person = make_pathway(actor=actor, national_number="", family_name=f"Seat{i}").person
        seat_register(session=session, actor=actor, now=now, person=person)
    with CaptureQueriesContext(connection) as captured:
        attendance_mark(session=session, present=set(), actor=actor, now=session.ends_at)
    return sum(
        1
        for q in captured.captured_queries
        if q["sql"].startswith("SELECT") and 'FROM "pathways_pathway"' in q["sql"]
    )


def test_marking_absences_reads_the_files_once_not_once_per_seat(
    office: Office, agent_mons: User, now: datetime
) -> None:
    assert _pathway_reads(office, agent_mons, now, 5) == 1
