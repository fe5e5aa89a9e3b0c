"""What a reader can work out from a published table: every completion of the hidden cells
that agrees with what is shown, the sums of the rows and columns and the bounds a reader
knows ("< 5" is 0–4; another hidden cell is at least 5, or it would have been shown)."""

from parcours.casework.statistics.suppression import Published

Position = tuple[int, int]
Relation = tuple[list[Position], Position]


def recoverable(published: Published) -> set[Position]:
    """Hidden cells that take one value in every completion (searched exhaustively, the
    unbounded cells capped at twice the grand total: a cap only removes completions)."""
    grid = [[cell.value for cell in line] for line in published.grid]
    limit = published.grid[0][0].threshold
    cap = 2 * int(grid[-1][-1] or 0) + limit
    bounds = {
        (r, c): (0, limit - 1) if cell.hidden == "small" else (limit, cap)
        for r, line in enumerate(published.grid)
        for c, cell in enumerate(line)
        if cell.is_hidden
    }
    known = {
        (r, c): int(cell.value or 0)
        for r, line in enumerate(published.grid)
        for c, cell in enumerate(line)
        if not cell.is_hidden
    }
    seen: dict[Position, set[int]] = {at: set() for at in bounds}
    _search(_relations(len(grid), len(grid[0])), bounds, known, {}, seen)
    return {at for at, values in seen.items() if len(values) < 2}


def _relations(height: int, width: int) -> list[Relation]:
    rows = [([(r, c) for c in range(width - 1)], (r, width - 1)) for r in range(height)]
    cols = [([(r, c) for r in range(height - 1)], (height - 1, c)) for c in range(width)]
    return rows + cols


def _search(
    relations: list[Relation],
    bounds: dict[Position, tuple[int, int]],
    known: dict[Position, int],
    chosen: dict[Position, int],
    seen: dict[Position, set[int]],
) -> None:
    if all(len(values) >= 2 for values in seen.values()):
        return
    values = {**known, **chosen}
    free = [at for at in bounds if at not in chosen]
    for members, total in relations:
        items = [*members, total]
        missing = [at for at in items if at not in values]
        if not missing and sum(values[at] for at in members) != values[total]:
            return
    if not free:
        for at, value in chosen.items():
            seen[at].add(value)
        return
    forced = _forced(relations, values)
    if forced is not None:
        at, value = forced
        low, high = bounds[at]
        if low <= value <= high:
            _search(relations, bounds, known, {**chosen, at: value}, seen)
        return
    at = min(free, key=lambda p: bounds[p][1] - bounds[p][0])
    for value in range(bounds[at][0], bounds[at][1] + 1):
        _search(relations, bounds, known, {**chosen, at: value}, seen)


def _forced(relations: list[Relation], values: dict[Position, int]) -> tuple[Position, int] | None:
    for members, total in relations:
        missing = [at for at in [*members, total] if at not in values]
        if len(missing) == 1:
            at = missing[0]
            rest = sum(values[p] for p in members if p != at)
            return (at, values[total] - rest) if at != total else (at, rest)
    return None
