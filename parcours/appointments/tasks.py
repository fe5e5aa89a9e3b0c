"""Background tasks (django-tasks, database backend); thin: they call services."""

from django_tasks import task

from parcours.appointments.enums import Channel
from parcours.appointments.services.deliveries import (
    CHANNELS,
    cancellation_send,
    confirmation_send,
    seat_confirmation_send,
)
from parcours.appointments.services.messages import invitation_send, seat_promoted_send
from parcours.appointments.services.reminders import reminder_send, seat_reminder_send
from parcours.core.sealed import unseal


@task()
def send_reminder(appointment_id: int, channel: str = "") -> list[str]:
    """One channel, or both when none is given (tasks enqueued before channels were split)."""
    channels = [Channel(channel)] if channel else list(CHANNELS)
    return [str(c) for c in channels if reminder_send(appointment_id=appointment_id, channel=c)]


@task()
def send_seat_reminder(seat_id: int, channel: str) -> bool:
    return seat_reminder_send(seat_id=seat_id, channel=Channel(channel))


@task()
def send_confirmation(appointment_id: int, channel: str, token: str) -> bool:
    """`token`: sealed (core.sealed), like every secret that waits in the task table."""
    return confirmation_send(
        appointment_id=appointment_id, channel=Channel(channel), token=unseal(token)
    )


@task()
def send_cancellation(appointment_id: int, channel: str) -> bool:
    return cancellation_send(appointment_id=appointment_id, channel=Channel(channel))


@task()
def send_seat_confirmation(seat_id: int, channel: str, token: str, position: int) -> bool:
    return seat_confirmation_send(
        seat_id=seat_id, channel=Channel(channel), token=unseal(token), position=position
    )


@task()
def send_seat_promoted(seat_id: int) -> None:
    seat_promoted_send(seat_id)


@task()
def send_invitation(appointment_id: int, link: str) -> bool:
    return invitation_send(appointment_id, unseal(link))
