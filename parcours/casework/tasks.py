"""Background tasks (django-tasks, database backend); thin: they call services."""

from datetime import date

from django_tasks import task

from parcours.casework.statistics.facts import last_refresh
from parcours.casework.statistics.warm import statistics_warm


@task()
def statistics_pages_warm(refresh_id: int, today: str) -> int:
    """The statistics pages opened without a filter, computed for the refresh the night's
    sweep made (enqueued by it: the worker fills the cache after the night commits, while
    the sweep itself ends in seconds). A refresh superseded meanwhile is not worth it."""
    latest = last_refresh()
    if latest is None or latest.pk != refresh_id:
        return 0
    return statistics_warm(refresh=latest, today=date.fromisoformat(today))
