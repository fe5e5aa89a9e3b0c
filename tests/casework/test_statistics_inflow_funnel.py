"""Every figure against hand counts: files referred the day before, the first and the last day
of the period, and the day after; a cohort of one referral month."""

from datetime import date, timedelta

import pytest

from parcours.casework.statistics import durations, funnel, inflow
from parcours.casework.statistics.filters import StatsFilter
from parcours.casework.statistics.table import Table, Value
from parcours.pathways.models import Pathway
from parcours.territory.models import Centre
from tests.factories.people import make_pathway

pytestmark = pytest.mark.django_db
MARCH = StatsFilter(start=date(2026, 3, 1), end=date(2026, 3, 31))
DAYS = (date(2026, 2, 28), date(2026, 3, 1), date(2026, 3, 31), date(2026, 4, 1))


def _population() -> list[Pathway]:
    made = []
    for i, day in enumerate(DAYS):
        made.append(make_pathway(national_number="", family_name=f"B{i}", referred_on=day))
    made.append(
        make_pathway(
            national_number="",
            family_name="V",
            voluntary=True,
            sex="M",
            referred_on=date(2026, 3, 15),
        )
    )
    return made


def _cells(table: Table) -> dict[str, tuple[Value, ...]]:
    return dict(table.rows)


def _total(table: Table) -> int:
    return sum(int(cell or 0) for _label, cells in table.rows for cell in cells)


def test_inflow_counts_the_first_and_last_day_of_the_period_and_not_the_days_around(
    cimb: Centre,
) -> None:
    _population()
    by_sex = _cells(inflow.by_sex(MARCH))
    assert by_sex["Femme"] == (2, 0)  # 1 and 31 March, obliged
    assert by_sex["Homme"] == (0, 1)  # the volunteer


def test_inflow_by_month_and_by_centre(cimb: Centre) -> None:
    _population()
    year = StatsFilter(start=date(2026, 1, 1), end=date(2026, 12, 31))
    months = _cells(inflow.by_month(year))
    assert [sum(int(c or 0) for c in v) for v in months.values()] == [1, 3, 1]
    assert _cells(inflow.by_sex(year, by_centre=True))["Femme"] == (4,)


def test_the_cohort_keeps_only_the_files_referred_in_that_month(cimb: Centre) -> None:
    _population()
    cohort = StatsFilter(start=date(2026, 1, 1), end=date(2026, 12, 31), cohort=date(2026, 3, 1))
    assert _total(inflow.by_sex(cohort)) == 3


def test_the_funnel_counts_each_stage_reached(cimb: Centre) -> None:
    made = _population()
    Pathway.objects.filter(pk=made[1].pk).update(
        invited_on=date(2026, 3, 5), agreed_on=date(2026, 4, 2)
    )
    Pathway.objects.filter(pk=made[2].pk).update(invited_on=date(2026, 4, 5))
    stages = _cells(funnel.stages(MARCH))
    assert stages["Orienté"] == (2, 1)
    assert stages["Invité"] == (2, 0)
    assert stages["Convention signée"] == (1, 0)
    assert stages["Attestation"] == (0, 0)


def test_durations_give_the_quartiles_by_nearest_rank(cimb: Centre) -> None:
    made = _population()
    for pathway, days in zip(made[1:3], (10, 30), strict=True):
        Pathway.objects.filter(pk=pathway.pk).update(
            agreed_on=pathway.referred_on + timedelta(days=days)
        )
    lines = _cells(durations.quartiles(MARCH))
    assert lines["Orientation → convention"] == (2, 10, 10, 30)
    assert lines["Orientation → attestation"] == (0, None, None, None)
