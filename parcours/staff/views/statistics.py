"""Statistics for a coordinator (their centre) and the Region (every centre, small cells
suppressed, the centres side by side): charts drawn in SVG by the template, each followed by
its table; every figure exports as CSV and XLSX, and every export is audited."""

from dataclasses import dataclass
from datetime import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from parcours.accounts.access import request_user, staff_view
from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.audit.services import statistics_export_record
from parcours.casework.models import StatisticsRefresh
from parcours.casework.statistics.dataset import COLUMNS, dataset_rows, year_filter
from parcours.casework.statistics.facts import last_refresh
from parcours.casework.statistics.figures import BY_KEY, FAMILIES, figures_dated
from parcours.casework.statistics.page import publish_page
from parcours.casework.statistics.suppression import Published, Shown
from parcours.core.exports import Cell, Sheet, csv_response, xlsx_response
from parcours.staff.forms.statistics import StatisticsForm

statistics_readers = staff_view(roles=(Role.COORDINATOR, Role.REGION))
region_only = staff_view(roles=(Role.REGION,))
FORMATS = {"csv": csv_response, "xlsx": xlsx_response}
BAR_WIDTH = 300  # SVG user units of the longest bar
DATASET_YEARS = range(2000, 10_000)  # a four-digit year the dataset may be asked for


@dataclass(frozen=True)
class Bar:
    label: str
    shown: Shown
    width: int
    y: int


def _suppressed(user: User) -> bool:
    """Outside the centre that owns the data, small cells are hidden."""
    return user.role == Role.REGION


def _published(
    form: StatisticsForm, refresh: StatisticsRefresh | None
) -> list[tuple[Published, datetime | None]]:
    """Every figure of the page, published together (small cells protected across figures);
    the pathway figures from the nightly table once it has been built (live before)."""
    f, compare = form.stats_filter(), form.side_by_side
    dated = figures_dated(f, by_centre=compare, refresh=refresh)
    tables = [table for table, _moment in dated]
    published = publish_page(tables, by_centre=compare, suppress=_suppressed(form.user))
    return [(p, moment) for p, (_table, moment) in zip(published, dated, strict=True)]


def _bars(published: Published) -> list[Bar]:
    """One bar a row: its total (a table of additive counts) or its first figure."""
    lines = published.body[:-1] if published.table.additive else published.body
    picked = [
        (label, cells[-1] if published.table.additive else cells[0]) for label, cells in lines
    ]
    top = max((int(cell.value or 0) for _label, cell in picked if not cell.is_hidden), default=0)
    return [
        Bar(
            label,
            cell,
            0 if cell.is_hidden or not top else round(BAR_WIDTH * int(cell.value or 0) / top),
            24 * i,
        )
        for i, (label, cell) in enumerate(picked)
    ]


@statistics_readers
def statistics(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = StatisticsForm(request.GET, user=user)
    if not form.is_valid():
        return render(request, "staff/statistics/page.html", {"form": form}, status=400)
    families, refresh = [], last_refresh()
    published = _published(form, refresh)
    for family, title in FAMILIES.items():
        found = [(p, m) for p, m in published if BY_KEY[p.table.key].family == family]
        shown = [
            (p, _bars(p), 24 * len(p.table.rows) + 8, m and timezone.localtime(m)) for p, m in found
        ]
        families.append((family, title, shown))
    context = {
        "form": form,
        "families": families,
        "suppressed": _suppressed(user),
        "query": request.GET.urlencode(),
        "extracted_on": timezone.localdate(),
        "refreshed_at": timezone.localtime(refresh.refreshed_at) if refresh else None,
        "dataset_year": form.stats_filter().start.year if _suppressed(user) else None,
    }
    return render(request, "staff/statistics/page.html", context)


@statistics_readers
def statistics_export(request: HttpRequest, figure: str, file_format: str) -> HttpResponse:
    if figure not in BY_KEY or file_format not in FORMATS:
        raise Http404
    user = request_user(request)
    form = StatisticsForm(request.GET, user=user)
    if not form.is_valid():
        return render(request, "staff/statistics/page.html", {"form": form}, status=400)
    refresh = last_refresh()
    # The whole page, so that the file hides what the page hides.
    ((published, moment),) = [(p, m) for p, m in _published(form, refresh) if p.table.key == figure]
    about = [(_("Figure"), published.table.title), *form.described()]
    about.append((_("Extracted on"), timezone.localdate().isoformat()))
    if moment is not None:
        about.append((_("Figures as of"), f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"))
    if published.suppressed:
        about.append((_("Small cells"), _("counts under the threshold are hidden")))
    statistics_export_record(
        user=user, figure=figure, file_format=file_format, filters=dict(form.described())
    )
    return FORMATS[file_format](_sheet(published, about), f"statistics-{figure}")


def _sheet(published: Published, about: list[tuple[str, str]]) -> Sheet:
    table = published.table
    header = [table.row_header, *table.columns]
    if table.additive:
        header.append(_("Total"))
    rows: list[list[Cell]] = [
        [label, *(cell.export for cell in cells)] for label, cells in published.body
    ]
    return Sheet(title=table.key, header=header, rows=rows, about=about)


@region_only
def statistics_dataset(request: HttpRequest, year: int, file_format: str) -> HttpResponse:
    """The observatory's annual dataset: one anonymised row per pathway referred in the year,
    for the centre and the commune of the filters."""
    if file_format not in FORMATS or year not in DATASET_YEARS:
        raise Http404
    user = request_user(request)
    form = StatisticsForm(request.GET, user=user)
    if not form.is_valid():
        return render(request, "staff/statistics/page.html", {"form": form}, status=400)
    f = year_filter(form.stats_filter(), year)
    described = dict(form.described())
    centre, commune = str(_("Centre")), str(_("Commune of residence"))
    about = [
        (_("Figure"), _("Annual dataset for the observatory")),
        (_("Year"), str(year)),
        (centre, described[centre]),
        (commune, described[commune]),
        (_("Extracted on"), timezone.localdate().isoformat()),
        (_("Anonymised"), _("no name, no national number, no contact; dates as months")),
    ]
    statistics_export_record(
        user=user,
        figure="dataset",
        file_format=file_format,
        filters={_("Year"): str(year), centre: described[centre], commune: described[commune]},
    )
    rows = dataset_rows(f, today=timezone.localdate())
    sheet = Sheet(title=f"dataset-{year}", header=COLUMNS, rows=rows, about=about)
    return FORMATS[file_format](sheet, f"statistics-dataset-{year}")
