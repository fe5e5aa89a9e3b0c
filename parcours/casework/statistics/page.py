"""The figures of one page, published together: which of them share a count, so that small
cells are protected across figures and not only inside each (`suppression.publish_linked`).

The relations that hold by construction between the figures of a page (same filter):
- the five inflow tables by file (month, commune, nationality, age band, sex) count the same
  files: their totals rows are equal, column by column (matched by label);
- the funnel's first stage, "referred", is that totals row;
- the durations' people to the agreement and to the certificate are the funnel's stages
  "agreement" and "certificate" (summed over its columns; one centre each side by side);
- the non-compliance steps' "cases opened" of a ground is the row total of that ground in the
  cases by ground;
- the appointments by booking and by outcome count the same appointments by kind: equal row
  totals (and, side by side, equal tables).
A category with no count is left out of an additive table (a zero is not protected)."""

from collections.abc import Sequence

from parcours.casework.statistics import durations, funnel
from parcours.casework.statistics.suppression import PageRelation, Published, publish_linked
from parcours.casework.statistics.table import Table

SAME_FILES = ("inflow_month", "inflow_commune", "inflow_nationality", "inflow_age", "inflow_sex")
_STAGE_KEYS = [key for key, _label, _q in funnel.STAGES]
REFERRED = _STAGE_KEYS.index("referred")
# Durations' steps that are funnel stages: (index of the step, index of the stage).
STEP_STAGES = tuple(
    (step, _STAGE_KEYS.index(key))
    for step, (key, _label, _until) in enumerate(durations.STEPS)
    if key in _STAGE_KEYS
)


def publish_page(
    tables: Sequence[Table], *, by_centre: bool, suppress: bool, threshold: int | None = None
) -> list[Published]:
    links = page_links(tables, by_centre=by_centre) if suppress else []
    return publish_linked(tables, links, suppress=suppress, threshold=threshold)


def page_links(tables: Sequence[Table], *, by_centre: bool) -> list[PageRelation]:
    at = {table.key: index for index, table in enumerate(tables)}
    links: list[PageRelation] = []
    files = [key for key in SAME_FILES if key in at]
    if files:
        first = at[files[0]]
        for key in files[1:]:
            links += _equal_totals_rows(tables, first, at[key])
        if "funnel" in at:
            links += _row_is_totals(tables, at["funnel"], REFERRED, first)
    if "funnel" in at and "durations" in at:
        links += _steps_are_stages(tables, at["funnel"], at["durations"], by_centre)
    if "compliance_steps" in at and "compliance_cases" in at:
        steps, cases = tables[at["compliance_steps"]], tables[at["compliance_cases"]]
        for label, r in _rows(cases).items():
            if label in _rows(steps):
                total = (at["compliance_cases"], r, len(cases.columns))
                links.append(([(at["compliance_steps"], _rows(steps)[label], 0)], total))
    if "appointments_booking" in at and "appointments_outcomes" in at:
        links += _equal_row_totals(
            tables, at["appointments_booking"], at["appointments_outcomes"], cells=by_centre
        )
    return links


def _rows(table: Table) -> dict[str, int]:
    return {label: index for index, (label, _cells) in enumerate(table.rows)}


def _columns(table: Table) -> dict[str, int]:
    """Columns by label, the total last (an additive table)."""
    found = {label: index for index, label in enumerate(table.columns)}
    if table.additive:
        found["\0total"] = len(table.columns)
    return found


def _equal_totals_rows(tables: Sequence[Table], a: int, b: int) -> list[PageRelation]:
    first, other = tables[a], tables[b]
    last_a, last_b = len(first.rows), len(other.rows)
    cols_b = _columns(other)
    return [
        ([(a, last_a, ca)], (b, last_b, cols_b[label]))
        for label, ca in _columns(first).items()
        if label in cols_b
    ]


def _row_is_totals(tables: Sequence[Table], t: int, row: int, a: int) -> list[PageRelation]:
    """A row of a table without totals, equal to the totals row of an additive one."""
    source, totals = tables[t], tables[a]
    if row >= len(source.rows):
        return []
    cols = _columns(totals)
    return [
        ([(t, row, c)], (a, len(totals.rows), cols[label]))
        for label, c in _columns(source).items()
        if label in cols
    ]


def _steps_are_stages(
    tables: Sequence[Table], f: int, d: int, by_centre: bool
) -> list[PageRelation]:
    stages, steps = tables[f], tables[d]
    if len(stages.rows) <= max(stage for _step, stage in STEP_STAGES):
        return []
    if not by_centre:
        return [
            ([(f, stage, c) for c in range(len(stages.columns))], (d, step, 0))
            for step, stage in STEP_STAGES
            if step < len(steps.rows)
        ]
    rows = _rows(steps)
    links: list[PageRelation] = []
    for step, stage in STEP_STAGES:
        label = str(durations.STEPS[step][1])
        for c, centre in enumerate(stages.columns):
            if f"{label} · {centre}" in rows:
                links.append(([(f, stage, c)], (d, rows[f"{label} · {centre}"], 0)))
    return links


def _equal_row_totals(
    tables: Sequence[Table], a: int, b: int, *, cells: bool
) -> list[PageRelation]:
    first, other = tables[a], tables[b]
    rows_b, cols_a, cols_b = _rows(other), _columns(first), _columns(other)
    links: list[PageRelation] = []
    for label, r in _rows(first).items():
        if label not in rows_b:
            continue
        for column, ca in cols_a.items():
            if (cells or column == "\0total") and column in cols_b:
                links.append(([(a, r, ca)], (b, rows_b[label], cols_b[column])))
    return links
