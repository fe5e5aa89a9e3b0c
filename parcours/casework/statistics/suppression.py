"""Small cells (statistical disclosure control) for figures published outside the centre
that owns the data: the Region and the comparison of centres.

Primary suppression hides every count under the threshold ("< 5"). Secondary suppression
then makes sure no hidden count can be worked out again from what is shown: in every
relation "cells of a row (or a column) add up to its total", a hidden count must not be
pinned down by the sums and the bounds a reader knows (a "< 5" cell lies in 0–4; any other
hidden cell is at least the threshold, or it would be shown), tightened through every row
and column. When one is, the smallest shown cell of a relation holding it is hidden too, or
the total when no cell is left; until nothing is pinned.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.utils.translation import gettext as _

from parcours.casework.statistics.table import Table

Position = tuple[int, int]
_Relation = tuple[list[Position], Position]
INFINITY = 10**12


class Hidden(StrEnum):
    SHOWN = ""
    SMALL = "small"  # under the threshold
    SECONDARY = "secondary"  # shown it would let a reader work out a small count


@dataclass(frozen=True)
class Shown:
    value: int | float | None
    hidden: Hidden
    threshold: int

    @property
    def text(self) -> str:
        if self.hidden == Hidden.SMALL:
            return f"< {self.threshold}"
        if self.hidden == Hidden.SECONDARY:
            return "…"
        return "—" if self.value is None else _number(self.value)

    @property
    def export(self) -> str | int | float | None:
        return self.value if self.hidden == Hidden.SHOWN else self.text

    @property
    def is_hidden(self) -> bool:
        return self.hidden != Hidden.SHOWN


def _number(value: int | float) -> str:
    return str(value) if isinstance(value, int) else f"{value:.1f}"


@dataclass(frozen=True)
class Published:
    """A table as it may be shown: the last row and column are the totals when additive."""

    table: Table
    grid: tuple[tuple[Shown, ...], ...]
    suppressed: bool

    @property
    def body(self) -> list[tuple[str, tuple[Shown, ...]]]:
        labels = [label for label, _cells in self.table.rows]
        if self.table.additive:
            labels.append(_("Total"))
        return list(zip(labels, self.grid, strict=True))

    @property
    def any_hidden(self) -> bool:
        return any(cell.is_hidden for line in self.grid for cell in line)


def small_cell_threshold() -> int:
    return int(settings.PARCOURS_STATS_SMALL_CELL)


def publish(table: Table, *, suppress: bool, threshold: int | None = None) -> Published:
    limit = small_cell_threshold() if threshold is None else threshold
    grid = _with_totals(table)
    hidden: dict[Position, Hidden] = {}
    if suppress:
        hidden = _primary(table, grid, limit)
        if table.additive:
            _secondary(grid, hidden, limit)
    return Published(table, _shown(table, grid, hidden, limit), suppress)


def _with_totals(table: Table) -> list[list[int]]:
    grid = table.values
    if not table.additive:
        return grid
    for line in grid:
        line.append(sum(line))
    width = len(table.columns) + 1
    grid.append([sum(line[col] for line in grid) for col in range(width)])
    return grid


def _primary(table: Table, grid: list[list[int]], limit: int) -> dict[Position, Hidden]:
    columns = [0] if table.measures else range(len(grid[0]) if grid else 0)
    return {
        (row, col): Hidden.SMALL
        for row in range(len(grid))
        for col in columns
        if grid[row][col] < limit
    }


def _relations(grid: list[list[int]]) -> list[_Relation]:
    """(members, total) for every row and every column, the totals row and column included."""
    last_row, last_col = len(grid) - 1, len(grid[0]) - 1
    rows = [([(r, c) for c in range(last_col)], (r, last_col)) for r in range(last_row + 1)]
    cols = [([(r, c) for r in range(last_row)], (last_row, c)) for c in range(last_col + 1)]
    return rows + cols


def _secondary(grid: list[list[int]], hidden: dict[Position, Hidden], limit: int) -> None:
    relations = _relations(grid) if grid else []
    while _hid_one_more(grid, hidden, relations, _pinned(grid, hidden, relations, limit)):
        pass


def _hid_one_more(
    grid: list[list[int]],
    hidden: dict[Position, Hidden],
    relations: list[_Relation],
    pinned: list[Position],
) -> bool:
    """Hide one more item next to the first pinned one that still has a shown neighbour."""
    for at in pinned:
        around = [(m, t) for m, t in relations if at in m or at == t]
        if any(_hide_one_more(grid, hidden, m, t) for m, t in _by_cost(grid, hidden, around)):
            return True
    return False  # nothing pinned, or everything around it hidden already


def _by_cost(
    grid: list[list[int]], hidden: dict[Position, Hidden], relations: list[_Relation]
) -> list[_Relation]:
    """The relation where hiding one more costs the least (its smallest shown cell) first."""

    def cost(relation: _Relation) -> int:
        members, total = relation
        shown = [grid[r][c] for r, c in members if (r, c) not in hidden]
        return min(shown) if shown else grid[total[0]][total[1]]

    return sorted(relations, key=cost)


def _bounds(hidden: dict[Position, Hidden], at: Position, limit: int) -> tuple[int, int]:
    return (0, limit - 1) if hidden[at] == Hidden.SMALL else (limit, INFINITY)


def _pinned(
    grid: list[list[int]],
    hidden: dict[Position, Hidden],
    relations: list[_Relation],
    limit: int,
) -> list[Position]:
    """The hidden items a reader can pin to one value: the bounds they know, tightened through
    every relation until nothing moves (interval propagation)."""
    bounds = {at: _bounds(hidden, at, limit) for at in hidden}
    for _round in range(4 * len(relations) + 4):
        moved = False
        for members, total in relations:
            moved |= _tighten(grid, bounds, members, total)
        if not moved:
            break
    return [at for at, (low, high) in sorted(bounds.items()) if low >= high]


def _tighten(
    grid: list[list[int]],
    bounds: dict[Position, tuple[int, int]],
    members: list[Position],
    total: Position,
) -> bool:
    signed = [(at, 1) for at in members] + [(total, -1)]
    unknown = [(at, sign) for at, sign in signed if at in bounds]
    if not unknown:
        return False
    known = -sum(sign * grid[r][c] for (r, c), sign in signed if (r, c) not in bounds)
    moved = False
    for at, sign in unknown:
        low = high = known  # sign * x_at = known - sum(sign_j * x_j, j other)
        for other, other_sign in unknown:
            if other != at:
                lo, hi = bounds[other]
                low -= hi if other_sign > 0 else -lo
                high -= lo if other_sign > 0 else -hi
        low, high = (low, high) if sign > 0 else (-high, -low)
        own_lo, own_hi = bounds[at]
        tight = (max(low, own_lo), min(high, own_hi))
        if tight != (own_lo, own_hi):
            bounds[at], moved = tight, True
    return moved


def _hide_one_more(
    grid: list[list[int]], hidden: dict[Position, Hidden], members: list[Position], total: Position
) -> bool:
    shown = [at for at in members if at not in hidden]
    if shown:
        choice = min(shown, key=lambda at: (grid[at[0]][at[1]], at))
    elif total not in hidden:
        choice = total
    else:
        return False
    hidden[choice] = Hidden.SECONDARY
    return True


def _shown(
    table: Table, grid: list[list[int]], hidden: dict[Position, Hidden], limit: int
) -> tuple[tuple[Shown, ...], ...]:
    lines = []
    for r, line in enumerate(grid):
        row_hidden = table.measures and (r, 0) in hidden
        cells = []
        for c, value in enumerate(line):
            state = hidden.get((r, c), Hidden.SHOWN)
            if row_hidden and c > 0:
                state = Hidden.SECONDARY
            cells.append(Shown(_raw(table, r, c, value), state, limit))
        lines.append(tuple(cells))
    return tuple(lines)


def _raw(table: Table, row: int, col: int, total: int) -> int | float | None:
    """The figure as computed (a median may be missing, hours have decimals); totals as summed."""
    if row < len(table.rows) and col < len(table.columns):
        return table.rows[row][1][col]
    return total
