from django.db.models import Count, Max, QuerySet

from parcours.audit.models import AccessEvent
from parcours.people.models import Person


def access_events_for(*, person: Person) -> QuerySet[AccessEvent]:
    return AccessEvent.objects.filter(person=person).select_related("user")


def readers_of(*, person: Person, limit: int = 8) -> list[dict[str, object]]:
    """Who read the file lately: one line per user, their last read and how many (the
    person page shows it to coordinators)."""

    rows = (
        AccessEvent.objects.filter(person=person)
        .values("user__email", "user__full_name")
        .annotate(last=Max("at"), reads=Count("id"))
        .order_by("-last")[:limit]
    )
    return list(rows)
