from django.utils.translation import gettext_lazy as _

from parcours.core.errors import DomainError
from parcours.people.models import Person


class DuplicatePersonError(DomainError):
    """Same national number = same person: never create the second one."""

    status_code = 409

    def __init__(self, existing: Person) -> None:
        super().__init__(_("A person with this national number is already recorded."))
        self.existing = existing
