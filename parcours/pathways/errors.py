from django.utils.translation import gettext_lazy as _

from parcours.core.errors import DomainError


class TransitionNotAllowedError(DomainError):
    status_code = 409


class RulesUnavailableError(DomainError):
    """The rules engine could not decide (missing facts, no rule in force)."""


NOT_OPEN = _("This pathway is closed.")
