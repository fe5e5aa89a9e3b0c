"""The files referred, as the pathway-level figures see them (inflow, funnel, durations): one
row per file opened by a referral, with its centre, commune, age band, first nationality,
whether it is obliged, its stage dates and its first appointment.

The same rows two ways, with the same names, so that a figure's query is the same on both:
`live()` computes them from the files (joins, a correlated subquery per file), and the
nightly table `PathwayFact` holds them, rebuilt set-based (`facts_refresh`: one
`INSERT … SELECT` of `live()`) by the sweep and by `parcours statistics_refresh`. The same
refresh rebuilds `HoursFact` (one `INSERT … SELECT` of `hours_live()`): the hours attended
per file, partner, track and month. On PostgreSQL a night's refresh recomputes only the
files marked changed since the last one (`FactChange`, by triggers; the tables rebuilt whole
when many are). The pages read the table once it has been built; `StatsFilter(facts=False)`
computes live (`tests/casework/test_statistics_facts.py` compares every figure both ways)."""

import time
from datetime import datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import ExtractYear, TruncDate, TruncMonth

from parcours.appointments.models import Appointment
from parcours.casework.models import FactChange, HoursFact, PathwayFact, StatisticsRefresh
from parcours.casework.statistics.filters import StatsFilter
from parcours.core.table_swap import copies_swap, copy_fill
from parcours.pathways.enums import Obligation, Status
from parcours.pathways.models import Pathway
from parcours.training.enums import EnrolmentStatus
from parcours.training.models import Attendance, Enrolment

AGE_LIMITS = (18, 25, 35, 45, 55, 65)
# The row's fields, in the table's order (those of `Pathway` itself need no annotation).
COLUMNS = (
    "pathway_id",
    "centre_id",
    "commune_id",
    "commune_name",
    "referred_on",
    "status",
    "voluntary",
    "obliged",
    "nationality",
    "age_band",
    "sex",
    "invited_on",
    "module_done_on",
    "agreed_on",
    "completed_on",
    "certificate_by",
    "first_appointment_on",
    "trained",
)


def _age_band() -> Case:
    """Age in years reached in the year of the referral (the birth year is all we publish)."""
    whens = [When(age_years__lt=limit, then=Value(index)) for index, limit in enumerate(AGE_LIMITS)]
    return Case(*whens, default=Value(len(AGE_LIMITS)), output_field=IntegerField())


def _first_appointment() -> Subquery:
    """The first appointment of the person on or after the day of the referral."""
    found = Appointment.objects.filter(
        person=OuterRef("person"), starts_at__date__gte=OuterRef("referred_on")
    )
    return Subquery(
        found.values("person").annotate(first=Min(TruncDate("starts_at"))).values("first")[:1]
    )


def live() -> "QuerySet[Any]":
    """The rows computed from the files themselves (a transfer's new file is not inflow)."""
    accepted = Enrolment.objects.filter(pathway=OuterRef("pk"), status=EnrolmentStatus.ACCEPTED)
    obliged = Q(obligation=Obligation.OBLIGATED, voluntary=False)
    trained = Exists(accepted) | Q(status__in=(Status.IN_TRAINING, Status.COMPLETED))
    return (
        Pathway.objects.filter(transferred_from__isnull=True)
        .alias(age_years=ExtractYear("referred_on") - ExtractYear("person__birth_date"))
        .annotate(
            pathway_id=F("pk"),
            commune_id=F("person__commune_id"),
            commune_name=F("person__commune__name_fr"),
            obliged=Case(When(obliged, then=Value(True)), default=Value(False)),
            nationality=KeyTextTransform("0", "person__nationalities"),
            age_band=_age_band(),
            sex=F("person__sex"),
            first_appointment_on=_first_appointment(),
            trained=ExpressionWrapper(trained, output_field=BooleanField()),
        )
    )


# The hours table's fields, in its order; `total_hours` fills `hours` (the name is taken on
# the attendance rows it sums).
HOURS_COLUMNS = (
    "day",
    "pathway_id",
    "centre_id",
    "commune_id",
    "referred_on",
    "partner_name",
    "track",
    "total_hours",
)


def attendance_rows() -> "QuerySet[Any]":
    """The current attendance rows with the file, its centre, commune and referral date, the
    partner's name and the track, under the names of `HoursFact`."""
    return Attendance.objects.filter(superseded_at__isnull=True).annotate(
        pathway_id=F("enrolment__pathway_id"),
        centre_id=F("enrolment__pathway__centre_id"),
        commune_id=F("enrolment__pathway__person__commune_id"),
        referred_on=F("enrolment__pathway__referred_on"),
        partner_name=F("enrolment__offer__partner__name"),
        track=F("enrolment__track"),
    )


def hours_live(pathways: Any = None) -> "QuerySet[Any]":
    """The rows of `HoursFact` computed from the attendance rows: summed per file, partner,
    track and month, one query; of the files `pathways` only (their keys, or a subquery)."""
    rows = attendance_rows()
    if pathways is not None:
        rows = rows.filter(enrolment__pathway_id__in=pathways)
    found: QuerySet[Any] = (
        rows.annotate(day=TruncMonth("attended_on"))
        .values(*HOURS_COLUMNS[:-1])
        .annotate(total_hours=Sum("hours"))
        .order_by()
    )
    return found


def facts(f: StatsFilter) -> "QuerySet[Any]":
    """The rows of the files referred in the filter's period, for its centres, commune and
    cohort: from the nightly table, or live (`f.facts`)."""
    source = PathwayFact.objects.all() if f.facts else live()
    return source.filter(Q(referred_on__gte=f.start, referred_on__lte=f.end) & f.facts_q())


HOURS = (*HOURS_COLUMNS[:-1], "hours")  # the table's fields that `HOURS_COLUMNS` fill
# An incremental refresh recomputes the files marked changed; above this share of the files
# it rebuilds the tables whole instead (one scan is then cheaper than many lookups).
FULL_ABOVE = 0.2
CHANGED = "parcours_facts_changed"  # the temporary table of this refresh's marked files
MARKED = "SELECT pathway_id FROM parcours_facts_changed"  # its files (a literal: no SQL built)
# One refresh at a time (the sweep's, a `statistics_refresh` run beside it): the second
# waits for the first to commit, instead of inserting the rows it inserted.
REFRESH_LOCK = 0x5041_5243_4F55_5253  # "PARCOURS" in ASCII, an advisory lock's key


def facts_refresh(*, now: datetime, full: bool = False) -> StatisticsRefresh:
    """Bring both tables up to date in one transaction; readers see the old rows until it
    commits. On PostgreSQL, only the files marked since the last refresh (`FactChange`,
    written by triggers on every table the rows read) are deleted and computed again,
    unless `full`, there was no refresh yet, or more than `FULL_ABOVE` of the files are
    marked: then both tables are rebuilt whole (on PostgreSQL filled as copies without their
    indexes, then put in place: `core.table_swap`; readers see the old rows until the swap,
    then wait for the commit). No row goes through Python: INSERT … SELECT."""
    began = time.perf_counter()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [REFRESH_LOCK])
        whole = full or last_refresh() is None
        changed = _changes_take(kept=not whole)
        # Marks of transfers' new files and of deleted files count too: a rough share.
        total = PathwayFact.objects.count()
        if changed is None or whole or changed > FULL_ABOVE * total:
            pathways = live().order_by().values(*COLUMNS)
            if connection.vendor == "postgresql":
                rows = _rebuilt(
                    (PathwayFact, pathways, COLUMNS, COLUMNS),
                    (HoursFact, hours_live(), HOURS_COLUMNS, HOURS),
                )
            else:
                rows = _refill(PathwayFact, pathways, COLUMNS, COLUMNS)
                _refill(HoursFact, hours_live(), HOURS_COLUMNS, HOURS)
            incremental = False
        else:
            marked = RawSQL(MARKED, ())  # noqa: S611 -- a constant
            pathways = live().filter(pk__in=marked).order_by().values(*COLUMNS)
            _refill(PathwayFact, pathways, COLUMNS, COLUMNS, only_changed=True)
            _refill(HoursFact, hours_live(pathways=marked), HOURS_COLUMNS, HOURS, only_changed=True)
            rows = PathwayFact.objects.count()
            incremental = True
        rows = max(rows, 0)
        refresh = StatisticsRefresh.objects.create(
            refreshed_at=now,
            rows=rows,
            seconds=time.perf_counter() - began,
            full=not incremental,
            recomputed=changed if incremental and changed is not None else rows,
        )
    if connection.vendor == "postgresql" and not incremental:
        with connection.cursor() as cursor:
            for model in (PathwayFact, HoursFact):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return refresh


def facts_mark_all() -> None:
    """Mark every file changed, after a load that wrote around the triggers (the synthetic
    region's COPY): the next refresh rebuilds whole."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {FactChange._meta.db_table} (pathway_id) "  # noqa: S608 -- our tables
            f"SELECT id FROM {Pathway._meta.db_table}"
        )


def _changes_take(*, kept: bool = True) -> int | None:
    """Take the files marked changed into this transaction's temporary table (deleting the
    marks: a write committed meanwhile leaves its own, for the next refresh); how many.
    `None` where no trigger marks them (SQLite: the demo rebuilds whole). Not `kept`, for a
    whole rebuild: the marks are only deleted, and their number returned (the first night
    after a load has a million of them: 1.2 s to copy, sort and count)."""
    if connection.vendor != "postgresql":
        FactChange.objects.all().delete()
        return None
    if not kept:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FactChange._meta.db_table}")  # noqa: S608 -- ours
            return int(cursor.rowcount)
    with connection.cursor() as cursor:
        # Dropped at commit; within a caller's transaction (a test's), by the next refresh.
        cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{CHANGED}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {CHANGED} (pathway_id bigint PRIMARY KEY) ON COMMIT DROP"
        )
        cursor.execute(
            f"WITH taken AS (DELETE FROM {FactChange._meta.db_table} RETURNING pathway_id) "  # noqa: S608
            f"INSERT INTO {CHANGED} SELECT DISTINCT pathway_id FROM taken"
        )
        taken = int(cursor.rowcount)
        cursor.execute(f"ANALYZE {CHANGED}")  # the planner's count: a lookup per file, or a scan
        return taken


def _select(
    model: Any, found: "QuerySet[Any]", names: tuple[str, ...], fields: tuple[str, ...]
) -> tuple[tuple[str, ...], str, Any]:
    """The columns of the model's `fields` and the SQL of `found`, whose selected `names`
    fill them in that order."""
    select, params = found.query.sql_with_params()
    selected = list(found.query.selected or ())  # Django ≥ 5.2 selects in the order asked
    if selected != list(names):
        raise RuntimeError(f"the rows are selected as {selected}, not {names}")
    columns_of = {field.attname: field.column for field in model._meta.concrete_fields}
    return tuple(columns_of[name] for name in fields), select, params


def _rebuilt(*tables: tuple[Any, "QuerySet[Any]", tuple[str, ...], tuple[str, ...]]) -> int:
    """PostgreSQL, a whole rebuild: each table filled as a copy without its indexes, then
    the copies put in place together (`core.table_swap`); the first table's rows."""
    copies = []
    for model, found, names, fields in tables:
        columns, select, params = _select(model, found, names, fields)
        copies.append(copy_fill(model._meta.db_table, columns, select, params))
    copies_swap(copies)
    return copies[0].rows


def _refill(
    model: Any,
    found: "QuerySet[Any]",
    names: tuple[str, ...],
    fields: tuple[str, ...],
    *,
    only_changed: bool = False,
) -> int:
    """Empty the table (`only_changed`: of the marked files' rows), then one INSERT …
    SELECT of `found`, whose selected `names` fill the model's `fields` in that order. The
    rows written."""
    named, select, params = _select(model, found, names, fields)
    columns = ", ".join(connection.ops.quote_name(column) for column in named)
    table = connection.ops.quote_name(model._meta.db_table)
    where = " WHERE pathway_id IN (" + MARKED + ")" if only_changed else ""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}{where}")  # noqa: S608 -- our own table's name
        cursor.execute(f"INSERT INTO {table} ({columns}) {select}", params)
        return int(cursor.rowcount)


def last_refresh() -> StatisticsRefresh | None:
    return StatisticsRefresh.objects.order_by("-refreshed_at", "-pk").first()
