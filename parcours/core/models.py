from django.db import models


class RateCounter(models.Model):
    """How many times a key (a hashed address or contact) was counted in one fixed window.
    The database row is the counter: `UPDATE … SET count = count + 1` takes its lock, so
    concurrent requests never both read the same count (a cache's get-then-set does)."""

    key = models.CharField(max_length=100)
    window = models.BigIntegerField()  # seconds since the epoch, divided by the window's length
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window"], name="rate_counter_key_window")
        ]

    def __str__(self) -> str:
        return f"{self.key} @{self.window}: {self.count}"


class TaskLease(models.Model):
    """The worker running a task holds its lease and renews it while the task runs
    (`core.worker`). A lease that expired means its worker died: the task goes back to the
    queue (after a back-off) or fails for good after the last attempt."""

    task = models.OneToOneField(
        "django_tasks_database.DBTaskResult",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    worker_id = models.CharField(max_length=64)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.task_id} by {self.worker_id} until {self.expires_at:%H:%M:%S}"


class SentMessage(models.Model):
    """The idempotency record of one message: written in the same transaction as the sending,
    so a retried task finds it and sends nothing, and a sending that fails leaves none."""

    key = models.CharField(max_length=100, unique=True)
    at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.key
