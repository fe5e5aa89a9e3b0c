"""Who is told when the ledger records hours. The training domain knows none of them: they
register here when their app is ready (casework: the files' reaction, `casework.hours`)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from parcours.accounts.models import User


@dataclass(frozen=True)
class FileChange:
    """New hours on one file: the first day they cover, and the line for its timeline."""

    first_on: date
    summary: str


HoursListener = Callable[[dict[int, FileChange], User | None], None]
_listeners: list[HoursListener] = []


def hours_listener_register(listener: HoursListener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def hours_recorded(*, changes: dict[int, FileChange], actor: User | None) -> None:
    """Set-based listeners: a fixed number of queries whatever the size of the class."""
    if changes:
        for listener in _listeners:
            listener(changes, actor)
