"""Tracks 2–4: people per track, hours delivered per partner and track, French levels at the
test and at the end, days on a waiting list per track and place."""

from datetime import timedelta
from typing import Any

from django.db import connection
from django.db.models import (
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Concat
from django.utils.translation import gettext_lazy as _

from parcours.casework.models import HoursFact
from parcours.casework.statistics.facts import attendance_rows
from parcours.casework.statistics.filters import StatsFilter
from parcours.casework.statistics.split import count_table, split_for
from parcours.casework.statistics.table import Table
from parcours.pathways.models import FrenchTest
from parcours.people.enums import CefrLevel
from parcours.training.enums import EnrolmentStatus, Track
from parcours.training.models import Attendance, Enrolment

TRACKS = {track.value: track.label for track in Track}  # lazy: in the language of the page


def people(f: StatsFilter, *, by_centre: bool = False) -> Table:
    found = Enrolment.objects.filter(
        f.pathway_q("pathway__"),
        f.in_period("referred_on"),
        status=EnrolmentStatus.ACCEPTED,
    )
    return count_table(
        found,
        key="tracks_people",
        title=_("People accepted per track"),
        row_header=_("Track"),
        row=F("track"),
        rows=TRACKS,
        split=split_for(by_centre, "pathway__"),
        count="pathway",
    )


def hours(f: StatsFilter) -> Table:
    """Hours attended in the period (current rows: a correction replaces a row); from the
    nightly table (`f.facts`) or from the attendance rows."""
    grouped = _hours_facts(f) if f.facts else _hours_live(f)
    rows = tuple(
        (f"{partner} · {TRACKS[track]}", (n, float(total))) for partner, track, n, total in grouped
    )
    columns = (str(_("People")), str(_("Hours attended")))
    return Table(
        "tracks_hours",
        str(_("Hours per partner and track")),
        str(_("Partner · track")),
        columns,
        rows,
        False,
        True,
    )


def _hours_live(f: StatsFilter) -> list[tuple[Any, ...]]:
    found = (
        Attendance.objects.filter(
            f.pathway_q("enrolment__pathway__"),
            f.in_period("attended_on"),
            superseded_at__isnull=True,
        )
        .annotate(partner=F("enrolment__offer__partner__name"), track_=F("enrolment__track"))
        .values("partner", "track_")
        .annotate(n=Count("enrolment__pathway", distinct=True), total=Sum("hours"))
    )
    return list(found.order_by("partner", "track_").values_list("partner", "track_", "n", "total"))


def _hours_facts(f: StatsFilter) -> list[tuple[Any, ...]]:
    """The months the period covers whole from their nightly month rows, the days of the
    months it cuts from the attendance rows (on their date's index): one grouped query over
    both, so that a file counted on both sides is counted once. The first part names the
    columns of the union (the table's own names)."""
    months = f.whole_months()
    if months is None:
        return _hours_live(f)
    first, after = months
    edges = Q(attended_on__gte=f.start, attended_on__lt=first) | Q(
        attended_on__gte=after, attended_on__lte=f.end
    )
    q = Q(day__gte=first, day__lt=after) & f.facts_q()
    names = ("pathway_id", "partner_name", "track", "hours")
    parts = [HoursFact.objects.filter(q).order_by().values_list(*names)]
    if f.start < first or after <= f.end:
        days = attendance_rows().filter(edges, f.pathway_q("enrolment__pathway__"))
        parts.append(days.order_by().values_list(*names))
    sqls: list[str] = []
    params: list[Any] = []
    for part in parts:
        sql, part_params = part.query.sql_with_params()
        sqls.append(sql)
        params.extend(part_params)
    union = " UNION ALL ".join(sqls)
    sql = (
        "SELECT partner_name, track, COUNT(DISTINCT pathway_id), SUM(hours) "  # noqa: S608
        f"FROM ({union}) AS found "
        "GROUP BY partner_name, track ORDER BY partner_name, track"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [tuple(line) for line in cursor.fetchall()]


def french_levels(f: StatsFilter, *, by_centre: bool = False) -> Table:
    """The level at the welcome module's test, by the date of the test."""
    return count_table(
        FrenchTest.objects.filter(f.pathway_q("pathway__"), f.in_period("tested_on")),
        key="tracks_levels",
        title=_("French level at the test"),
        row_header=_("Level"),
        row=F("level"),
        rows=dict(CefrLevel.choices),
        split=split_for(by_centre, "pathway__"),
        count="pathway",
    )


def french_levels_end(f: StatsFilter, *, by_centre: bool = False) -> Table:
    """The level a French course reached, by the date it was reached."""
    return count_table(
        Enrolment.objects.filter(
            f.pathway_q("pathway__"), f.in_period("level_reached_on"), track=Track.FRENCH
        ).exclude(level_reached=""),
        key="tracks_levels_end",
        title=_("French level at the end of the course"),
        row_header=_("Level"),
        row=F("level_reached"),
        rows=dict(CefrLevel.choices),
        split=split_for(by_centre, "pathway__"),
        count="pathway",
    )


def waiting(f: StatsFilter) -> Table:
    """Mean days on a waiting list, for the waits that began in the period (a wait still
    running counts up to the end of the period)."""
    days = ExpressionWrapper(
        Coalesce("waiting_until", Value(f.end)) - F("waiting_from"), output_field=DurationField()
    )
    grouped = (
        Enrolment.objects.filter(f.pathway_q("pathway__"), f.in_period("waiting_from"))
        .annotate(place=Concat("track", Value("|"), "offer__commune__name_fr"))
        .values("place")
        .annotate(n=Count("pathway", distinct=True), mean=Avg(days))
        .order_by("place")
    )
    rows = tuple((_place(line["place"]), (line["n"], _days(line["mean"]))) for line in grouped)
    columns = (str(_("People")), str(_("Mean days waiting")))
    return Table(
        "tracks_waiting",
        str(_("Waiting lists per track and place")),
        str(_("Track · place")),
        columns,
        rows,
        False,
        True,
    )


def _place(value: str) -> str:
    track, _sep, commune = value.partition("|")
    return f"{TRACKS.get(track, track)} · {commune}"


def _days(mean: Any) -> float | None:
    if mean is None:
        return None
    return round(mean / timedelta(days=1), 1) if isinstance(mean, timedelta) else float(mean)
