"""An interpreter is held whenever a request is confirmed, whatever the path to "confirmed"."""

from datetime import datetime

import pytest

from parcours.accounts.models import User
from parcours.appointments.enums import AppointmentStatus, InterpreterStatus
from parcours.appointments.errors import ClashError
from parcours.appointments.models import (
    Appointment,
    Interpreter,
    InterpreterProvider,
    ResourceHold,
)
from parcours.appointments.services.booking import appointment_set_status
from parcours.appointments.services.interpreters import (
    InterpreterUpdate,
    interpreter_request_update,
    requests_mark_sent,
)
from parcours.appointments.services.sessions import session_cancel
from parcours.core.errors import DomainError
from parcours.territory.models import Office
from tests.appointments.conftest import NOW_DAY
from tests.errors import refused
from tests.factories.appointments import at, book, make_session, next_weekday
from tests.factories.people import make_person

DAY = next_weekday(NOW_DAY, 1)
IS = InterpreterStatus


@pytest.fixture
def amal() -> Interpreter:
    provider = InterpreterProvider.objects.get(is_default=True)
    return Interpreter.objects.create(provider=provider, name="Amal", languages=["ar"])


def _two_overlapping(
    office: Office, agent: User, coordinator: User, now: datetime
) -> list[Appointment]:
    person = make_person(interpreter_language="ar")
    first = book(office=office, staff=agent, person=person, starts_at=at(DAY, 9), now=now)
    second = book(
        office=office, staff=coordinator, person=person, starts_at=at(DAY, 9, 15), now=now
    )
    return [first, second]


def _update(appointment: Appointment, status: IS, who: Interpreter, actor: User) -> None:
    interpreter_request_update(
        request=appointment.interpreter_requests.get(),
        update=InterpreterUpdate(status=status, interpreter=who),
        actor=actor,
    )


def test_requested_then_confirmed_with_the_same_interpreter_takes_a_hold_and_clashes(
    office: Office, agent_mons: User, coordinator_mons: User, now: datetime, amal: Interpreter
) -> None:
    first, second = _two_overlapping(office, agent_mons, coordinator_mons, now)
    _update(first, IS.REQUESTED, amal, coordinator_mons)
    _update(first, IS.CONFIRMED, amal, coordinator_mons)
    assert (
        ResourceHold.objects.filter(appointment=first, resource=f"interpreter:{amal.pk}")
        .get()
        .active
    )
    _update(second, IS.REQUESTED, amal, coordinator_mons)
    with refused("This interpreter is already booked at that time.", ClashError):
        _update(second, IS.CONFIRMED, amal, coordinator_mons)
    assert second.interpreter_requests.get().status == IS.REQUESTED


def test_confirming_the_same_interpreter_twice_keeps_a_single_hold(
    office: Office, agent_mons: User, coordinator_mons: User, now: datetime, amal: Interpreter
) -> None:
    first, _second = _two_overlapping(office, agent_mons, coordinator_mons, now)
    _update(first, IS.CONFIRMED, amal, coordinator_mons)
    _update(first, IS.CONFIRMED, amal, coordinator_mons)
    assert (
        ResourceHold.objects.filter(appointment=first, resource__startswith="interpreter:").count()
        == 1
    )


def test_an_interpreter_cannot_be_confirmed_for_a_cancelled_appointment(
    office: Office, agent_mons: User, coordinator_mons: User, now: datetime, amal: Interpreter
) -> None:
    first, _second = _two_overlapping(office, agent_mons, coordinator_mons, now)
    appointment_set_status(
        appointment=first, to=AppointmentStatus.CANCELLED_BY_CENTRE, actor=agent_mons, now=now
    )
    with pytest.raises(DomainError, match="no longer planned"):
        _update(first, IS.CONFIRMED, amal, coordinator_mons)
    assert not ResourceHold.objects.filter(resource=f"interpreter:{amal.pk}").exists()


def test_an_interpreter_cannot_be_confirmed_for_a_cancelled_session(
    office: Office, coordinator_mons: User, now: datetime, amal: Interpreter
) -> None:
    session = make_session(office, coordinator_mons, starts_at=at(DAY, 9), now=now)
    interpreter_request = session.interpreter_requests.create(
        centre_id=session.centre_id, language="ar", provider=amal.provider
    )
    session_cancel(session=session, actor=coordinator_mons)
    with pytest.raises(DomainError, match="no longer planned"):
        interpreter_request_update(
            request=interpreter_request,
            update=InterpreterUpdate(status=IS.CONFIRMED, interpreter=amal),
            actor=coordinator_mons,
        )


def test_sending_and_updating_an_interpreter_request_record_who_did_it(
    office: Office, agent_mons: User, coordinator_mons: User, now: datetime, amal: Interpreter
) -> None:
    first, _second = _two_overlapping(office, agent_mons, coordinator_mons, now)
    request = first.interpreter_requests.get()
    assert requests_mark_sent(requests=[request], actor=coordinator_mons) == 1
    _update(first, IS.CONFIRMED, amal, agent_mons)
    request.refresh_from_db()
    assert (request.requested_by, request.updated_by) == (coordinator_mons, agent_mons)
