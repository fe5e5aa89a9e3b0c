"""The Region's statistics page, each of its figures and the annual dataset on the synthetic
region (`bench/common.py`: `BENCH_PEOPLE`, default 50,000). The whole page is measured
beside its floors: the framework floor (a minimal view through the same client) and the raw
SQL floor (the inflow by commune, the page's largest table, in one query).

The pathway figures are read from the nightly table (`facts`), rebuilt once first and timed.

Run: `DATABASE_URL=postgres://… .venv/bin/python bench/bench_statistics.py` (or `make bench`;
`BENCH_STATISTICS_REPEATS`, default 5). Nothing is asserted."""

from __future__ import annotations

import os
from datetime import date
from functools import partial
from typing import Any

from common import PEOPLE, client_for, database, floors, line, once, time_it

REPEATS = int(os.environ.get("BENCH_STATISTICS_REPEATS", "5"))
TODAY = date(2026, 11, 30)
YEAR = date(2026, 1, 1)
COMMUNE_SQL = """
SELECT c.name_fr, count(*) FROM pathways_pathway p
JOIN people_person pe ON pe.id = p.person_id JOIN territory_commune c ON c.id = pe.commune_id
WHERE p.referred_on BETWEEN %s AND %s AND p.transferred_from_id IS NULL
GROUP BY c.name_fr ORDER BY c.name_fr
"""


def _figure(figure: Any, f: Any, publish: Any, figure_compute: Any) -> object:
    """One figure as the Region gets it: computed, then its small cells suppressed (alone:
    the page suppresses its figures together, `page.publish_page`)."""
    return publish(figure_compute(figure, f, by_centre=False), suppress=True)


def main() -> None:
    from django.core.cache import cache  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from parcours.accounts.enums import Role  # noqa: PLC0415
    from parcours.accounts.models import User  # noqa: PLC0415
    from parcours.casework.statistics.dataset import dataset_rows  # noqa: PLC0415
    from parcours.casework.statistics.facts import facts_refresh  # noqa: PLC0415
    from parcours.casework.statistics.figures import FIGURES, figure_compute  # noqa: PLC0415
    from parcours.casework.statistics.filters import StatsFilter  # noqa: PLC0415
    from parcours.casework.statistics.suppression import publish  # noqa: PLC0415
    from parcours.casework.statistics.warm import statistics_warm  # noqa: PLC0415

    database()
    region = User.objects.filter(role=Role.REGION).order_by("pk").first()
    client = client_for(region)
    print(f"statistics at {PEOPLE:,} people, {REPEATS} repeats", flush=True)
    query = f"?start={YEAR.isoformat()}&end=2026-12-31"

    def page(extra: str = "") -> Any:
        response = client.get(f"/staff/statistics/{query}{extra}")
        assert response.status_code == 200, response.status_code  # noqa: S101
        return response

    # The nightly table (the sweep's last step), rebuilt whole: twice, the first one warm.
    line("nightly table rebuilt", time_it(lambda: facts_refresh(now=timezone.now()), 1))
    # The first request after a refresh: cold, then with the default pages computed ahead.
    refresh = facts_refresh(now=timezone.now())
    default = partial(client.get, "/staff/statistics/")
    cache.clear()
    line("first request after a refresh, cold", once(default))
    cache.clear()
    warm = partial(statistics_warm, refresh=refresh, today=timezone.localdate())
    line("default pages computed ahead (10)", once(warm))
    line("first request, computed ahead", once(default))
    floor = floors(client, "statistics", COMMUNE_SQL, (YEAR, date(2026, 12, 31)))
    line("whole page (Region, one year)", time_it(page, REPEATS), floor)
    line("whole page, centres side by side", time_it(lambda: page("&compare=on"), REPEATS))
    f = StatsFilter(start=YEAR, end=date(2026, 12, 31), facts=True)
    for figure in FIGURES:
        run = partial(_figure, figure, f, publish, figure_compute)
        line(f"  {figure.key}", time_it(run, REPEATS))
    line("dataset rows (one year)", time_it(lambda: dataset_rows(f, today=TODAY), REPEATS))
    line(
        "dataset CSV download",
        time_it(lambda: client.get(f"/staff/statistics/dataset-2026.csv{query}"), REPEATS),
    )


if __name__ == "__main__":
    main()
