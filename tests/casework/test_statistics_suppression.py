import random
import time
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parcours.casework.statistics import suppression
from parcours.casework.statistics.suppression import (
    Hidden,
    Position,
    Published,
    Shown,
    _primary,
    _secondary,
    _with_totals,
    publish,
)
from parcours.casework.statistics.table import Table
from tests.casework.disclosure import recoverable
from tests.casework.slow_suppression import slow_secondary


def _table(values: list[list[int]], *, additive: bool = True) -> Table:
    columns = tuple(f"c{i}" for i in range(len(values[0])))
    return Table(
        "t", "t", "r", columns, tuple((f"r{i}", tuple(v)) for i, v in enumerate(values)), additive
    )


def test_a_count_under_the_threshold_is_shown_as_under_five() -> None:
    shown = publish(_table([[3, 20, 30]]), suppress=True, threshold=5)
    assert shown.grid[0][0].text == "< 5"


def test_the_owner_centre_sees_every_count() -> None:
    shown = publish(_table([[3, 20, 30]]), suppress=False, threshold=5)
    assert not shown.any_hidden
    assert [cell.text for cell in shown.grid[0]] == ["3", "20", "30", "53"]


def test_a_lone_small_cell_takes_the_next_smallest_of_its_row_and_column_with_it() -> None:
    shown = publish(_table([[3, 20, 30], [40, 50, 60]]), suppress=True, threshold=5)
    assert shown.grid[0][1].hidden == Hidden.SECONDARY  # 20, the next smallest of the row
    assert shown.grid[1][0].hidden == Hidden.SECONDARY  # 40, the only other in the column
    assert recoverable(shown) == set()


def test_the_reader_recovers_a_small_cell_left_alone_in_its_row(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The proofs below are only as good as their reader: without the secondary suppression,
    the row's total gives the small cell away, and the reader says which one."""
    monkeypatch.setattr(suppression, "_secondary", lambda *args: None)
    shown = publish(_table([[3, 20, 30], [40, 50, 60]]), suppress=True, threshold=5)
    assert [at for at, _cell in _hidden_cells(shown)] == [(0, 0)]
    assert recoverable(shown) == {(0, 0)}


def test_two_small_cells_whose_sum_is_known_to_be_zero_are_protected() -> None:
    shown = publish(_table([[0, 0, 30], [40, 50, 60]]), suppress=True, threshold=5)
    assert recoverable(shown) == set()


def test_a_one_column_list_with_one_small_category_hides_another() -> None:
    shown = publish(_table([[12], [2], [30]]), suppress=True, threshold=5)
    hidden = [line[0].is_hidden for line in shown.grid]
    assert hidden.count(True) >= 2
    assert recoverable(shown) == set()


def test_a_non_additive_table_hides_its_small_cells_and_publishes_no_total() -> None:
    shown = publish(_table([[12, 3]], additive=False), suppress=True, threshold=5)
    assert [cell.text for cell in shown.grid[0]] == ["12", "< 5"]


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 3).flatmap(
        lambda width: st.lists(
            st.lists(st.integers(0, 14), min_size=width, max_size=width), min_size=1, max_size=3
        )
    )
)
def test_no_published_table_lets_a_reader_recover_a_hidden_count(values: list[list[int]]) -> None:
    shown = publish(_table(values), suppress=True, threshold=5)
    assert recoverable(shown) == set()


def _suppressed(values: list[list[int]], secondary: Callable[..., None]) -> dict[Position, str]:
    table = _table(values)
    grid = _with_totals(table)
    hidden = _primary(table, grid, 5)
    secondary(grid, hidden, 5)
    return {at: str(state) for at, state in hidden.items()}


@settings(max_examples=100, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda width: st.lists(
            st.lists(st.integers(0, 40), min_size=width, max_size=width), min_size=1, max_size=8
        )
    )
)
def test_the_fast_secondary_suppression_hides_exactly_what_the_first_one_did(
    values: list[list[int]],
) -> None:
    assert _suppressed(values, _secondary) == _suppressed(values, slow_secondary)


def test_a_commune_sized_table_is_suppressed_many_times_faster_and_the_same() -> None:
    """Regression (issue 13): inflow by commune took 8 s at 2,000 people. Compared with the
    first algorithm on the same table (a ratio, not a duration: the machine is shared)."""
    rng = random.Random(13)  # noqa: S311
    values = [[rng.choice([0, 1, 2, 3, 6, 9, 14, 40, 120]) for _ in range(4)] for _ in range(120)]
    began = time.perf_counter()
    fast = _suppressed(values, _secondary)
    fast_seconds = time.perf_counter() - began
    began = time.perf_counter()
    slow = _suppressed(values, slow_secondary)
    slow_seconds = time.perf_counter() - began
    assert fast == slow
    assert fast_seconds * 3 < slow_seconds
    shown = publish(_table(values), suppress=True, threshold=5)
    assert {at for at, _cell in _hidden_cells(shown)} == set(fast)
    assert any(state == Hidden.SECONDARY for state in fast.values())


def _hidden_cells(shown: Published) -> list[tuple[Position, Shown]]:
    return [
        ((r, c), cell)
        for r, line in enumerate(shown.grid)
        for c, cell in enumerate(line)
        if cell.is_hidden
    ]
