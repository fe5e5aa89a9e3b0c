"""`parcours seed_region`: a small synthetic region, with every kind of row the benches need,
the same from the same seed."""

import random
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from stdnum.be import nn

from parcours.appointments.models import Appointment
from parcours.demo.region import TODAY, _People
from parcours.pathways.models import Pathway, Referral
from parcours.people.models import Person
from parcours.training.models import Attendance, Enrolment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("territory")]


def test_a_small_region_has_files_in_many_states_with_training_and_appointments() -> None:
    out = StringIO()
    call_command("seed_region", people=120, stdout=out)
    assert Person.objects.count() == Pathway.objects.count() == 120
    assert Pathway.objects.values("status").distinct().count() >= 6
    assert Pathway.objects.values("centre").distinct().count() >= 4
    assert Referral.objects.values("source").distinct().count() >= 2
    assert Enrolment.objects.exists() and Attendance.objects.exists()
    assert Appointment.objects.filter(status="attended").exists()
    assert not Pathway.objects.filter(referred_on__gt=TODAY).exists()
    numbers = [n for n in Person.objects.values_list("national_number", flat=True) if n]
    assert len(numbers) == len(set(numbers)) and all(nn.is_valid(n) for n in numbers)
    assert "Region: 120 people" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("seed_region", people=10, stdout=StringIO())  # only into an empty one


def test_the_same_seed_draws_the_same_people() -> None:
    def draws(seed: int) -> list[tuple[str, str]]:
        people = _People(random.Random(seed))  # noqa: S311
        return [
            (p["family_name"], p["national_number"])
            for p in (people.draw(date(2026, 1, 10)) for _ in range(50))
        ]

    assert draws(7) == draws(7)
    assert draws(7) != draws(8)
