"""The statistics pages read first after a refresh, computed ahead of their first reader.

Once the nightly tables are rebuilt, the figures of a page are kept per refresh, filter,
form and language (`figures.figures_dated`), and the cells the Region's page hides per set
of counts (`suppression`). The first request of the day would pay for all of it (about 7 s
of queries and 1–2 s of suppression at 500,000 people); so, right after the refresh (by the
task worker, `casework.tasks.statistics_pages_warm`, which the night's sweep enqueues), the
pages a user opens without choosing a filter — the current year to today, for the Region
(all centres, split and side by side) and for each centre's coordinator — are computed
once, in French (`LANGUAGE_CODE`, the staff's language; a page read in another language
is computed on its first request), and their first reader gets them from the shared cache
(the database cache in production; a process's own memory cache, in development, is not
shared with the command that fills it)."""

from dataclasses import dataclass, replace
from datetime import date

from django.conf import settings
from django.utils import translation

from parcours.casework.models import StatisticsRefresh
from parcours.casework.statistics.figures import figures_dated
from parcours.casework.statistics.filters import StatsFilter
from parcours.casework.statistics.page import publish_page
from parcours.territory.models import Centre


@dataclass(frozen=True)
class WarmPage:
    filters: StatsFilter
    by_centre: bool
    suppress: bool  # the Region's pages: small cells hidden


def default_pages(today: date) -> list[WarmPage]:
    """The pages `staff.forms.statistics.StatisticsForm` gives without a filter chosen."""
    year = StatsFilter(start=date(today.year, 1, 1), end=today)
    centres = Centre.objects.order_by("pk").values_list("pk", flat=True)
    return [
        WarmPage(year, by_centre=False, suppress=True),
        WarmPage(year, by_centre=True, suppress=True),
        *(WarmPage(replace(year, centre_ids=(pk,)), False, False) for pk in centres),
    ]


def statistics_warm(*, refresh: StatisticsRefresh, today: date) -> int:
    """Compute and keep the default pages of this refresh; returns how many."""
    pages = default_pages(today)
    with translation.override(settings.LANGUAGE_CODE):
        for page in pages:
            dated = figures_dated(page.filters, by_centre=page.by_centre, refresh=refresh)
            tables = [table for table, _moment in dated]
            publish_page(tables, by_centre=page.by_centre, suppress=page.suppress)
    return len(pages)
