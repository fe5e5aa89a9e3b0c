"""The task worker, with leases: nothing is lost when a worker dies.

django-tasks' database worker marks a task RUNNING and, if its process is killed, leaves it
so for ever. Here the worker takes a lease on the task it runs (`TaskLease`) and renews it
from a heartbeat thread while the task runs. A reaper (at start, then every half lease) puts
every RUNNING task whose lease expired back in the queue after a back-off that doubles with
each attempt, or marks it failed after `TASK_MAX_ATTEMPTS` attempts (the worker ids of a
task count its attempts). A task that raises is retried the same way.

A task is therefore run at least once; its effects are made exactly-once by the task itself:
every message it sends carries an idempotency record written in the same transaction as the
sending (`appointments.Delivery`, `core.SentMessage`), so a retry finds it and sends
nothing."""

import logging
import threading
import uuid
from datetime import datetime, timedelta
from traceback import format_exception
from typing import Any

from django.conf import settings
from django.db import OperationalError, close_old_connections, connection
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.compat import TaskContext, TaskResultStatus, task_finished, task_started
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult, get_date_max
from django_tasks_db.utils import exclusive_transaction

from parcours.core.models import TaskLease

logger = logging.getLogger(__name__)

BACKOFF_MAXIMUM = timedelta(hours=1)


class LeaseExpiredError(Exception):
    """The worker running the task stopped renewing its lease (it was killed)."""


def lease_length() -> timedelta:
    return timedelta(seconds=settings.TASK_LEASE_SECONDS)


def backoff(attempts: int) -> timedelta:
    """The wait before the next attempt: base, 2×base, 4×base… at most an hour."""
    base = timedelta(seconds=settings.TASK_RETRY_BACKOFF_SECONDS)
    wait: timedelta = min(base * (2 ** max(attempts - 1, 0)), BACKOFF_MAXIMUM)
    return wait


def _finished(result: DBTaskResult[Any, Any]) -> None:
    try:
        task_finished.send(sender=type(result.task.get_backend()), task_result=result.task_result)
    except Exception:
        logger.exception("task %s: the finished signal failed", result.pk)


def _requeue_or_fail(
    result: DBTaskResult[Any, Any], error: BaseException, *, now: datetime
) -> bool:
    """Back to the queue after the back-off, or failed for good; True when requeued."""
    attempts = len(result.worker_ids)
    if attempts >= settings.TASK_MAX_ATTEMPTS:
        result.set_failed(error)
        logger.error("task %s failed for good after %s attempts", result.pk, attempts)
        _finished(result)
        return False
    result.status = TaskResultStatus.READY
    result.run_after = now + backoff(attempts)
    result.exception_class_path = f"{type(error).__module__}.{type(error).__qualname__}"
    result.traceback = "".join(format_exception(error))
    result.save(update_fields=["status", "run_after", "exception_class_path", "traceback"])
    logger.warning(
        "task %s requeued after attempt %s (%s), next at %s",
        result.pk,
        attempts,
        type(error).__name__,
        result.run_after.isoformat(),
    )
    return True


def leases_reclaim(*, now: datetime | None = None) -> int:
    """Requeue (or fail) every RUNNING task whose worker died; returns how many."""
    now = now or timezone.now()
    expired = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).filter(
        Q(pk__in=TaskLease.objects.filter(expires_at__lt=now).values("task"))
        | (~Q(pk__in=TaskLease.objects.values("task")) & Q(started_at__lt=now - lease_length()))
    )
    ids = list(expired.values_list("pk", flat=True))
    handled = 0
    for pk in ids:
        with exclusive_transaction(DBTaskResult.objects.db):
            result = (
                DBTaskResult.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, status=TaskResultStatus.RUNNING)
                .first()
            )
            if result is None:
                continue
            TaskLease.objects.filter(task=result).delete()
            _requeue_or_fail(result, LeaseExpiredError(f"worker {result.worker_ids[-1:]}"), now=now)
            handled += 1
    return handled


def _renew(task_id: uuid.UUID, worker_id: str, stop: threading.Event) -> None:
    """The heartbeat: renew the lease every third of its length until the task ends."""
    every = max(lease_length().total_seconds() / 3, 0.2)
    try:
        while not stop.wait(every):
            try:
                TaskLease.objects.filter(task_id=task_id, worker_id=worker_id).update(
                    expires_at=timezone.now() + lease_length()
                )
            except OperationalError:  # SQLite busy: the next beat renews it
                logger.warning("task %s: lease not renewed this time", task_id)
    finally:
        connection.close()


class LeasedWorker(Worker):
    """django-tasks-db's worker with a lease per task, a reaper and bounded retries."""

    def run(self) -> None:
        leases_reclaim()
        # The reaper lives as long as this run: a worker that returns (a batch run, a test)
        # leaves no thread behind still reaching for the database.
        stop = threading.Event()
        reaper = threading.Thread(target=self._reap, args=(stop,), daemon=True, name="lease-reaper")
        reaper.start()
        try:
            super().run()
        finally:
            stop.set()
            reaper.join()

    def _reap(self, stop: threading.Event) -> None:
        every = max(lease_length().total_seconds() / 2, 0.5)
        while self.running and not stop.wait(every):
            try:
                leases_reclaim()
            except OperationalError:
                logger.warning("lease reaper: database busy, next round")
            except Exception:
                logger.exception("lease reaper failed")
            finally:
                close_old_connections()

    def run_task(self, db_task_result: DBTaskResult[Any, Any]) -> None:
        self.running_task = True
        TaskLease.objects.update_or_create(
            task=db_task_result,
            defaults={"worker_id": self.worker_id, "expires_at": timezone.now() + lease_length()},
        )
        stop = threading.Event()
        beat = threading.Thread(
            target=_renew, args=(db_task_result.pk, self.worker_id, stop), daemon=True
        )
        beat.start()
        try:
            self._call(db_task_result)
        finally:
            stop.set()
            beat.join()
            TaskLease.objects.filter(task=db_task_result).delete()
            self.running_task = False
            self._run_tasks += 1

    def _call(self, db_task_result: DBTaskResult[Any, Any]) -> None:
        try:
            task = db_task_result.task
            task_result = db_task_result.task_result
            task_started.send(sender=type(task.get_backend()), task_result=task_result)
            args, kwargs = task_result.args, task_result.kwargs
            if task.takes_context:
                value = task.call(TaskContext(task_result=task_result), *args, **kwargs)
            else:
                value = task.call(*args, **kwargs)
            db_task_result.set_successful(value)
            _finished(db_task_result)
        except (KeyboardInterrupt, SystemExit) as stopped:
            # The worker is being stopped: the task goes back to the queue at once.
            db_task_result.status = TaskResultStatus.READY
            db_task_result.run_after = get_date_max()
            db_task_result.save(update_fields=["status", "run_after"])
            raise stopped
        except Exception as error:
            _requeue_or_fail(db_task_result, error, now=timezone.now())


def finished_tasks_prune(*, before: datetime, dry_run: bool = False) -> int:
    """Finished task results older than `before` are deleted (their arguments may hold an
    e-mail address or a phone number: retention, `parcours sweep`); their leases go with
    them. A task that is still waiting or running is never touched."""
    finished = DBTaskResult.objects.finished().filter(finished_at__lt=before)
    if dry_run:
        return finished.count()
    _total, by_model = finished.delete()
    return by_model.get(DBTaskResult._meta.label, 0)
