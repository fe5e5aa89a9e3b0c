"""E-mails leave through the task worker, once the transaction that decided them commits:
an unreachable mail server never fails nor undoes the step that sends them."""

import base64
from dataclasses import dataclass

from django.db import transaction

from parcours.core.sealed import seal
from parcours.notifications.tasks import send_email, send_text


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str


def email_enqueue(
    *,
    subject: str,
    body: str,
    to: list[str],
    reply_to: list[str] | None = None,
    attachments: tuple[Attachment, ...] = (),
) -> None:
    # The text and the files are sealed in the task table (core.sealed): they are letters.
    files = [
        [a.filename, seal(base64.b64encode(a.content).decode()), a.mimetype] for a in attachments
    ]
    sealed = seal(body)
    transaction.on_commit(
        lambda: send_email.enqueue(
            subject=subject, body=sealed, to=to, reply_to=reply_to or [], attachments=files
        )
    )


def sms_enqueue(*, to: str, body: str) -> None:
    """An SMS, sent by the worker once the transaction commits; its text sealed meanwhile."""
    sealed = seal(body)
    transaction.on_commit(lambda: send_text.enqueue(to=to, body=sealed))
