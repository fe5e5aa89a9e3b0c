"""Sends one e-mail; run by the task worker (`notifications.tasks.send_email`)."""

import base64

from django.core.mail import EmailMessage


def email_send(
    *, subject: str, body: str, to: list[str], reply_to: list[str], attachments: list[list[str]]
) -> int:
    """`attachments`: [filename, base64 content, MIME type] — task arguments are JSON."""
    message = EmailMessage(subject=subject, body=body, to=to, reply_to=reply_to)
    for filename, content, mimetype in attachments:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message.send()
