"""The first secondary suppression, kept as the reference the fast one must agree with
(tests only): one hidden cell at a time, each time the whole interval propagation again with
an O(k²) pass per relation."""

from parcours.casework.statistics.suppression import INFINITY, Hidden

Position = tuple[int, int]
_Relation = tuple[list[Position], Position]


def slow_secondary(grid: list[list[int]], hidden: dict[Position, Hidden], limit: int) -> None:
    relations = _relations(grid) if grid else []
    while _hid_one_more(grid, hidden, relations, _pinned(grid, hidden, relations, limit)):
        pass


def _relations(grid: list[list[int]]) -> list[_Relation]:
    """(members, total) for every row and every column, the totals row and column included."""
    last_row, last_col = len(grid) - 1, len(grid[0]) - 1
    rows = [([(r, c) for c in range(last_col)], (r, last_col)) for r in range(last_row + 1)]
    cols = [([(r, c) for r in range(last_row)], (last_row, c)) for c in range(last_col + 1)]
    return rows + cols


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
