"""A night's refresh recomputes only the files a write marked since the last refresh, and
gives exactly the tables a full rebuild gives.

Each kind of write the statistics read is made once — through a service, a model's `save`,
a bulk `update()`, a `delete()` or raw SQL — on the varied population of
`test_statistics_facts`; then the incremental refresh must have changed the tables (the
write matters to them), recomputed a handful of files (not all), and left both tables equal,
row for row, to what `facts_refresh(full=True)` writes next. A write the triggers did not
see would leave a stale row, and the comparison fails. PostgreSQL only: the triggers are
its own (on SQLite, the demo, every refresh is a full rebuild, tested below too)."""

import importlib
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import psycopg
import pytest
from django.apps import apps
from django.db import connection
from django.db.models.expressions import Col
from django.db.models.sql import Query
from django.db.models.sql.datastructures import Join
from django.utils import timezone

from parcours.accounts.models import User
from parcours.appointments.models import Appointment
from parcours.casework.models import FactChange, HoursFact, PathwayFact, StatisticsRefresh
from parcours.casework.statistics import facts as facts_module
from parcours.casework.statistics.facts import facts_refresh, live
from parcours.core import table_swap
from parcours.pathways.enums import Status
from parcours.pathways.models import Pathway
from parcours.people.models import Person
from parcours.territory.models import Centre, Commune
from parcours.training.enums import EnrolmentStatus, Track
from parcours.training.models import Attendance, Enrolment, Offer, Partner
from tests.casework.test_statistics_facts import _appointment, _population
from tests.factories.people import make_pathway
from tests.factories.training import make_enrolment, make_offer, make_partner, record_hours

SOURCES = importlib.import_module("parcours.casework.migrations.0004_fact_changes").SOURCES
pytestmark = pytest.mark.django_db
postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the change marks are PostgreSQL triggers"
)

Tables = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]


def _tables() -> Tables:
    """Both tables' rows, in a stable order (the hours' own keys aside: they are renumbered)."""
    hours = [field.attname for field in HoursFact._meta.concrete_fields if field.name != "id"]
    return (
        list(PathwayFact.objects.order_by("pathway_id").values_list()),
        sorted(HoursFact.objects.values_list(*hours)),
    )


@pytest.fixture
def region(cimb: Centre, cripel: Centre, agent_mons: User) -> list[Pathway]:
    made = _population(cimb, cripel, agent_mons)
    facts_refresh(now=timezone.now())
    assert not FactChange.objects.exists()  # a refresh takes the marks it read
    return made


def _hours(made: list[Pathway]) -> Enrolment:
    return Enrolment.objects.filter(pathway=made[2], attendances__isnull=False).distinct().get()


def _status(made: list[Pathway], agent: User) -> None:
    pathway = Pathway.objects.get(pk=made[5].pk)
    pathway.status = Status.WITHDRAWN
    pathway.save()


def _bulk_referred(made: list[Pathway], agent: User) -> None:
    Pathway.objects.filter(pk__in=[made[0].pk, made[1].pk]).update(referred_on=date(2026, 7, 1))


def _raw_agreed(made: list[Pathway], agent: User) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE pathways_pathway SET agreed_on = %s WHERE id = %s",
            [date(2026, 8, 3), made[9].pk],
        )


def _moved(made: list[Pathway], agent: User) -> None:
    """The person moves to a commune of the other centre: the file's rows and hours follow."""
    other = Commune.objects.filter(valid_until__isnull=True).exclude(pk=made[2].person.commune_id)
    Person.objects.filter(pk=made[2].person_id).update(commune=other.order_by("nis_code").first())


def _born(made: list[Pathway], agent: User) -> None:
    person = Person.objects.get(pk=made[4].person_id)
    person.birth_date = date(1950, 1, 1)
    person.nationalities = ["BR"]
    person.sex = "X" if person.sex == "F" else "F"
    person.save()


def _commune_renamed(made: list[Pathway], agent: User) -> None:
    """A commune of three of the files (Mons, with most of them, would rebuild whole)."""
    Commune.objects.filter(pk=made[3].person.commune_id).update(name_fr="Liège-sur-Meuse")


def _appointment_added(made: list[Pathway], agent: User) -> None:
    _appointment(made[3], agent, datetime(2026, 4, 7, 9, 0))  # after its referral: its first


def _appointment_moved(made: list[Pathway], agent: User) -> None:
    found = Appointment.objects.get(person=made[1].person_id)
    found.starts_at += timedelta(days=9)
    found.ends_at += timedelta(days=9)
    found.save()


def _appointment_deleted(made: list[Pathway], agent: User) -> None:
    Appointment.objects.filter(person=made[1].person_id).delete()


def _enrolment_accepted(made: list[Pathway], agent: User) -> None:
    """A file with no accepted enrolment now has one: it counts as in training."""
    make_enrolment(made[14], make_offer(make_partner("Gamma"), Track.FRENCH), agent=agent)


def _enrolment_withdrawn(made: list[Pathway], agent: User) -> None:
    Enrolment.objects.filter(pathway=made[7]).update(status=EnrolmentStatus.WITHDRAWN)


def _enrolment_deleted(made: list[Pathway], agent: User) -> None:
    enrolment = Enrolment.objects.get(pathway=made[6])
    Attendance.objects.filter(enrolment=enrolment).delete()
    enrolment.delete()


def _hours_recorded(made: list[Pathway], agent: User) -> None:
    record_hours(_hours(made), {date(2026, 5, 6): "3", date(2026, 6, 3): "2"}, actor=agent)


def _hours_corrected(made: list[Pathway], agent: User) -> None:
    record_hours(_hours(made), {date(2026, 3, 1): "1"}, actor=agent)  # supersedes 2.5 h


def _hours_raw(made: list[Pathway], agent: User) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE training_attendance SET hours = hours + %s WHERE enrolment_id = %s",
            [Decimal("1"), _hours(made).pk],
        )


def _partner_renamed(made: list[Pathway], agent: User) -> None:
    Partner.objects.filter(name="Alpha FLE").update(name="Alpha Français langue étrangère")


def _offer_moved(made: list[Pathway], agent: User) -> None:
    offer = _hours(made).offer
    Offer.objects.filter(pk=offer.pk).update(partner=Partner.objects.get(name="Beta FLE"))


def _file_deleted(made: list[Pathway], agent: User) -> None:
    Pathway.objects.get(pk=made[11].pk).delete()


def _file_referred(made: list[Pathway], agent: User) -> None:
    make_pathway(
        national_number="",
        family_name="Nouvelle",
        given_names="Personne",
        email="nouvelle@example.org",
        commune=Commune.objects.get(nis_code="53053"),
    )


def _file_transferred(made: list[Pathway], agent: User) -> None:
    """A file that was counted becomes a transfer's new file: its row goes."""
    Pathway.objects.filter(pk=made[12].pk).update(transferred_from=made[13])


WRITES: dict[str, Callable[[list[Pathway], User], None]] = {
    "a file's status, saved": _status,
    "referral dates, a bulk update()": _bulk_referred,
    "an agreement date, raw SQL": _raw_agreed,
    "a person's commune (rows and hours)": _moved,
    "a person's birth date, nationality and sex": _born,
    "a commune renamed": _commune_renamed,
    "a first appointment added": _appointment_added,
    "an appointment moved": _appointment_moved,
    "an appointment deleted": _appointment_deleted,
    "an enrolment accepted": _enrolment_accepted,
    "an enrolment withdrawn": _enrolment_withdrawn,
    "an enrolment and its hours deleted": _enrolment_deleted,
    "hours recorded": _hours_recorded,
    "hours corrected (superseded)": _hours_corrected,
    "hours changed by raw SQL": _hours_raw,
    "a partner renamed": _partner_renamed,
    "an offer given to another partner": _offer_moved,
    "a file deleted": _file_deleted,
    "a file referred": _file_referred,
    "a file made a transfer's": _file_transferred,
}


@postgresql
@pytest.mark.parametrize("write", list(WRITES), ids=list(WRITES))
def test_an_incremental_refresh_after_each_write_equals_a_full_rebuild(
    region: list[Pathway], agent_mons: User, write: str
) -> None:
    before = _tables()
    WRITES[write](region, agent_mons)
    assert FactChange.objects.exists()

    refresh = facts_refresh(now=timezone.now())
    after = _tables()

    assert not refresh.full
    assert 1 <= refresh.recomputed <= 10, refresh.recomputed  # the files written, not all 21
    assert refresh.rows == PathwayFact.objects.count()
    assert after != before, "the write changes what the statistics show"
    assert not FactChange.objects.exists()
    rebuilt = facts_refresh(now=timezone.now(), full=True)
    assert rebuilt.full
    assert _tables() == after


@postgresql
def test_a_write_the_statistics_do_not_read_marks_nothing(
    region: list[Pathway], agent_mons: User
) -> None:
    """The worklist's stored task, rewritten on every file each night, nor a phone number."""
    Pathway.objects.update(worklist_task="call", worklist_due=date(2026, 12, 1))
    Person.objects.update(phone="+32470000000")
    assert not FactChange.objects.exists()
    refresh = facts_refresh(now=timezone.now())
    assert (refresh.full, refresh.recomputed) == (False, 0)


@postgresql
def test_many_writes_in_one_statement_mark_each_file_once_per_statement(
    region: list[Pathway],
) -> None:
    Pathway.objects.update(referred_on=date(2026, 9, 1))
    marked = list(FactChange.objects.values_list("pathway_id", flat=True))
    assert sorted(marked) == sorted(Pathway.objects.values_list("pk", flat=True))


@postgresql
def test_above_a_share_of_the_files_the_refresh_rebuilds_whole(
    region: list[Pathway], monkeypatch: pytest.MonkeyPatch
) -> None:
    few = [region[0].pk, region[1].pk, region[2].pk]
    Pathway.objects.filter(pk__in=few).update(referred_on=date(2026, 9, 1))
    monkeypatch.setattr(facts_module, "FULL_ABOVE", 0.1)  # 3 of 20 files is above a tenth
    refresh = facts_refresh(now=timezone.now())
    assert (refresh.full, refresh.recomputed, refresh.rows) == (True, 20, 20)
    assert not FactChange.objects.exists()


def test_the_first_refresh_and_a_full_one_rebuild_whole(cimb: Centre, cripel: Centre) -> None:
    assert not StatisticsRefresh.objects.exists()
    make_pathway(national_number="", family_name="Seule", email="seule@example.org")
    first = facts_refresh(now=timezone.now())
    assert (first.full, first.rows, first.recomputed) == (True, 1, 1)
    again = facts_refresh(now=timezone.now(), full=True)
    assert again.full
    assert PathwayFact.objects.count() == 1


def _read(query: Any, found: set[tuple[str, str]]) -> None:
    """The (table, column) pairs a compiled query reads: its joins' keys and every column
    of its expressions, subqueries included."""
    for join in query.alias_map.values():
        if isinstance(join, Join):
            parent = query.alias_map[join.parent_alias].table_name
            for left, right in join.join_cols:  # column names, each side
                found.add((parent, left))
                found.add((join.table_name, right))
    expressions = [query.where, *query.annotations.values(), *(query.select or ())]
    while expressions:
        expression = expressions.pop()
        if isinstance(expression, Col):
            found.add((expression.target.model._meta.db_table, expression.target.column))
        inner = getattr(expression, "query", None)
        if isinstance(inner, Query):
            _read(inner, found)
        expressions += [e for e in expression.get_source_expressions() if e is not None]


def test_every_column_the_facts_read_is_watched_by_a_trigger() -> None:
    """A column added to `live()` or `hours_live()` without its trigger would leave the
    incremental refresh blind to it: this fails first."""
    found: set[tuple[str, str]] = set()
    for source in (live().values(*facts_module.COLUMNS), facts_module.hours_live()):
        _read(source.query, found)
    watched = {
        (table, column) for table, (_ids, columns, _on) in SOURCES.items() for column in columns
    }
    keys = {(model._meta.db_table, model._meta.pk.column) for model in apps.get_models()}
    assert {pair for pair in found if pair not in keys} - watched == set()
    assert ("training_partner", "name") in found  # the walk reaches the joins' far ends
    assert ("appointments_appointment", "starts_at") in found  # and the subqueries


@postgresql
def test_an_update_marks_a_column_that_became_null_and_not_one_that_stayed_null(
    region: list[Pathway],
) -> None:
    """The triggers compare old and new rows as `IS DISTINCT FROM` does: NULL equals NULL."""
    one, other = region[0], region[1]
    Pathway.objects.filter(pk=one.pk).update(invited_on=date(2026, 9, 1))
    Pathway.objects.filter(pk=other.pk).update(invited_on=None)
    FactChange.objects.all().delete()
    Pathway.objects.filter(pk__in=[one.pk, other.pk]).update(invited_on=None)
    assert list(FactChange.objects.values_list("pathway_id", flat=True)) == [one.pk]


@postgresql
def test_no_trigger_joins_a_statements_old_rows_with_its_new_rows() -> None:
    """PostgreSQL has no statistics on transition tables: such a join was planned as a nested
    loop, every new row against every old one (554 of the 620 ms of one UPDATE of 2,000 files
    at 500,000 people). The changed rows are a set difference instead (migration 0005)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT proname, prosrc FROM pg_proc WHERE proname LIKE 'parcours_facts_%'")
        functions = dict(cursor.fetchall())
    assert len(functions) == len(SOURCES)
    for name, source in functions.items():
        assert "JOIN old_rows" not in source and "JOIN new_rows" not in source, name
        if "old_rows" in source and "new_rows" in source:
            assert "EXCEPT" in source, name


def _catalogue(table: str) -> tuple[list[tuple[str, ...]], list[str], str | None]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE conrelid = %s::regclass ORDER BY conname",
            [table],
        )
        constraints = cursor.fetchall()
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s ORDER BY 1", [table])
        indexes = [definition for (definition,) in cursor.fetchall()]
        sequence = None
        if table == HoursFact._meta.db_table:  # the other's key is the file's
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            (sequence,) = cursor.fetchone()
    return constraints, indexes, sequence


def _oid(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::regclass::oid", [table])
        return int(cursor.fetchone()[0])


TABLES = [model._meta.db_table for model in (PathwayFact, HoursFact)]


@postgresql
def test_a_whole_rebuild_puts_back_the_tables_indexes_constraints_and_sequence(
    cimb: Centre, cripel: Centre, agent_mons: User
) -> None:
    """A full refresh fills copies without indexes and puts them in place of the tables
    (`core.table_swap`): the tables must come back as the migrations made them, twice over,
    and take new rows and an incremental refresh after."""
    made = {table: _catalogue(table) for table in TABLES}  # as the migrations made them
    assert made["casework_hoursfact"][2] == "public.casework_hoursfact_id_seq"
    assert len(made["casework_hoursfact"][1]) == 5 and len(made["casework_pathwayfact"][1]) == 6
    region = _population(cimb, cripel, agent_mons)
    rebuilt = facts_refresh(now=timezone.now(), full=True)
    before = _tables()
    for _ in range(2):
        oids = {table: _oid(table) for table in TABLES}
        rebuilt = facts_refresh(now=timezone.now(), full=True)
        assert rebuilt.full and rebuilt.rows == len(before[0])
        assert all(_oid(table) != oids[table] for table in TABLES)  # new tables, swapped
        assert {table: _catalogue(table) for table in TABLES} == made
        assert _tables() == before
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('casework_hoursfact__rebuilt')")
        assert cursor.fetchone() == (None,)  # no copy left behind
    highest = HoursFact.objects.order_by("-pk").values_list("pk", flat=True).first()
    one = HoursFact.objects.first()
    assert one is not None and highest is not None
    one.pk = None
    one.save()  # the identity goes on after the rows copied
    assert one.pk > highest
    one.delete()
    Pathway.objects.filter(pk=region[0].pk).update(referred_on=date(2026, 9, 2))
    refresh = facts_refresh(now=timezone.now())
    assert not refresh.full and refresh.recomputed == 1


@postgresql
def test_a_reader_holding_a_table_past_the_wait_gets_the_rows_written_in_place(
    cimb: Centre,
    cripel: Centre,
    agent_mons: User,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Another session reads the hours table (a long report, a backup): the swap may not
    drop it; past `LOCK_WAIT` the copies' rows are written into the tables, which stay the
    same tables, with the same rows a swap would have given."""
    monkeypatch.setattr(table_swap, "LOCK_WAIT", "200ms")
    made = {table: _catalogue(table) for table in TABLES}
    _population(cimb, cripel, agent_mons)
    oids = {table: _oid(table) for table in TABLES}
    reader = psycopg.connect(**connection.get_connection_params(), autocommit=True)
    try:
        reader.execute("SET lock_timeout = '5s'")  # never a hung suite
        reader.execute("BEGIN")
        reader.execute("LOCK TABLE casework_hoursfact IN ACCESS SHARE MODE")
        written = facts_refresh(now=timezone.now(), full=True)
    finally:
        reader.close()
    assert written.full and written.rows > 0
    assert {table: _oid(table) for table in TABLES} == oids  # written in place, not swapped
    assert "rows written in place" in caplog.text  # a night that took the slower way says so
    assert {table: _catalogue(table) for table in TABLES} == made
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('casework_hoursfact__rebuilt')")
        assert cursor.fetchone() == (None,)
    in_place = _tables()
    assert in_place[1], "the hours were written"
    facts_refresh(now=timezone.now(), full=True)  # now swapped: the same rows
    assert _tables() == in_place
