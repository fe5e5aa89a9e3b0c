"""No figure of a page lets a reader recover a count under the threshold, from that figure or
from the others on the page: the five inflow tables share their totals, the funnel's first
stage is that total, the durations count the funnel's agreements and certificates, the
non-compliance steps count the cases by ground, the appointments by booking and by outcome
the same appointments. Proved by an exhaustive search of the completions of the hidden counts
(`tests/casework/disclosure.py`), on random populations and on the factory population."""

from datetime import date

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from parcours.accounts.models import User
from parcours.casework.statistics.facts import facts_refresh
from parcours.casework.statistics.figures import FIGURES, figure_compute
from parcours.casework.statistics.filters import StatsFilter
from parcours.casework.statistics.page import page_links, publish_page
from parcours.casework.statistics.suppression import publish, publish_linked
from parcours.casework.statistics.table import Table
from parcours.territory.models import Centre
from tests.casework.disclosure import page_relations, recoverable_page
from tests.casework.test_statistics_facts import _population

YEAR = StatsFilter(start=date(2026, 1, 1), end=date(2026, 12, 31), facts=True)


def _table(key: str, rows: list[tuple[str, list[int]]], columns: tuple[str, ...]) -> Table:
    return Table(key, key, "r", columns, tuple((label, tuple(v)) for label, v in rows))


def _inflow_pair(people: list[tuple[int, int, int]]) -> list[Table]:
    """Two breakdowns of the same people (by month, by sex), obliged or not in columns."""
    columns = ("obliged", "other")
    months = sorted({m for m, _s, _o in people})
    sexes = sorted({s for _m, s, _o in people})
    by_month = [
        (f"m{m}", [sum(1 for p in people if p[0] == m and p[2] == o) for o in (1, 0)])
        for m in months
    ]
    by_sex = [
        (f"s{s}", [sum(1 for p in people if p[1] == s and p[2] == o) for o in (1, 0)])
        for s in sexes
    ]
    return [_table("inflow_month", by_month, columns), _table("inflow_sex", by_sex, columns)]


people_lists = st.lists(
    st.tuples(st.integers(0, 3), st.integers(0, 1), st.integers(0, 1)), min_size=1, max_size=14
)


@settings(max_examples=120, deadline=None)
@given(people_lists)
def test_two_breakdowns_of_the_same_people_never_give_a_small_count_away(
    people: list[tuple[int, int, int]],
) -> None:
    tables = _inflow_pair(people)
    links = page_links(tables, by_centre=False)
    shown = publish_linked(tables, links, suppress=True, threshold=3)
    assert recoverable_page(shown, links) == set()


def test_suppressed_one_by_one_the_same_people_give_a_small_count_away() -> None:
    """Why the page is suppressed as a whole: each table safe alone, not together."""
    people = [(1, 0, 0), (1, 0, 1), (1, 0, 1), (1, 1, 1), (2, 1, 1), (2, 1, 1)]
    tables = _inflow_pair(people)
    links = page_links(tables, by_centre=False)
    alone = [publish(table, suppress=True, threshold=3) for table in tables]
    assert all(recoverable_page([one], []) == set() for one in alone)
    assert alone[0].grid[-1][-1].text == "6"  # by month: the grand total is shown…
    assert alone[1].grid[-1][-1].text == "…"  # …which by sex hides, and needed to
    assert recoverable_page(alone, links) != set()
    together = publish_linked(tables, links, suppress=True, threshold=3)
    assert recoverable_page(together, links) == set()


# The page of a known population ------------------------------------------------------------


@pytest.fixture
def page_tables(cimb: Centre, cripel: Centre, agent_mons: User) -> dict[bool, list[Table]]:
    _population(cimb, cripel, agent_mons)
    facts_refresh(now=timezone.now())
    return {
        compare: [figure_compute(figure, YEAR, by_centre=compare) for figure in FIGURES]
        for compare in (False, True)
    }


@pytest.mark.django_db
@pytest.mark.parametrize("compare", [False, True], ids=["split", "centres"])
@pytest.mark.parametrize("threshold", [3, 5])
def test_no_figure_of_the_page_lets_a_reader_recover_a_small_count(
    page_tables: dict[bool, list[Table]], compare: bool, threshold: int
) -> None:
    tables = page_tables[compare]
    links = page_links(tables, by_centre=compare)
    shown = publish_page(tables, by_centre=compare, suppress=True, threshold=threshold)
    assert any(cell.is_hidden for one in shown for line in one.grid for cell in line)
    assert recoverable_page(shown, links) == set()


@pytest.mark.django_db
@pytest.mark.parametrize("compare", [False, True], ids=["split", "centres"])
def test_every_relation_between_figures_holds_and_the_expected_ones_are_there(
    page_tables: dict[bool, list[Table]], compare: bool
) -> None:
    tables = page_tables[compare]
    links = page_links(tables, by_centre=compare)
    shown = publish_page(tables, by_centre=compare, suppress=False)
    value = {
        (t, r, c): int(cell.value or 0)
        for t, one in enumerate(shown)
        for r, line in enumerate(one.grid)
        for c, cell in enumerate(line)
    }
    for members, total in page_relations(shown, links):
        assert sum(value[at] for at in members) == value[total]
    keys = [table.key for table in tables]
    tied = {(keys[m[0]], keys[total[0]]) for members, total in links for m in members}
    expected = {("inflow_month", key) for key in ("inflow_commune", "inflow_age", "inflow_sex")}
    expected |= {("funnel", "inflow_month"), ("funnel", "durations")}
    expected |= (
        {("compliance_steps", "compliance_cases")}
        if tables[keys.index("compliance_cases")].rows
        else set()
    )
    assert expected <= tied
