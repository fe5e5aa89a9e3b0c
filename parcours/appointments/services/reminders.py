"""Reminders two days before, by e-mail and SMS, sent by background tasks.

Idempotent: the `Delivery` row (unique key per appointment and channel) is written in the
same transaction as the sending. A retried or duplicated task finds the row and sends
nothing; a sending that fails rolls the row back, so the retry sends."""

from datetime import date, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from parcours.appointments.enums import HOLDING_STATUSES, Channel
from parcours.appointments.models import Appointment, Delivery
from parcours.appointments.services.messages import send_email, send_text

# A product choice, not a rule of the decree: how long before an appointment to remind.
REMINDER_DAYS_BEFORE = 2


def reminders_due(*, today: date) -> QuerySet[Appointment]:
    day = today + timedelta(days=REMINDER_DAYS_BEFORE)
    start = timezone.make_aware(datetime.combine(day, time.min))
    return Appointment.objects.filter(
        status__in=HOLDING_STATUSES, starts_at__gte=start, starts_at__lt=start + timedelta(days=1)
    )


def reminder_key(appointment_id: int, channel: Channel) -> str:
    return f"reminder:{appointment_id}:{channel}"


def reminder_send(*, appointment_id: int, channel: Channel) -> bool:
    """Send one reminder; False when it was already sent, not due any more, or no contact."""
    with transaction.atomic():
        appointment = Appointment.objects.select_related(
            "office__commune", "kind", "person", "intake"
        ).get(pk=appointment_id)
        if appointment.status not in HOLDING_STATUSES:
            return False
        try:
            with transaction.atomic():
                Delivery.objects.create(
                    key=reminder_key(appointment_id, channel),
                    channel=channel,
                    appointment=appointment,
                )
        except IntegrityError:
            return False
        sent = (send_email if channel == Channel.EMAIL else send_text)("reminder", appointment)
        if not sent:
            transaction.set_rollback(True)
        return sent


def reminders_enqueue(*, today: date) -> int:
    from parcours.appointments.tasks import send_reminder  # noqa: PLC0415 - tasks import services

    ids = list(
        reminders_due(today=today)
        .exclude(deliveries__key__startswith="reminder:")
        .values_list("pk", flat=True)
    )
    for appointment_id in ids:
        send_reminder.enqueue(appointment_id)
    return len(ids)
