"""Background tasks (django-tasks, database backend); thin: they call services."""

from django_tasks import task

from parcours.appointments.enums import Channel
from parcours.appointments.services.reminders import reminder_send


@task()
def send_reminder(appointment_id: int) -> list[str]:
    channels = (Channel.EMAIL, Channel.SMS)
    return [str(c) for c in channels if reminder_send(appointment_id=appointment_id, channel=c)]
