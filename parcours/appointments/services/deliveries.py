"""Messages sent by background tasks, never inside the request: confirmations here, reminders
in `reminders`. Idempotent: the `Delivery` row (unique key per message and channel) is written
in the same transaction as the sending. A retried or duplicated task finds the row and sends
nothing; a sending that fails rolls the row back, so a retry sends."""

from collections.abc import Callable

from django.db import IntegrityError, transaction

from parcours.appointments.enums import HOLDING_STATUSES, AppointmentStatus, Channel, SeatStatus
from parcours.appointments.models import Appointment, Delivery, Seat
from parcours.appointments.services.messages import (
    confirmation_email,
    confirmation_text,
    seat_link,
    seat_message,
    send_email,
    send_text,
)

CHANNELS = (Channel.EMAIL, Channel.SMS)
LIVE = (SeatStatus.REGISTERED, SeatStatus.WAITING)


def delivery_send(
    *, key: str, channel: Channel, send: Callable[[], bool], appointment: Appointment | None = None
) -> bool:
    """Send once under `key`; False when already sent or nobody to send to."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                Delivery.objects.create(key=key, channel=channel, appointment=appointment)
        except IntegrityError:
            return False
        sent = send()
        if not sent:
            transaction.set_rollback(True)
        return sent


def confirmation_key(appointment_id: int, channel: Channel) -> str:
    return f"confirmation:{appointment_id}:{channel}"


def confirmation_send(*, appointment_id: int, channel: Channel, token: str = "") -> bool:
    appointment = (
        Appointment.objects.select_related("office__commune", "kind", "person", "intake")
        .filter(pk=appointment_id, status__in=HOLDING_STATUSES)
        .first()
    )
    if appointment is None:
        return False
    sender = confirmation_email if channel == Channel.EMAIL else confirmation_text
    return delivery_send(
        key=confirmation_key(appointment_id, channel),
        channel=channel,
        appointment=appointment,
        send=lambda: sender(appointment, token),
    )


def cancellation_send(*, appointment_id: int, channel: Channel) -> bool:
    """After the person cancelled: the appointment that was, and how to book again."""
    appointment = (
        Appointment.objects.select_related("office__commune", "kind", "person", "intake")
        .filter(pk=appointment_id, status=AppointmentStatus.CANCELLED_BY_PERSON)
        .first()
    )
    if appointment is None:
        return False
    sender = send_email if channel == Channel.EMAIL else send_text
    return delivery_send(
        key=f"cancellation:{appointment_id}:{channel}",
        channel=channel,
        appointment=appointment,
        send=lambda: sender("cancellation", appointment),
    )


def _live_seat(seat_id: int) -> Seat | None:
    found = Seat.objects.select_related("session__office__commune", "person", "intake")
    return found.filter(pk=seat_id, status__in=LIVE, session__cancelled=False).first()


def seat_confirmation_send(*, seat_id: int, channel: Channel, token: str, position: int) -> bool:
    """After an online registration: a seat, or a place on the waiting list, and the link."""
    seat = _live_seat(seat_id)
    if seat is None:
        return False
    extra = {"link": seat_link(seat, token), "position": position}
    return delivery_send(
        key=f"confirmation:seat:{seat_id}:{channel}",
        channel=channel,
        send=lambda: seat_message("seat_confirmation", seat, channel, extra),
    )
