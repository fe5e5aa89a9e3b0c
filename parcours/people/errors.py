from django.utils.translation import gettext_lazy as _

from parcours.core.errors import DomainError
from parcours.people.models import Person


class DuplicatePersonError(DomainError):
    """Same national number = same person: never create the second one."""

    status_code = 409

    def __init__(self, existing: Person) -> None:
        super().__init__(_("A person with this national number is already recorded."))
        self.existing = existing


class ProbableMatchError(DomainError):
    """Names like a known person's with the same birth date, and no national number to tell:
    the user confirms (the same person, or another one); nothing is created meanwhile."""

    status_code = 409
    code = "probable_match"

    def __init__(self, candidates: list[Person]) -> None:
        super().__init__(
            _(
                "A person with a similar name and the same birth date is already recorded: "
                "confirm whether this is the same person. Nothing was recorded."
            )
        )
        self.candidates = candidates
