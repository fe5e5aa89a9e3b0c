"""The leased task worker (parcours.core.worker): a task whose worker died is requeued with
a back-off, fails for good after the last attempt, and a task that raises is retried."""

import threading
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from parcours.core.models import SentMessage, TaskLease
from parcours.core.sealed import seal
from parcours.core.worker import LeasedWorker, backoff, leases_reclaim
from parcours.notifications.email import email_send
from parcours.notifications.tasks import send_email

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _running(
    *, workers: int, started_ago: timedelta, lease_left: timedelta | None
) -> DBTaskResult[Any, Any]:
    send_email.enqueue(
        subject="s", body=seal("b"), to=["a@example.org"], reply_to=[], attachments=[], key="k1"
    )
    result = DBTaskResult.objects.get()
    DBTaskResult.objects.filter(pk=result.pk).update(
        status="RUNNING",
        started_at=timezone.now() - started_ago,
        worker_ids=[f"w{i}" for i in range(workers)],
    )
    if lease_left is not None:
        TaskLease.objects.create(task=result, worker_id="w", expires_at=timezone.now() + lease_left)
    return DBTaskResult.objects.get()


def _worker() -> LeasedWorker:
    return LeasedWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="w-test",
        excluded_queue_names=[],
    )


def test_the_back_off_doubles_and_stops_at_an_hour() -> None:
    with override_settings(TASK_RETRY_BACKOFF_SECONDS=30):
        assert [backoff(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]
        assert backoff(20) == timedelta(hours=1)


@override_settings(TASKS=DB_TASKS, TASK_LEASE_SECONDS=60, TASK_MAX_ATTEMPTS=3)
def test_a_task_whose_lease_expired_goes_back_to_the_queue_after_a_back_off() -> None:
    result = _running(workers=1, started_ago=timedelta(minutes=5), lease_left=-timedelta(seconds=1))
    assert leases_reclaim() == 1
    result.refresh_from_db()
    assert result.status == "READY" and result.run_after > timezone.now()
    assert result.exception_class_path.endswith("LeaseExpiredError")
    assert not TaskLease.objects.exists()


@override_settings(TASKS=DB_TASKS, TASK_LEASE_SECONDS=60)
def test_a_task_with_a_live_lease_is_left_alone_however_long_it_runs() -> None:
    result = _running(workers=1, started_ago=timedelta(hours=3), lease_left=timedelta(seconds=30))
    assert leases_reclaim() == 0
    result.refresh_from_db()
    assert result.status == "RUNNING"


@override_settings(TASKS=DB_TASKS, TASK_LEASE_SECONDS=60)
def test_a_task_claimed_but_never_leased_is_reclaimed_after_one_lease() -> None:
    result = _running(workers=1, started_ago=timedelta(minutes=2), lease_left=None)
    assert leases_reclaim() == 1
    result.refresh_from_db()
    assert result.status == "READY"


@override_settings(TASKS=DB_TASKS, TASK_LEASE_SECONDS=60, TASK_MAX_ATTEMPTS=3)
def test_a_task_whose_worker_died_on_every_attempt_fails_for_good() -> None:
    result = _running(workers=3, started_ago=timedelta(minutes=5), lease_left=-timedelta(seconds=1))
    assert leases_reclaim() == 1
    result.refresh_from_db()
    assert result.status == "FAILED" and "LeaseExpiredError" in result.exception_class_path


# The real worker loop closes connections that are not in autocommit (close_old_connections):
# inside a test's transaction that closes the test's own PostgreSQL connection.
@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS, TASK_MAX_ATTEMPTS=2, TASK_RETRY_BACKOFF_SECONDS=0)
def test_a_task_that_raises_is_retried_then_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Any] = []

    def broken(**kwargs: Any) -> int:
        calls.append(kwargs)
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("parcours.notifications.tasks.email_send", broken)
    send_email.enqueue(
        subject="s", body=seal("b"), to=["a@example.org"], reply_to=[], attachments=[], key="k"
    )
    _worker().run()
    result = DBTaskResult.objects.get()
    assert len(calls) == 2 and result.status == "FAILED"
    assert "ConnectionRefusedError" in result.exception_class_path
    assert not TaskLease.objects.exists()


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_the_worker_runs_a_task_and_releases_its_lease() -> None:
    send_email.enqueue(
        subject="Hello", body=seal("b"), to=["a@example.org"], reply_to=[], attachments=[], key="k"
    )
    _worker().run()
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert [m.subject for m in mail.outbox] == ["Hello"]
    assert not TaskLease.objects.exists()
    # Regression: the reaper thread outlived the run and reached for the database later, in
    # whatever test ran next ("Database access not allowed" in a suppression test).
    assert not [t for t in threading.enumerate() if t.name == "lease-reaper"]


def test_an_email_sent_under_its_key_is_never_sent_again() -> None:
    arguments: dict[str, Any] = {
        "subject": "s",
        "body": seal("b"),
        "to": ["a@example.org"],
        "reply_to": [],
        "attachments": [],
    }
    assert email_send(**arguments, key="email:1") == 1
    assert email_send(**arguments, key="email:1") == 0  # the retry of a task already done
    assert len(mail.outbox) == 1 and SentMessage.objects.filter(key="email:1").count() == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == "<email:1@parcours.invalid>"


def test_a_sending_that_fails_leaves_no_key_so_the_retry_sends(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    arguments: dict[str, Any] = {
        "subject": "s",
        "body": seal("b"),
        "to": ["a@example.org"],
        "reply_to": [],
        "attachments": [],
    }
    monkeypatch.setattr(
        "django.core.mail.EmailMessage.send", lambda self: (_ for _ in ()).throw(OSError("down"))
    )
    with pytest.raises(OSError, match="down"):
        email_send(**arguments, key="email:2")
    assert not SentMessage.objects.exists()
    monkeypatch.undo()
    assert email_send(**arguments, key="email:2") == 1
