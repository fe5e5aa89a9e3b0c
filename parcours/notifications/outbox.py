"""E-mails leave through the task worker, once the transaction that decided them commits:
an unreachable mail server never fails nor undoes the step that sends them."""

import base64
from dataclasses import dataclass

from django.db import transaction

from parcours.notifications.tasks import send_email


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
    files = [[a.filename, base64.b64encode(a.content).decode(), a.mimetype] for a in attachments]
    transaction.on_commit(
        lambda: send_email.enqueue(
            subject=subject, body=body, to=to, reply_to=reply_to or [], attachments=files
        )
    )
