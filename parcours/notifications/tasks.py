"""Background tasks (django-tasks, database backend); thin: they call the senders."""

from django_tasks import task

from parcours.core.sealed import unseal
from parcours.notifications.email import email_send
from parcours.notifications.sms import send_sms


@task()
def send_email(
    subject: str, body: str, to: list[str], reply_to: list[str], attachments: list[list[str]]
) -> int:
    return email_send(subject=subject, body=body, to=to, reply_to=reply_to, attachments=attachments)


@task()
def send_text(to: str, body: str) -> bool:
    """One SMS; `body` is sealed (core.sealed) while it waits in the task table."""
    send_sms(to, unseal(body))
    return True
