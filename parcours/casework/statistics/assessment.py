"""The files referred in the period by what their social assessment found (its structured
answers; "not asked" when the question was left out or no assessment is recorded yet)."""

from typing import Any

from django.db.models import CharField, F, TextChoices, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from parcours.casework.statistics.filters import StatsFilter
from parcours.casework.statistics.split import count_table, split_for
from parcours.casework.statistics.table import Table
from parcours.pathways.assessment import Employment, SchoolingLevel
from parcours.pathways.models import Pathway


def _rows(choices: type[TextChoices]) -> dict[Any, Any]:
    return {**dict(choices.choices), "": _("Not asked")}


def _answer(field: str) -> Coalesce:
    """No assessment yet (no row to join) counts as "not asked"."""
    return Coalesce(F(field), Value(""), output_field=CharField())


def _by(f: StatsFilter, by_centre: bool, **table: Any) -> Table:
    found = Pathway.objects.filter(f.referred_in_period())
    return count_table(found, split=split_for(by_centre), **table)


def by_schooling(f: StatsFilter, *, by_centre: bool = False) -> Table:
    return _by(
        f,
        by_centre,
        key="assessment_schooling",
        title=_("Referrals by schooling level"),
        row_header=_("Schooling level"),
        row=_answer("assessment__schooling_level"),
        rows=_rows(SchoolingLevel),
    )


def by_employment(f: StatsFilter, *, by_centre: bool = False) -> Table:
    return _by(
        f,
        by_centre,
        key="assessment_employment",
        title=_("Referrals by employment situation"),
        row_header=_("Employment situation"),
        row=_answer("assessment__employment"),
        rows=_rows(Employment),
    )
