"""An e-mail backend for the worker-crash test: it writes each message to EMAIL_FILE_PATH
(the "mail server"), except that the message whose subject is in the gate file
(PARCOURS_TEST_MAIL_GATE) makes it hang before sending, after it says so in `<gate>.entered`
— the moment the test kills the worker."""

import os
import time
from collections.abc import Sequence
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend as FileBackend
from django.core.mail.message import EmailMessage


class EmailBackend(FileBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        gate = Path(os.environ.get("PARCOURS_TEST_MAIL_GATE", "/nonexistent"))
        for message in email_messages:
            if gate.exists() and gate.read_text() == message.subject:
                gate.with_suffix(".entered").write_text(str(message.subject))
                time.sleep(3600)
        return super().send_messages(email_messages)
