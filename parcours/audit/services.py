from parcours.accounts.models import User
from parcours.audit.models import AccessEvent
from parcours.people.models import Person


def access_record(*, user: User, person: Person, what: str) -> AccessEvent:
    """Every view or export of a person's data calls this (issue 4, "Audit")."""
    return AccessEvent.objects.create(user=user, person=person, what=what[:64])
