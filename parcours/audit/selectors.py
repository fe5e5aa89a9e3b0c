from django.db.models import QuerySet

from parcours.audit.models import AccessEvent
from parcours.people.models import Person


def access_events_for(*, person: Person) -> QuerySet[AccessEvent]:
    return AccessEvent.objects.filter(person=person).select_related("user")
