from django.utils.translation import gettext_lazy as _

from parcours.core.errors import DomainError


class TransitionNotAllowedError(DomainError):
    status_code = 409


class RulesUnavailableError(DomainError):
    """The rules engine could not decide (missing facts, no rule in force)."""


class IdentityMismatchError(DomainError):
    """A known national number with another name or birth date."""

    status_code = 409


class FileHeldElsewhereError(DomainError):
    """A centre's staff referring a person whose open file another centre holds."""

    status_code = 409


NOT_OPEN = _("This pathway is closed.")
