"""Domain errors carry a translated message; views and the API turn them into 4xx answers."""

from django.utils.functional import Promise


class DomainError(Exception):
    status_code = 400

    def __init__(self, message: str | Promise) -> None:
        super().__init__(str(message))
        self.message = message


class FieldsError(DomainError):
    """A refusal about named input fields (the API answers their names in `fields`)."""

    def __init__(self, message: str | Promise, fields: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.fields = fields


class NotFoundError(DomainError):
    status_code = 404


class PermissionDeniedError(DomainError):
    status_code = 403
