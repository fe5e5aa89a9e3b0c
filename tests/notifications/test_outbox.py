from unittest import mock

import pytest
from django.core import mail

from parcours.notifications import outbox
from parcours.notifications.outbox import Attachment, email_enqueue

pytestmark = pytest.mark.django_db


def enqueue_one() -> None:
    email_enqueue(
        subject="Convocation",
        body="Please come.",
        to=["person@example.org"],
        reply_to=["agent@example.org"],
        attachments=(Attachment("convocation.pdf", b"%PDF-1.7 \x00\xff", "application/pdf"),),
    )


def test_an_email_leaves_through_the_task_worker_after_the_commit(
    django_capture_on_commit_callbacks: pytest.FixtureRequest,
) -> None:
    with mock.patch.object(outbox, "send_email") as task:
        enqueue = task.enqueue
        with django_capture_on_commit_callbacks(execute=False) as callbacks:  # type: ignore[operator]
            enqueue_one()
        assert enqueue.call_count == 0  # nothing leaves before the transaction commits
        for callback in callbacks:
            callback()
    assert enqueue.call_count == 1
    assert enqueue.call_args.kwargs["to"] == ["person@example.org"]
    assert mail.outbox == []  # the worker sends, not the request


def test_the_worker_sends_the_email_with_its_attachment_intact(
    django_capture_on_commit_callbacks: pytest.FixtureRequest,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        enqueue_one()
    [message] = mail.outbox
    assert message.subject == "Convocation"
    assert message.reply_to == ["agent@example.org"]
    assert message.attachments == [("convocation.pdf", b"%PDF-1.7 \x00\xff", "application/pdf")]
