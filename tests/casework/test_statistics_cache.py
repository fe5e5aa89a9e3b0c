"""What the statistics page keeps between requests: the figures read from the nightly tables,
per refresh (they change only with the next one), and the cells a page hides, per set of
counts (the same counts always hide the same cells)."""

from dataclasses import replace
from datetime import date

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from parcours.accounts.models import User
from parcours.casework.statistics import suppression
from parcours.casework.statistics.facts import facts_refresh, last_refresh
from parcours.casework.statistics.figures import FIGURES, figure_compute, figures_dated
from parcours.casework.statistics.filters import StatsFilter
from parcours.casework.statistics.page import publish_page
from parcours.casework.statistics.warm import statistics_warm
from parcours.pathways.models import Pathway
from parcours.territory.models import Centre
from tests.casework.test_statistics_facts import _population
from tests.types import ClientFor

pytestmark = pytest.mark.django_db
YEAR = StatsFilter(start=date(2026, 1, 1), end=date(2026, 12, 31))
PAGE = reverse("staff:statistics")
QUERY = {"start": "2026-01-01", "end": "2026-12-31"}


def _queries(client: object) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PAGE, QUERY)  # type: ignore[attr-defined]
    assert response.status_code == 200
    page = response.content.decode()
    return len(queries), page[page.index("<main") :]  # the figures (not the form's token)


def test_the_nightly_figures_are_computed_once_per_refresh(
    cimb: Centre, cripel: Centre, agent_mons: User, region: User, client_for: ClientFor
) -> None:
    made = _population(cimb, cripel, agent_mons)
    facts_refresh(now=timezone.now())
    client = client_for(region)
    first, page = _queries(client)
    again, same = _queries(client)
    nightly = sum(1 for figure in FIGURES if figure.nightly or figure.kept)
    # The durations were 3 queries, now one: each nightly or kept figure is one query fewer.
    assert again == first - nightly
    assert same == page
    # The files change: the nightly figures stay the refresh's until the next refresh.
    Pathway.objects.filter(pk__in=[p.pk for p in made[:4]]).update(referred_on=date(2025, 6, 1))
    assert _queries(client)[0] == again
    facts_refresh(now=timezone.now())
    counted, changed = _queries(client)
    assert counted == first
    assert changed != page


def test_the_figures_kept_are_the_figures_computed(
    cimb: Centre, cripel: Centre, agent_mons: User
) -> None:
    _population(cimb, cripel, agent_mons)
    refresh = facts_refresh(now=timezone.now())
    assert last_refresh() == refresh
    for by_centre in (False, True):
        computed = [
            figure_compute(figure, replace(YEAR, facts=True), by_centre=by_centre)
            for figure in FIGURES
        ]
        for _time in ("computed", "kept"):
            dated = figures_dated(YEAR, by_centre=by_centre, refresh=refresh)
            assert [table for table, _moment in dated] == computed


def test_the_cells_hidden_are_searched_once_per_set_of_counts(
    cimb: Centre, cripel: Centre, agent_mons: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    _population(cimb, cripel, agent_mons)
    tables = [figure_compute(figure, YEAR, by_centre=False) for figure in FIGURES]
    searched = []
    search = suppression._linked_search

    def counted(*args: object) -> object:
        searched.append(1)
        return search(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(suppression, "_linked_search", counted)
    first = publish_page(tables, by_centre=False, suppress=True, threshold=3)
    assert publish_page(tables, by_centre=False, suppress=True, threshold=3) == first
    assert len(searched) == 1
    assert any(p.any_hidden for p in first)
    # Another threshold, or one count more, is another search.
    publish_page(tables, by_centre=False, suppress=True, threshold=5)
    label, cells = tables[0].rows[0]
    rows = ((label, (int(cells[0] or 0) + 1, *cells[1:])), *tables[0].rows[1:])
    bumped = [replace(tables[0], rows=rows), *tables[1:]]
    publish_page(bumped, by_centre=False, suppress=True, threshold=3)
    assert len(searched) == 3


def test_after_a_refresh_the_pages_opened_without_a_filter_are_computed_ahead(  # noqa: PLR0917
    cimb: Centre,
    cripel: Centre,
    agent_mons: User,
    region: User,
    coordinator_mons: User,
    client_for: ClientFor,
) -> None:
    """The task the sweep enqueues (and `parcours statistics_refresh`) computes the default
    pages after the refresh: their first reader makes the queries of a second request, and
    sees the same."""
    _population(cimb, cripel, agent_mons)
    refresh = facts_refresh(now=timezone.now())
    client = client_for(region)
    first, page = _default_page(client)
    again, _same = _default_page(client)
    assert again < first  # the page keeps figures: a cold first request makes more queries
    caches["default"].clear()
    today = timezone.localdate()
    assert statistics_warm(refresh=refresh, today=today) == 2 + Centre.objects.count()
    warmed, shown = _default_page(client)
    assert warmed == again
    assert shown == page
    for compare in ({"compare": "on"},):  # the Region's centres side by side, too
        with CaptureQueriesContext(connection) as queries:
            assert client.get(PAGE, compare).status_code == 200
        assert len(queries) == again
    coordinator = client_for(coordinator_mons)  # their centre's page: computed ahead too
    assert _default_page(coordinator)[0] == _default_page(coordinator)[0]


def _default_page(client: object) -> tuple[int, str]:
    """The page as it opens, without a filter chosen (the current year to today)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PAGE)  # type: ignore[attr-defined]
    assert response.status_code == 200
    page = response.content.decode()
    return len(queries), page[page.index("<main") :]
