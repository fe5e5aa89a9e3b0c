"""Reminders two days before, by e-mail and SMS, sent by background tasks: for individual
appointments and for seats in collective sessions.

Idempotent through `deliveries.delivery_send` (a unique `Delivery` key per message and
channel). The sweep enqueues one task per appointment (or seat) and per channel still
missing, so a channel that failed yesterday is tried again without resending the other."""

from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from parcours.appointments.enums import HOLDING_STATUSES, Channel, SeatStatus
from parcours.appointments.models import Appointment, Delivery, Seat
from parcours.appointments.services.deliveries import delivery_send
from parcours.appointments.services.messages import seat_message, send_email, send_text

# A product choice, not a rule of the decree: how long before an appointment to remind.
REMINDER_DAYS_BEFORE = 2


def _day_span(today: date) -> tuple[datetime, datetime]:
    day = today + timedelta(days=REMINDER_DAYS_BEFORE)
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, start + timedelta(days=1)


def reminders_due(*, today: date) -> QuerySet[Appointment]:
    start, end = _day_span(today)
    return Appointment.objects.filter(
        status__in=HOLDING_STATUSES, starts_at__gte=start, starts_at__lt=end
    )


def seat_reminders_due(*, today: date) -> QuerySet[Seat]:
    """Registered seats only: a person on the waiting list has no seat to come to."""
    start, end = _day_span(today)
    return Seat.objects.filter(
        status=SeatStatus.REGISTERED,
        session__cancelled=False,
        session__starts_at__gte=start,
        session__starts_at__lt=end,
    )


def reminder_key(appointment_id: int, channel: Channel) -> str:
    return f"reminder:{appointment_id}:{channel}"


def seat_reminder_key(seat_id: int, channel: Channel) -> str:
    return f"reminder:seat:{seat_id}:{channel}"


def reminder_send(*, appointment_id: int, channel: Channel) -> bool:
    """Send one reminder; False when it was already sent, not due any more, or no contact."""
    appointment = (
        Appointment.objects.select_related("office__commune", "kind", "person", "intake")
        .filter(pk=appointment_id, status__in=HOLDING_STATUSES)
        .first()
    )
    if appointment is None:
        return False
    sender = send_email if channel == Channel.EMAIL else send_text
    return delivery_send(
        key=reminder_key(appointment_id, channel),
        channel=channel,
        appointment=appointment,
        send=lambda: sender("reminder", appointment),
    )


def seat_reminder_send(*, seat_id: int, channel: Channel) -> bool:
    found = Seat.objects.select_related("session__office__commune", "person", "intake")
    seat = found.filter(pk=seat_id, status=SeatStatus.REGISTERED, session__cancelled=False).first()
    if seat is None:
        return False
    return delivery_send(
        key=seat_reminder_key(seat_id, channel),
        channel=channel,
        send=lambda: seat_message("seat_reminder", seat, channel, {}),
    )


def still_missing(keys: dict[str, tuple[int, Channel]]) -> list[tuple[int, Channel]]:
    sent = set(Delivery.objects.filter(key__in=list(keys)).values_list("key", flat=True))
    return [pair for key, pair in keys.items() if key not in sent]
