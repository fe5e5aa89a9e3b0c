"""`parcours seed_region`: a small synthetic region, with every kind of row the benches need,
the same from the same seed."""

import random
from dataclasses import replace
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone
from stdnum.be import nn

from parcours.appointments.models import Appointment
from parcours.casework.models import FactChange, PathwayFact
from parcours.casework.statistics.facts import facts_refresh
from parcours.demo.region import MODELS, TODAY, Tables, _People, region_plan, world_read
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


def test_the_region_written_around_the_triggers_marks_every_file_for_the_statistics() -> None:
    """The load turns the tables' triggers off (COPY of millions of rows), then marks every
    file itself, and turns them on again: the next refresh rebuilds whole, later writes mark."""
    facts_refresh(now=timezone.now())  # a refresh before: the marks alone force the rebuild
    call_command("seed_region", people=40, stdout=StringIO())
    marked = set(FactChange.objects.values_list("pathway_id", flat=True))
    assert marked == set(Pathway.objects.values_list("pk", flat=True))
    refresh = facts_refresh(now=timezone.now())
    assert (refresh.full, refresh.rows) == (True, PathwayFact.objects.count())
    assert refresh.rows > 30
    if connection.vendor == "postgresql":
        Pathway.objects.filter(pk=Pathway.objects.order_by("pk")[0].pk).update(status="withdrawn")
        assert FactChange.objects.count() == 1  # the triggers are on again


def test_the_same_seed_draws_the_same_people() -> None:
    def draws(seed: int) -> list[tuple[str, str]]:
        people = _People(random.Random(seed))  # noqa: S311
        return [
            (p["family_name"], p["national_number"])
            for p in (people.draw(date(2026, 1, 10)) for _ in range(50))
        ]

    assert draws(7) == draws(7)
    assert draws(7) != draws(8)


def _planned(
    seed: int, people: int, first_ids: dict[type, int]
) -> dict[type, list[tuple[object, ...]]]:
    world = replace(world_read(), first_ids=first_ids)
    rows: dict[type, list[tuple[object, ...]]] = {model: [] for model in MODELS}
    for tables in region_plan(random.Random(seed), people, world, chunk=25):  # noqa: S311
        for table in tables.all():
            rows[table.model] += table.take()
    return rows


def test_the_same_seed_gives_the_same_region_row_for_row() -> None:
    """What the command wrote is exactly what the plan draws again from the same seed (keys,
    names, dates, decisions, attendance…), and another seed draws another region."""
    call_command("seed_region", people=60, seed=5, stdout=StringIO())
    first_ids = {
        model: min(model._default_manager.values_list("pk", flat=True)) for model in MODELS
    }
    again = _planned(5, 60, first_ids)
    columns = {t.model: t.columns for t in Tables().all()}
    for model in MODELS:
        stored = list(model._default_manager.order_by("pk").values_list(*columns[model]))
        assert stored == again[model], model.__name__
    assert _planned(5, 60, first_ids) == again
    other = _planned(6, 60, first_ids)
    assert other[Person] != again[Person] and other[Attendance] != again[Attendance]


def test_every_file_under_agreement_has_its_signed_agreement_and_no_file_stays_stale() -> None:
    """The clock reads the signature from the agreement (`pathways.facts`): without it, a
    seeded file under agreement got no next evaluation once refreshed, and the nightly sweep
    looked at it again every night (12,007 of 50,000 files)."""
    from parcours.casework.sweep import stale  # noqa: PLC0415
    from parcours.pathways.models import Agreement  # noqa: PLC0415
    from parcours.pathways.services.agreement import agreement_terms  # noqa: PLC0415
    from parcours.pathways.services.clock import pathways_refresh  # noqa: PLC0415

    call_command("seed_region", people=120, stdout=StringIO())
    agreed = Pathway.objects.filter(agreed_on__isnull=False)
    assert agreed.exists()
    signed = Agreement.objects.filter(kind="initial", signed_on__isnull=False, version=1)
    assert set(signed.values_list("pathway_id", flat=True)) == set(
        agreed.values_list("pk", flat=True)
    )
    for agreement in signed.select_related("pathway"):
        assert agreement.signed_on == agreement.starts_on == agreement.pathway.agreed_on
        assert agreement.ends_on == agreement.pathway.agreement_ends_on
        # Each track's minimum and time limit, as the parameters in force give them: without
        # them the pace measured nothing and the person page showed no minimum.
        minimum = agreement_terms(list(agreement.tracks), agreement.starts_on)["minimum_hours"]
        assert isinstance(minimum, dict)
        assert agreement.minimum_hours == {
            t: h for t, h in minimum.items() if t in agreement.tracks
        }
        assert set(agreement.time_limits) <= set(agreement.tracks)
    # Not empty on both sides: each track of an agreement has a minimum above nothing.
    for agreement in signed.exclude(tracks=[]):
        assert set(agreement.minimum_hours) == set(agreement.tracks)
        assert all(hours > 0 for hours in agreement.minimum_hours.values())
    pathways_refresh(ids=list(Pathway.objects.values_list("pk", flat=True)))
    assert not agreed.filter(next_evaluation_by__isnull=True).exists()
    assert not stale(today=TODAY).exists()
