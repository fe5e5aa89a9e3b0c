"""Sending SMS through a pluggable backend, like Django's e-mail backends.

`PARCOURS_SMS_BACKEND` names the class: `console` (the demo: prints), `file` (writes one
file per message under `PARCOURS_SMS_FILE_PATH`), `locmem` (tests: `outbox`). A production
gateway is one more class with the same `send` method."""

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

DEFAULT_BACKEND = "parcours.notifications.sms.ConsoleBackend"


@dataclass(frozen=True)
class Sms:
    to: str
    body: str


class SmsBackend(Protocol):
    def send(self, message: Sms) -> None: ...


class ConsoleBackend:
    def send(self, message: Sms) -> None:
        sys.stdout.write(f"SMS to {message.to}:\n{message.body}\n\n")


class FileBackend:
    def send(self, message: Sms) -> None:
        folder = Path(getattr(settings, "PARCOURS_SMS_FILE_PATH", "var/sms"))
        folder.mkdir(parents=True, exist_ok=True)
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S-%f")
        (folder / f"{stamp}.txt").write_text(f"To: {message.to}\n\n{message.body}\n", "utf-8")


outbox: list[Sms] = []


class LocmemBackend:
    def send(self, message: Sms) -> None:
        outbox.append(message)


def backend() -> SmsBackend:
    path = getattr(settings, "PARCOURS_SMS_BACKEND", DEFAULT_BACKEND)
    instance: SmsBackend = import_string(path)()
    return instance


def send_sms(to: str, body: str) -> None:
    backend().send(Sms(to=to, body=body))
