from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.db import DatabaseError
from django.test import Client, override_settings

from parcours.api import health
from parcours.notifications.tasks import send_email
from tests.clock import FROZEN_AT

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_healthz_says_the_database_and_migrations_are_fine(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "migrations_pending": 0,
        "oldest_task_waiting_seconds": None,
    }
    assert "no-cache" in response.headers["Cache-Control"]


@override_settings(TASKS=DB_TASKS)
def test_healthz_shows_how_long_the_oldest_task_has_waited(client: Client) -> None:
    with time_machine.travel(FROZEN_AT - timedelta(minutes=10), tick=False):
        send_email.enqueue(subject="s", body="b", to=["a@example.org"], reply_to=[], attachments=[])
    assert client.get("/healthz").json()["oldest_task_waiting_seconds"] == 600


def test_healthz_fails_while_a_migration_is_not_applied(client: Client) -> None:
    with mock.patch.object(health, "_pending_migrations", return_value=2):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["migrations_pending"] == 2


def test_healthz_fails_when_the_database_does_not_answer(client: Client) -> None:
    with mock.patch.object(health, "_pending_migrations", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}
