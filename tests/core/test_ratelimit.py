import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection, connections

from parcours.core.models import RateCounter
from parcours.core.ratelimit import rate_hit
from tests.clock import FROZEN_AT


@pytest.mark.django_db
def test_a_key_is_counted_per_window_and_old_windows_go() -> None:
    assert [rate_hit("booking:address:a", window_seconds=3600) for _ in range(3)] == [1, 2, 3]
    assert rate_hit("booking:address:b", window_seconds=3600) == 1
    with time_machine.travel(FROZEN_AT + timedelta(days=2), tick=False):
        assert rate_hit("booking:address:a", window_seconds=3600) == 1
    assert RateCounter.objects.filter(key="booking:address:a").count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs concurrent connections: PostgreSQL (CI runs it); SQLite serialises writers",
)
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_hits_get_fifty_different_counts() -> None:
    counts: list[int] = []
    start = threading.Barrier(50)

    def hit() -> None:
        try:
            start.wait()
            counts.append(rate_hit("booking:address:crowd", window_seconds=3600))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=hit) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(counts) == list(range(1, 51))  # 10 allowed means exactly 10 get through
