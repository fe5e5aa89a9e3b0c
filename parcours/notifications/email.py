"""Sends one e-mail; run by the task worker (`notifications.tasks.send_email`)."""

import base64

from django.core.mail import EmailMessage

from parcours.core.sealed import unseal


def email_send(
    *, subject: str, body: str, to: list[str], reply_to: list[str], attachments: list[list[str]]
) -> int:
    """`attachments`: [filename, sealed base64 content, MIME type]; the body is sealed too."""
    message = EmailMessage(subject=subject, body=unseal(body), to=to, reply_to=reply_to)
    for filename, content, mimetype in attachments:
        message.attach(filename, base64.b64decode(unseal(content)), mimetype)
    return message.send()
