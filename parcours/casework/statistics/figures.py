"""Every figure of the statistics page, in the order of the page, by family."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from parcours.casework.statistics import (
    appointments,
    assessment,
    compliance,
    durations,
    funnel,
    inflow,
    tracks,
)
from parcours.casework.statistics.filters import StatsFilter
from parcours.casework.statistics.table import Table


@dataclass(frozen=True)
class Figure:
    key: str
    family: Any
    compute: Callable[..., Table]
    comparable: bool = True  # has a side-by-side form, one column per centre
    nightly: bool = False  # read from the nightly table (`facts`) once it is built


FAMILIES = {
    "inflow": _("Inflow"),
    "funnel": _("Funnel"),
    "durations": _("Durations"),
    "tracks": _("Tracks"),
    "appointments": _("Appointments"),
    "compliance": _("Non-compliance"),
}
FIGURES = (
    Figure("inflow_month", "inflow", inflow.by_month, nightly=True),
    Figure("inflow_source", "inflow", inflow.by_source),
    Figure("inflow_commune", "inflow", inflow.by_commune, nightly=True),
    Figure("inflow_nationality", "inflow", inflow.by_nationality, nightly=True),
    Figure("inflow_age", "inflow", inflow.by_age, nightly=True),
    Figure("inflow_sex", "inflow", inflow.by_sex, nightly=True),
    Figure("assessment_schooling", "inflow", assessment.by_schooling),
    Figure("assessment_employment", "inflow", assessment.by_employment),
    Figure("funnel", "funnel", funnel.stages, nightly=True),
    Figure("funnel_exits", "funnel", funnel.exits, nightly=True),
    Figure("funnel_waivers", "funnel", funnel.waivers),
    Figure("durations", "durations", durations.quartiles, nightly=True),
    Figure("durations_deadline", "durations", durations.within_deadline, nightly=True),
    Figure("tracks_people", "tracks", tracks.people),
    Figure("tracks_hours", "tracks", tracks.hours, comparable=False),
    Figure("tracks_levels", "tracks", tracks.french_levels),
    Figure("tracks_levels_end", "tracks", tracks.french_levels_end),
    Figure("tracks_waiting", "tracks", tracks.waiting, comparable=False),
    Figure("appointments_booking", "appointments", appointments.booking),
    Figure("appointments_outcomes", "appointments", appointments.outcomes),
    Figure("appointments_interpreters", "appointments", appointments.interpreters),
    Figure("compliance_cases", "compliance", compliance.cases),
    Figure("compliance_steps", "compliance", compliance.steps, comparable=False),
)
BY_KEY = {figure.key: figure for figure in FIGURES}


def figure_compute(figure: Figure, f: StatsFilter, *, by_centre: bool) -> Table:
    if figure.comparable:
        return figure.compute(f, by_centre=by_centre)
    return figure.compute(f)
