from hypothesis import given, settings
from hypothesis import strategies as st

from parcours.casework.statistics.suppression import Hidden, publish
from parcours.casework.statistics.table import Table
from tests.casework.disclosure import recoverable


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
