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
