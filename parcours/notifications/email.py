"""Sends one e-mail; run by the task worker (`notifications.tasks.send_email`)."""

import base64

from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction

from parcours.core.models import SentMessage
from parcours.core.sealed import unseal


def email_send(
    *,
    subject: str,
    body: str,
    to: list[str],
    reply_to: list[str],
    attachments: list[list[str]],
    key: str = "",
) -> int:
    """`attachments`: [filename, sealed base64 content, MIME type]; the body is sealed too.

    `key`, the message's idempotency key: its `SentMessage` row is written in the same
    transaction as the sending, so a retried task (its worker died after the row was
    committed) sends nothing, and a sending that fails leaves no row, so the retry sends. The
    key is also the Message-ID, so a mail server that accepted the message just before the
    worker died sees the same message again, not a new one. Tasks queued before keys existed
    have none and are sent as they come."""
    headers = {"Message-ID": f"<{key}@parcours.invalid>"} if key else None
    message = EmailMessage(
        subject=subject, body=unseal(body), to=to, reply_to=reply_to, headers=headers
    )
    for filename, content, mimetype in attachments:
        message.attach(filename, base64.b64decode(unseal(content)), mimetype)
    if not key:
        return message.send()
    with transaction.atomic():
        try:
            with transaction.atomic():
                SentMessage.objects.create(key=key)
        except IntegrityError:
            return 0  # already sent by an earlier attempt
        return message.send()
