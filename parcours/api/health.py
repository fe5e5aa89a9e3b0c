"""`/healthz` for load balancers and monitoring: the database answers, every migration is
applied, and how long the oldest task ready to run has waited (a stopped worker shows here).
No personal data, no authentication: it says nothing about anyone."""

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Min
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks_db.models import DBTaskResult


def _pending_migrations() -> int:
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def _oldest_waiting_seconds() -> int | None:
    oldest = DBTaskResult.objects.ready().aggregate(oldest=Min("enqueued_at"))["oldest"]
    return None if oldest is None else int((timezone.now() - oldest).total_seconds())


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        pending = _pending_migrations()
        waiting = _oldest_waiting_seconds()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    body = {
        "status": "ok" if pending == 0 else "error",
        "database": "ok",
        "migrations_pending": pending,
        "oldest_task_waiting_seconds": waiting,
    }
    return JsonResponse(body, status=200 if pending == 0 else 503)
