"""What a reader can work out from a published table: every completion of the hidden cells
that agrees with what is shown, the sums of the rows and columns and the bounds a reader
knows ("< 5" is 0–4; another hidden cell is at least 5, or it would have been shown)."""

from parcours.casework.statistics.suppression import Published

Position = tuple[int, int]
Relation = tuple[list[Position], Position]


def recoverable(published: Published) -> set[Position]:
    """Hidden cells of one table that take one value in every completion: the page's reader
    (`recoverable_page`, ranges narrowed through the rows and columns before each branch) on
    a page of that table alone. (The table had a reader of its own, a search that branched
    on every value of a wide range before looking at the sums: some tables of three rows
    took it more than half an hour.) A table that is not additive puts no sum in the
    relations: its last column is not a total."""
    return {(r, c) for _, r, c in recoverable_page([published], [])}


def _relations(height: int, width: int) -> list[Relation]:
    rows = [([(r, c) for c in range(width - 1)], (r, width - 1)) for r in range(height)]
    cols = [([(r, c) for r in range(height - 1)], (height - 1, c)) for c in range(width)]
    return rows + cols


# A page: several published figures and the relations between them ---------------------------

PagePosition = tuple[int, int, int]
PageRelation = tuple[list[PagePosition], PagePosition]
Bounds = dict[PagePosition, tuple[int, int]]


def page_relations(published: list[Published], links: list[PageRelation]) -> list[PageRelation]:
    """What a reader knows of a page: the rows and columns of every table with totals add up,
    and the relations between figures."""
    found: list[PageRelation] = []
    for t, shown in enumerate(published):
        if shown.table.additive and shown.grid:
            height, width = len(shown.grid), len(shown.grid[0])
            found += [
                ([(t, r, c) for r, c in members], (t, *total))
                for members, total in _relations(height, width)
            ]
    return found + links


def recoverable_page(published: list[Published], links: list[PageRelation]) -> set[PagePosition]:
    """Hidden counts of a page that take one value in every completion of what it shows: for
    each hidden count, each value of its range is tried until two are possible, each try a
    search (branch on a value, narrow the ranges through the relations, back up on an empty
    range) over the hidden counts tied to it. Exhaustive: a value is ruled out only when no
    completion has it. Unbounded counts are capped at twice the sum of every count of the
    page plus the threshold (a cap only removes completions). A zero is not protected: a
    category with no count is left out of a table, and a table with none shows zero totals."""
    limit = published[0].grid[0][0].threshold if published[0].grid else 5
    known, bounds = _page_cells(published, limit)
    everything = sum(
        int(cell.value or 0) for one in published for line in one.grid for cell in line
    )
    cap = 2 * everything + limit
    bounds = {at: (low, cap if high < 0 else high) for at, (low, high) in bounds.items()}
    relations = page_relations(published, links)
    pinned: set[PagePosition] = set()
    for group in _groups(bounds, relations):
        tied = [rel for rel in relations if any(at in group for at in [*rel[0], rel[1]])]
        local = {at: bounds[at] for at in group}
        for at in group:
            possible = 0
            for value in range(local[at][0], local[at][1] + 1):
                if _feasible({**local, at: (value, value)}, tied, known):
                    possible += 1
                    if possible == 2:
                        break
            if possible < 2:
                pinned.add(at)
    return pinned


def _page_cells(published: list[Published], limit: int) -> tuple[dict[PagePosition, int], Bounds]:
    """The counts shown, and the range a reader knows of each hidden one (-1: unbounded)."""
    known: dict[PagePosition, int] = {}
    bounds: Bounds = {}
    for t, shown in enumerate(published):
        for r, line in enumerate(shown.grid):
            for c, cell in enumerate(line):
                if shown.table.measures and c > 0:
                    continue  # a measure, not a count: in no relation
                if cell.is_hidden and not shown.table.rows:
                    known[(t, r, c)] = 0  # an empty table: its zero totals are not protected
                elif cell.hidden == "withheld":
                    bounds[(t, r, c)] = (0, -1)  # nothing known but that it is a count
                elif cell.is_hidden:
                    bounds[(t, r, c)] = (0, limit - 1) if cell.hidden == "small" else (limit, -1)
                else:
                    known[(t, r, c)] = int(cell.value or 0)
    return known, bounds


def _groups(bounds: Bounds, relations: list[PageRelation]) -> list[set[PagePosition]]:
    """The hidden counts, in groups that share no relation (searched one by one)."""
    parent = {at: at for at in bounds}

    def root(at: PagePosition) -> PagePosition:
        while parent[at] != at:
            parent[at] = parent[parent[at]]
            at = parent[at]
        return at

    for members, total in relations:
        hidden = [at for at in [*members, total] if at in bounds]
        for other in hidden[1:]:
            parent[root(other)] = root(hidden[0])
    groups: dict[PagePosition, set[PagePosition]] = {}
    for at in bounds:
        groups.setdefault(root(at), set()).add(at)
    return list(groups.values())


def _narrow(
    bounds: Bounds, relations: list[PageRelation], known: dict[PagePosition, int]
) -> Bounds | None:
    """Σ members − total = 0 in every relation, ranges narrowed until nothing moves; None when
    a range empties (no completion)."""
    bounds = dict(bounds)
    moved = True
    while moved:
        moved = False
        for members, total in relations:
            signed = [(at, 1) for at in members] + [(total, -1)]
            low_sum = high_sum = 0
            for at, sign in signed:
                low, high = (known[at], known[at]) if at in known else bounds[at]
                low_sum += sign * (low if sign > 0 else high)
                high_sum += sign * (high if sign > 0 else low)
            if low_sum > 0 or high_sum < 0:
                return None
            for at, sign in signed:
                if at in known:
                    continue
                low, high = bounds[at]
                own_low, own_high = (low, high) if sign > 0 else (-high, -low)
                # sign·x = −Σ others, whose range is [−(high_sum − own_high), −(low_sum − own_low)]
                new_low = max(own_low, -(high_sum - own_high))
                new_high = min(own_high, -(low_sum - own_low))
                tight = (new_low, new_high) if sign > 0 else (-new_high, -new_low)
                if tight[0] > tight[1]:
                    return None
                if tight != (low, high):
                    bounds[at], moved = tight, True
                    break
            if moved:
                break
    return bounds


def _feasible(
    bounds: Bounds, relations: list[PageRelation], known: dict[PagePosition, int]
) -> bool:
    narrowed = _narrow(bounds, relations, known)
    if narrowed is None:
        return False
    open_ = [at for at, (low, high) in narrowed.items() if low < high]
    if not open_:
        return True  # every range one value and every relation holds (narrowing checked it)
    at = min(open_, key=lambda p: narrowed[p][1] - narrowed[p][0])
    low, high = narrowed[at]
    return any(_feasible({**narrowed, at: (v, v)}, relations, known) for v in range(low, high + 1))
