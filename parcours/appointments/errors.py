from django.utils.functional import Promise

from parcours.core.errors import DomainError


class ClashError(DomainError):
    """A staff member, a room or an interpreter is already held at that time."""

    status_code = 409


class SessionFullError(DomainError):
    status_code = 409


class BookingRefusedError(DomainError):
    """Online booking refused by the abuse limits; the message says why and what to do."""

    status_code = 429

    def __init__(self, message: str | Promise) -> None:
        super().__init__(message)
