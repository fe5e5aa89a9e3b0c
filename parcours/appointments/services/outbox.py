"""Messages queued for the task worker once the transaction that decided them commits: an
unreachable mail server never undoes or fails a booking. The tasks call back the send
functions of `deliveries` and `reminders`; those never import the tasks."""

from datetime import date

from django.db import transaction

from parcours.appointments.models import Appointment, Seat
from parcours.appointments.services.deliveries import CHANNELS
from parcours.appointments.services.reminders import (
    reminder_key,
    reminders_due,
    seat_reminder_key,
    seat_reminders_due,
    still_missing,
)
from parcours.appointments.tasks import (
    send_cancellation,
    send_confirmation,
    send_invitation,
    send_reminder,
    send_seat_confirmation,
    send_seat_promoted,
    send_seat_reminder,
)
from parcours.core.sealed import seal


def confirmation_enqueue(appointment: Appointment, token: str) -> None:
    """One task per channel once the booking is committed: an unreachable mail server never
    undoes or fails a booking. The token travels in the task's arguments only, sealed (the
    link must reach the person; Parcours stores only its digest)."""
    sealed = seal(token)

    def enqueue() -> None:
        for channel in CHANNELS:
            send_confirmation.enqueue(appointment.pk, str(channel), sealed)

    transaction.on_commit(enqueue)


def cancellation_enqueue(appointment: Appointment) -> None:
    """The message that says the appointment is cancelled, one task per channel."""
    appointment_id = appointment.pk

    def enqueue() -> None:
        for channel in CHANNELS:
            send_cancellation.enqueue(appointment_id, str(channel))

    transaction.on_commit(enqueue)


def seat_confirmation_enqueue(seat: Seat, token: str, position: int) -> None:
    sealed = seal(token)

    def enqueue() -> None:
        for channel in CHANNELS:
            send_seat_confirmation.enqueue(seat.pk, str(channel), sealed, position)

    transaction.on_commit(enqueue)


def reminders_enqueue(*, today: date) -> int:
    """One task per appointment or seat and per channel not yet sent; returns how many."""

    appointment_ids = list(reminders_due(today=today).values_list("pk", flat=True))
    seat_ids = list(seat_reminders_due(today=today).values_list("pk", flat=True))
    appointments = still_missing(
        {reminder_key(i, c): (i, c) for i in appointment_ids for c in CHANNELS}
    )
    seats = still_missing({seat_reminder_key(i, c): (i, c) for i in seat_ids for c in CHANNELS})
    for appointment_id, channel in appointments:
        send_reminder.enqueue(appointment_id, str(channel))
    for seat_id, channel in seats:
        send_seat_reminder.enqueue(seat_id, str(channel))
    return len(appointments) + len(seats)


def seat_promoted_enqueue(seat: Seat) -> None:
    seat_id = seat.pk
    transaction.on_commit(lambda: send_seat_promoted.enqueue(seat_id))


def invitation_enqueue(appointment: Appointment, link: str) -> None:
    appointment_id = appointment.pk
    sealed = seal(link)
    transaction.on_commit(lambda: send_invitation.enqueue(appointment_id, sealed))
