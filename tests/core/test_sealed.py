import pytest
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from parcours.appointments.models import Appointment
from parcours.appointments.services.outbox import confirmation_enqueue
from parcours.core.sealed import InvalidToken, seal, unseal
from parcours.notifications.outbox import Attachment, email_enqueue

TOKEN = "Zk3q-manage-link-token-9f2c"
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_a_sealed_secret_comes_back_whole_and_is_not_readable() -> None:
    sealed = seal(TOKEN)
    assert TOKEN not in sealed
    assert unseal(sealed) == TOKEN
    assert unseal(TOKEN) == TOKEN  # queued before sealing existed: passed through once


def test_a_secret_sealed_with_another_key_does_not_open() -> None:
    with override_settings(SECRET_KEY="another-key-" * 5):
        sealed = seal(TOKEN)
    with pytest.raises(InvalidToken):
        unseal(sealed)


@pytest.mark.django_db
@override_settings(TASKS=DB_TASKS)
def test_the_task_table_never_holds_a_manage_link_or_a_letter_in_clear(
    django_capture_on_commit_callbacks: pytest.FixtureRequest,
) -> None:
    appointment = Appointment(pk=1)  # the task is only queued here, never run
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        confirmation_enqueue(appointment, TOKEN)
        email_enqueue(
            subject="Convocation",
            body="Dear Yara Haddad, born 02/02/1992",
            to=["yara@example.org"],
            attachments=(Attachment("c.pdf", b"%PDF secret letter", "application/pdf"),),
        )
    stored = " ".join(str(row.args_kwargs) for row in DBTaskResult.objects.all())
    assert DBTaskResult.objects.count() == 3  # two channels, one e-mail
    for secret in (TOKEN, "Yara Haddad", "02/02/1992"):
        assert secret not in stored
