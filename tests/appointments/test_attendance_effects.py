from datetime import datetime, timedelta

import pytest

from parcours.accounts.models import User
from parcours.appointments.enums import AppointmentStatus, KindCode
from parcours.appointments.services.booking import appointment_set_status
from parcours.appointments.services.pathway_hooks import no_show_count, pathway_no_shows
from parcours.core.errors import DomainError
from parcours.pathways.enums import EventKind, Status
from parcours.pathways.models import Pathway
from parcours.territory.models import Office
from tests.appointments.conftest import NOW_DAY
from tests.errors import refused
from tests.factories.appointments import at, book, next_weekday

DAY = next_weekday(NOW_DAY, 2)


def test_a_no_show_is_recorded_on_the_pathway_and_counted(
    office: Office, agent_mons: User, pathway: Pathway, now: datetime
) -> None:
    appointment = book(
        office=office, staff=agent_mons, person=pathway.person, starts_at=at(DAY, 9), now=now
    )
    with pytest.raises(DomainError, match="started"):
        appointment_set_status(
            appointment=appointment, to=AppointmentStatus.NO_SHOW, actor=agent_mons, now=now
        )
    after = appointment.ends_at + timedelta(minutes=5)
    appointment_set_status(
        appointment=appointment, to=AppointmentStatus.NO_SHOW, actor=agent_mons, now=after
    )
    event = pathway.events.filter(kind=EventKind.COMPLIANCE).get()
    assert event.summary.startswith("Did not come")
    assert no_show_count(pathway.person, pathway.centre_id) == 1
    annotated = pathway_no_shows(Pathway.objects.filter(pk=pathway.pk)).get()
    assert annotated.no_shows == 1  # type: ignore[attr-defined]


def test_attending_a_rights_and_duties_appointment_ticks_that_part(
    office: Office, agent_mons: User, pathway: Pathway, now: datetime
) -> None:
    appointment = book(
        office=office,
        staff=agent_mons,
        person=pathway.person,
        starts_at=at(DAY, 9),
        now=now,
        code=KindCode.RIGHTS_AND_DUTIES,
    )
    appointment_set_status(
        appointment=appointment,
        to=AppointmentStatus.ATTENDED,
        actor=agent_mons,
        now=appointment.starts_at,
    )
    pathway.refresh_from_db()
    assert pathway.rights_sessions.get().given_on == DAY
    assert pathway.status == Status.WELCOME  # attending means the person presented
    with refused("An appointment cannot go from “%(from)s” to “%(to)s”."):  # attended is final
        appointment_set_status(
            appointment=appointment,
            to=AppointmentStatus.NO_SHOW,
            actor=agent_mons,
            now=appointment.ends_at,
        )


def test_attending_administrative_help_records_it(
    office: Office, agent_mons: User, pathway: Pathway, now: datetime
) -> None:
    appointment = book(
        office=office,
        staff=agent_mons,
        person=pathway.person,
        note="Mutuelle",
        starts_at=at(DAY, 10),
        now=now,
        code=KindCode.ADMINISTRATIVE_HELP,
    )
    appointment_set_status(
        appointment=appointment,
        to=AppointmentStatus.ATTENDED,
        actor=agent_mons,
        now=appointment.starts_at,
    )
    assert pathway.administrative_help.get().what == "Mutuelle"


def test_a_missed_collective_session_counts_as_a_no_show_for_non_compliance(
    office: Office, agent_mons: User, coordinator_mons: User, pathway: Pathway, now: datetime
) -> None:
    from parcours.appointments.services.sessions import attendance_mark, seat_register  # noqa: PLC0415
    from tests.factories.appointments import make_session  # noqa: PLC0415

    session = make_session(office, coordinator_mons, starts_at=at(DAY, 9), now=now)
    seat_register(session=session, actor=agent_mons, now=now, person=pathway.person)
    attendance_mark(session=session, present=set(), actor=agent_mons, now=session.ends_at)
    missed = book(
        office=office, staff=agent_mons, person=pathway.person, starts_at=at(DAY, 14), now=now
    )
    appointment_set_status(
        appointment=missed, to=AppointmentStatus.NO_SHOW, actor=agent_mons, now=missed.ends_at
    )
    annotated = pathway_no_shows(Pathway.objects.filter(pk=pathway.pk)).get()
    assert annotated.no_shows == 2  # type: ignore[attr-defined]
    assert no_show_count(pathway.person, pathway.centre_id) == 2
