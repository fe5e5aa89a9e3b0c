"""Every figure of the statistics page, in the order of the page, by family."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from parcours.casework.models import StatisticsRefresh
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
    # Computed live once per refresh and kept, with the time it was computed ("as of" it).
    kept: bool = False


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
    Figure("inflow_source", "inflow", inflow.by_source, kept=True),
    Figure("inflow_commune", "inflow", inflow.by_commune, nightly=True),
    Figure("inflow_nationality", "inflow", inflow.by_nationality, nightly=True),
    Figure("inflow_age", "inflow", inflow.by_age, nightly=True),
    Figure("inflow_sex", "inflow", inflow.by_sex, nightly=True),
    Figure("assessment_schooling", "inflow", assessment.by_schooling, kept=True),
    Figure("assessment_employment", "inflow", assessment.by_employment, kept=True),
    Figure("funnel", "funnel", funnel.stages, nightly=True),
    Figure("funnel_exits", "funnel", funnel.exits, nightly=True),
    Figure("funnel_waivers", "funnel", funnel.waivers),
    Figure("durations", "durations", durations.quartiles, nightly=True),
    Figure("durations_deadline", "durations", durations.within_deadline, nightly=True),
    Figure("tracks_people", "tracks", tracks.people, kept=True),
    Figure("tracks_hours", "tracks", tracks.hours, comparable=False, nightly=True),
    Figure("tracks_levels", "tracks", tracks.french_levels),
    Figure("tracks_levels_end", "tracks", tracks.french_levels_end),
    Figure("tracks_waiting", "tracks", tracks.waiting, comparable=False),
    Figure("appointments_booking", "appointments", appointments.booking, kept=True),
    Figure("appointments_outcomes", "appointments", appointments.outcomes, kept=True),
    Figure("appointments_interpreters", "appointments", appointments.interpreters),
    Figure("compliance_cases", "compliance", compliance.cases),
    Figure("compliance_steps", "compliance", compliance.steps, comparable=False),
)
BY_KEY = {figure.key: figure for figure in FIGURES}


def figure_compute(figure: Figure, f: StatsFilter, *, by_centre: bool) -> Table:
    if figure.comparable:
        return figure.compute(f, by_centre=by_centre)
    return figure.compute(f)


# A nightly figure is kept this long: the next refresh (a night later) changes its key.
NIGHTLY_CACHE_SECONDS = 26 * 3600


def figures_dated(
    f: StatsFilter, *, by_centre: bool, refresh: StatisticsRefresh | None
) -> list[tuple[Table, datetime | None]]:
    """Every figure of the page, each with the moment it is "as of" (None: computed now).
    Once the nightly tables are built, the figures read from them come from the cache, per
    refresh, filter, form and language (they change only with the next refresh: two requests
    of a day give the same tables), as of the refresh; the slow live ones (`kept`) are
    computed once per refresh and kept, as of the moment they were computed; the others are
    computed."""
    if refresh is None:
        return [(figure_compute(figure, f, by_centre=by_centre), None) for figure in FIGURES]
    f = replace(f, facts=True)
    stamp = (refresh.pk, refresh.refreshed_at.isoformat(), refresh.rows, get_language())
    keys = {
        figure.key: "stats:figure:"
        + hashlib.sha256(repr((stamp, figure.key, by_centre, f)).encode()).hexdigest()
        for figure in FIGURES
        if figure.nightly or figure.kept
    }
    kept = cache.get_many(list(keys.values()))
    tables: list[tuple[Table, datetime | None]] = []
    fresh = {}
    for figure in FIGURES:
        key = keys.get(figure.key)
        found = kept.get(key) if key else None
        if found is None:
            moment = refresh.refreshed_at if figure.nightly else timezone.now()
            found = (figure_compute(figure, f, by_centre=by_centre), moment)
            if key:
                fresh[key] = found
        tables.append(found if key else (found[0], None))
    if fresh:
        cache.set_many(fresh, NIGHTLY_CACHE_SECONDS)
    return tables
