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

import bisect
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from parcours.casework.statistics.table import Table

Position = tuple[int, int]
_Relation = tuple[list[Position], Position]
INFINITY = 10**12


class Hidden(StrEnum):
    SHOWN = ""
    SMALL = "small"  # under the threshold
    SECONDARY = "secondary"  # shown it would let a reader work out a small count
    # Every count of the figure hidden: all shown alike, so that the kinds of hiding ("< 5",
    # "…") tell nothing either (they would: "…" is at least the threshold).
    WITHHELD = "withheld"


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
        if self.hidden == Hidden.WITHHELD:
            return "*"
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


# A relation between the figures of one page: Σ members = total, positions (table, row, col).
PagePosition = tuple[int, int, int]
PageRelation = tuple[list[PagePosition], PagePosition]


def publish_linked(
    tables: Sequence[Table],
    links: Sequence[PageRelation],
    *,
    suppress: bool,
    threshold: int | None = None,
) -> list[Published]:
    """Several figures published together (one page, and each of its exports): their own
    relations (the rows and columns of each additive table) and `links`, the relations that
    hold between figures (a total two figures share, a count that is the sum of a row of
    another), protected as one system — a count hidden in one figure is never shown, or
    worked out, from another."""
    limit = small_cell_threshold() if threshold is None else threshold
    grids = [_with_totals(table) for table in tables]
    hidden: dict[PagePosition, Hidden] = {}
    if suppress:
        hidden = _linked_hidden(tables, grids, links, limit)
    return [
        Published(
            table,
            _shown(table, grid, {(r, c): v for (u, r, c), v in hidden.items() if u == t}, limit),
            suppress,
        )
        for t, (table, grid) in enumerate(zip(tables, grids, strict=True))
    ]


# What was hidden on a page is kept this long for the same counts (the nightly figures change
# once a night; the live ones change the key when they change).
LINKED_CACHE_SECONDS = 26 * 3600


def _linked_hidden(
    tables: Sequence[Table],
    grids: list[list[list[int]]],
    links: Sequence[PageRelation],
    limit: int,
) -> dict[PagePosition, Hidden]:
    """The cells hidden on a page, kept in the cache under the page's counts: the same
    counts, shapes, relations and threshold give the same cells (the search is
    deterministic), and a page reloaded between two refreshes has the same counts."""
    shape = [
        (table.additive, table.measures, grid) for table, grid in zip(tables, grids, strict=True)
    ]
    digest = hashlib.sha256(repr((limit, shape, list(links))).encode()).hexdigest()
    key = f"stats:hidden:{digest}"
    kept = cache.get(key)
    if kept is not None:
        return {tuple(at): Hidden(state) for at, state in kept}
    hidden = _linked_search(tables, grids, links, limit)
    cache.set(key, [(at, str(state)) for at, state in hidden.items()], LINKED_CACHE_SECONDS)
    return hidden


def _linked_search(
    tables: Sequence[Table],
    grids: list[list[list[int]]],
    links: Sequence[PageRelation],
    limit: int,
) -> dict[PagePosition, Hidden]:
    hidden: dict[PagePosition, Hidden] = {}
    items: list[PageRelation] = []
    for t, (table, grid) in enumerate(zip(tables, grids, strict=True)):
        hidden.update({(t, r, c): state for (r, c), state in _primary(table, grid, limit).items()})
        if table.additive and grid:
            items += [
                ([(t, r, c) for r, c in members], (t, *total))
                for members, total in _relations(grid)
            ]
    items += links
    values = {
        (t, r, c): value
        for t, grid in enumerate(grids)
        for r, line in enumerate(grid)
        for c, value in enumerate(line)
    }
    relations = _Relations(values, items, hidden, links=len(links))
    _secondary_over(relations, hidden, limit, batched=True)
    _withhold(tables, grids, hidden)
    return hidden


def _withhold(
    tables: Sequence[Table], grids: list[list[list[int]]], hidden: dict[PagePosition, Hidden]
) -> None:
    """A figure with every count hidden is withheld whole."""
    for t, (table, grid) in enumerate(zip(tables, grids, strict=True)):
        counts = [
            (t, r, c)
            for r, line in enumerate(grid)
            for c in range(1 if table.measures else len(line))
        ]
        if table.rows and all(at in hidden for at in counts):
            hidden.update(dict.fromkeys(counts, Hidden.WITHHELD))


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


class _Relations:
    """The relations of a grid (or of a page of grids) with, for each position, the relations
    it takes part in (in the order of `items`); and for each relation its hidden items, signed
    (+1 a member, -1 the total) in the relation's order, and the signed sum of its shown items
    — both kept up to date as items are hidden, so that a pass over a relation costs its
    hidden items. A position is any key of `values`: (row, column) in one grid, (table, row,
    column) on a page."""

    def __init__(
        self,
        values: Mapping[Any, int],
        items: Sequence[tuple[list[Any], Any]],
        hidden: Mapping[Any, Hidden],
        links: int = 0,
    ) -> None:
        """The last `links` items are relations between figures (`publish_linked`)."""
        self.values = values
        self.items = list(items)
        self.links = set(range(len(self.items) - links, len(self.items)))
        self.around: dict[Any, list[tuple[int, int, int]]] = {}  # (relation, order, sign)
        self.unknown: list[list[tuple[int, Any, int]]] = []
        self.known: list[int] = []
        for index, (members, total) in enumerate(self.items):
            signed = [(at, 1) for at in members] + [(total, -1)]
            for order, (at, sign) in enumerate(signed):
                self.around.setdefault(at, []).append((index, order, sign))
            self.unknown.append(
                [(o, at, sign) for o, (at, sign) in enumerate(signed) if at in hidden]
            )
            self.known.append(-sum(sign * values[at] for at, sign in signed if at not in hidden))

        self.of = {at: [index for index, _o, _s in found] for at, found in self.around.items()}

    def relations_of(self, at: Any) -> list[int]:
        return self.of.get(at, [])

    def hide(self, at: Any) -> None:
        for index, order, sign in self.around.get(at, []):
            bisect.insort(self.unknown[index], (order, at, sign))
            self.known[index] += sign * self.values[at]


def _secondary(grid: list[list[int]], hidden: dict[Position, Hidden], limit: int) -> None:
    """Hide one more item next to the first pinned one until none is pinned. Each pass is
    linear in the hidden cells: a relation is tightened in one sweep of its hidden items
    (running sums of the others' bounds), and only the relations one of whose items moved are
    looked at again, so that the result is exactly the one of the plain interval propagation
    (`tests/casework/slow_suppression.py`, compared on random tables)."""
    values = {(r, c): value for r, line in enumerate(grid) for c, value in enumerate(line)}
    _secondary_over(_Relations(values, _relations(grid) if grid else [], hidden), hidden, limit)


def _secondary_over(
    relations: _Relations, hidden: dict[Any, Hidden], limit: int, *, batched: bool = False
) -> None:
    """`batched`: in each pass, one more item next to every pinned one whose relations no
    other hide of the pass touched (a page's many small cells, in a few passes instead of
    one pass per hide). Not always the same choice as one by one, as safe: it stops only
    when no hidden count is pinned."""
    hide_more = _hid_many if batched else _hid_one_more
    while hide_more(hidden, relations, _pinned(hidden, relations, limit)):
        pass


def _hid_many(hidden: dict[Any, Hidden], relations: _Relations, pinned: list[Any]) -> bool:
    """One more item next to each pinned one, in its cheapest relation that no hide of this
    pass went into yet (none left: seen again in the next pass)."""
    touched: set[int] = set()
    hid = False
    for at in pinned:
        ranked = sorted(relations.relations_of(at), key=lambda i: _cost(relations, hidden, i))
        for index in ranked:
            if index in touched:
                continue
            choice = _hide_one_more(relations, hidden, index)
            if choice is not None:
                touched.add(index)
                hid = True
                break
    return hid


def _hid_one_more(hidden: dict[Any, Hidden], relations: _Relations, pinned: list[Any]) -> bool:
    """Hide one more item next to the first pinned one that still has a shown neighbour."""
    for at in pinned:
        around = relations.relations_of(at)
        ranked = sorted(around, key=lambda index: _cost(relations, hidden, index))
        if any(_hide_one_more(relations, hidden, index) is not None for index in ranked):
            return True
    return False  # nothing pinned, or everything around it hidden already


def _cost(relations: _Relations, hidden: dict[Any, Hidden], index: int) -> int:
    """Hiding one more costs the relation's smallest shown cell (its total when none is); an
    equality of two figures (one member) comes first: nothing else would unpin it."""
    values = relations.values
    members, total = relations.items[index]
    if index in relations.links and len(members) == 1:
        return -1
    shown = [values[at] for at in members if at not in hidden]
    return min(shown) if shown else values[total]


def _bounds(hidden: Mapping[Any, Hidden], at: Any, limit: int) -> tuple[int, int]:
    return (0, limit - 1) if hidden[at] == Hidden.SMALL else (limit, INFINITY)


def _pinned(hidden: dict[Any, Hidden], relations: _Relations, limit: int) -> list[Any]:
    """The hidden items a reader can pin to one value: the bounds they know, tightened through
    every relation until nothing moves (interval propagation, rounds in relation order)."""
    bounds = {at: _bounds(hidden, at, limit) for at in hidden}
    count = len(relations.items)
    dirty = set(range(count))
    for _round in range(4 * count + 4):
        moved = False
        for index in range(count):
            if index in dirty:
                dirty.discard(index)
                moved |= _tighten(relations, index, bounds, dirty)
        if not moved:
            break
    return [at for at, (low, high) in sorted(bounds.items()) if low >= high]


def _tighten(
    relations: _Relations, index: int, bounds: dict[Any, tuple[int, int]], dirty: set[int]
) -> bool:
    """sign · x = known − Σ sign_j · x_j over the other hidden items of the relation, in one
    pass: `high_sum`/`low_sum` hold Σ of the others' largest/smallest signed contributions and
    follow each bound as it is tightened (the same order and result as item by item)."""
    unknown = relations.unknown[index]
    if not unknown:
        return False
    known = relations.known[index]
    high_sum = low_sum = 0
    for _order, at, sign in unknown:
        lo, hi = bounds[at]
        high_sum += hi if sign > 0 else -lo
        low_sum += lo if sign > 0 else -hi
    moved = False
    for _order, at, sign in unknown:
        own_lo, own_hi = bounds[at]
        own_high = own_hi if sign > 0 else -own_lo
        own_low = own_lo if sign > 0 else -own_hi
        low = known - (high_sum - own_high)
        high = known - (low_sum - own_low)
        low, high = (low, high) if sign > 0 else (-high, -low)
        tight = (max(low, own_lo), min(high, own_hi))
        if tight != (own_lo, own_hi):
            bounds[at], moved = tight, True
            high_sum += (tight[1] if sign > 0 else -tight[0]) - own_high
            low_sum += (tight[0] if sign > 0 else -tight[1]) - own_low
            dirty.update(relations.relations_of(at))
    return moved


def _hide_one_more(relations: _Relations, hidden: dict[Any, Hidden], index: int) -> Any:
    """The item hidden, or None when the relation has nothing left to hide."""
    values = relations.values
    members, total = relations.items[index]
    shown = [at for at in members if at not in hidden]
    if shown:
        choice = min(shown, key=lambda at: (values[at], at))
    elif total not in hidden:
        choice = total
    else:
        return None
    hidden[choice] = Hidden.SECONDARY
    relations.hide(choice)
    return choice


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
