"""Two newcomers pick the same free time at the same moment: exactly one gets it."""

import threading
from datetime import date, datetime

import pytest
from django.db import connection, connections

from parcours.appointments.models import Appointment
from parcours.appointments.services.online import PER_SLOT_PER_HOUR, OnlineBooking, online_book
from parcours.core.errors import DomainError
from parcours.territory.models import Office
from tests.factories.appointments import at

NOW = datetime(2026, 12, 1, 8, 0)


def _book_in_thread(
    office_id: int, i: int, now: datetime, results: list[str], barrier: threading.Barrier
) -> None:
    booking = OnlineBooking(
        office=Office.objects.get(pk=office_id),
        starts_at=at(date(2026, 12, 2), 9),
        family_name=f"Person{i}",
        given_names="Test",
        birth_date=date(1990, 1, 1 + i),
        phone="",
        email=f"p{i}@example.org",
        language="fr",
    )
    try:
        barrier.wait(timeout=10)
        online_book(booking=booking, now=now)
        results.append("booked")
    except DomainError as error:
        results.append(type(error).__name__)
    except Exception as error:
        results.append(f"error: {error!r}")
    finally:
        connections.close_all()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs concurrent connections: PostgreSQL (CI runs it); SQLite serialises writers",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_online_bookings_of_the_same_time_give_it_to_exactly_one(
    office: Office,
) -> None:
    from django.utils import timezone  # noqa: PLC0415

    now = timezone.make_aware(NOW)
    results: list[str] = []
    # As many people as the per-time limit lets try (more are refused before they compete).
    people = PER_SLOT_PER_HOUR
    barrier = threading.Barrier(people)
    threads = [
        threading.Thread(target=_book_in_thread, args=(office.pk, i, now, results, barrier))
        for i in range(people)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count("booked") == 1, results
    assert sorted(set(results)) == ["ClashError", "booked"]
    assert Appointment.objects.count() == 1
