from datetime import datetime, timedelta

import pytest
from django.core import mail

from parcours.accounts.models import User
from parcours.appointments.enums import AppointmentStatus, Channel
from parcours.appointments.models import Delivery
from parcours.appointments.services.booking import appointment_set_status
from parcours.appointments.services.outbox import reminders_enqueue
from parcours.appointments.services.reminders import reminder_send, reminders_due
from parcours.notifications import sms
from parcours.pathways.models import Pathway
from parcours.territory.models import Office
from tests.appointments.conftest import NOW_DAY
from tests.factories.appointments import at, book, next_weekday

DAY = next_weekday(NOW_DAY, 3)


def test_a_retried_reminder_never_sends_twice(
    office: Office, agent_mons: User, pathway: Pathway, now: datetime
) -> None:
    appointment = book(
        office=office, staff=agent_mons, person=pathway.person, starts_at=at(DAY, 9), now=now
    )
    assert list(reminders_due(today=DAY - timedelta(days=2))) == [appointment]
    assert reminder_send(appointment_id=appointment.pk, channel=Channel.EMAIL)
    assert not reminder_send(appointment_id=appointment.pk, channel=Channel.EMAIL)
    assert reminder_send(appointment_id=appointment.pk, channel=Channel.SMS)
    assert not reminder_send(appointment_id=appointment.pk, channel=Channel.SMS)
    assert (len(mail.outbox), len(sms.outbox), Delivery.objects.count()) == (1, 1, 2)
    assert reminders_enqueue(today=DAY - timedelta(days=2)) == 0  # already reminded


def test_the_reminder_task_sends_in_the_persons_language(
    office: Office, agent_mons: User, now: datetime
) -> None:
    from tests.factories.people import make_person  # noqa: PLC0415

    person = make_person(letter_language="en", national_number="")
    book(office=office, staff=agent_mons, person=person, starts_at=at(DAY, 10), now=now)
    # One task per channel (the immediate backend in tests runs them at once).
    assert reminders_enqueue(today=DAY - timedelta(days=2)) == 2
    assert mail.outbox[0].subject.startswith("Reminder")
    assert sms.outbox[0].body.startswith("Reminder")


def test_a_failed_sending_is_retried_and_a_cancelled_appointment_is_not_reminded(
    office: Office,
    agent_mons: User,
    pathway: Pathway,
    now: datetime,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    appointment = book(
        office=office, staff=agent_mons, person=pathway.person, starts_at=at(DAY, 9), now=now
    )

    def broken(*args: object) -> None:
        raise ConnectionError("SMTP down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    with pytest.raises(ConnectionError):
        reminder_send(appointment_id=appointment.pk, channel=Channel.EMAIL)
    assert not Delivery.objects.exists()  # rolled back: the retry will send
    monkeypatch.undo()
    appointment_set_status(
        appointment=appointment, to=AppointmentStatus.CANCELLED_BY_PERSON, actor=agent_mons, now=now
    )
    assert not reminder_send(appointment_id=appointment.pk, channel=Channel.EMAIL)


def test_a_channel_that_failed_is_enqueued_again_without_resending_the_other(
    office: Office, agent_mons: User, pathway: Pathway, now: datetime
) -> None:
    appointment = book(
        office=office, staff=agent_mons, person=pathway.person, starts_at=at(DAY, 9), now=now
    )
    assert reminder_send(appointment_id=appointment.pk, channel=Channel.EMAIL)
    assert reminders_enqueue(today=DAY - timedelta(days=2)) == 1  # only the SMS is missing
    assert (len(mail.outbox), len(sms.outbox)) == (1, 1)
    assert reminders_enqueue(today=DAY - timedelta(days=2)) == 0


def test_a_registered_seat_is_reminded_once_per_channel(
    office: Office, coordinator_mons: User, pathway: Pathway, now: datetime
) -> None:
    from parcours.appointments.services.sessions import seat_register  # noqa: PLC0415
    from tests.factories.appointments import make_session  # noqa: PLC0415

    session = make_session(office, coordinator_mons, starts_at=at(DAY, 13), now=now)
    seat = seat_register(session=session, actor=coordinator_mons, now=now, person=pathway.person)
    assert reminders_enqueue(today=DAY - timedelta(days=2)) == 2
    keys = set(Delivery.objects.values_list("key", flat=True))
    assert keys == {f"reminder:seat:{seat.pk}:email", f"reminder:seat:{seat.pk}:sms"}
    assert (len(mail.outbox), len(sms.outbox)) == (1, 1)
    assert reminders_enqueue(today=DAY - timedelta(days=2)) == 0
