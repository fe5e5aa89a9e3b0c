"""The nightly table gives every figure exactly as the live computation does: a varied
population of files (two centres, communes, boundaries of the period and of the cohort,
side exits, a transfer's new file, appointments, an accepted enrolment, every age band),
hours attended across the month boundaries, every figure both ways, for each filter, one
column per split and per centre."""

import csv
import io
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils import timezone

from parcours.accounts.models import User
from parcours.appointments.enums import KindCode
from parcours.appointments.models import Appointment
from parcours.casework.models import PathwayFact, StatisticsRefresh
from parcours.casework.statistics.facts import facts_refresh, last_refresh, live
from parcours.casework.statistics.figures import FIGURES, figure_compute
from parcours.casework.statistics.filters import StatsFilter
from parcours.casework.statistics.suppression import publish
from parcours.pathways.enums import Obligation, Status
from parcours.pathways.models import Pathway
from parcours.people.models import Person
from parcours.territory.models import Centre, Commune, Office
from parcours.training.enums import Track
from tests.factories.appointments import kind, make_office
from tests.factories.people import make_pathway
from tests.factories.training import make_enrolment, make_offer, make_partner, record_hours
from tests.types import ClientFor

pytestmark = pytest.mark.django_db
YEAR = StatsFilter(start=date(2026, 1, 1), end=date(2026, 12, 31))
MARCH = StatsFilter(start=date(2026, 3, 1), end=date(2026, 3, 31))
DAYS = (
    date(2026, 2, 28),
    date(2026, 3, 1),
    date(2026, 3, 15),
    date(2026, 3, 31),
    date(2026, 4, 1),
    date(2026, 5, 20),
)
BORN = (
    date(2010, 5, 1),  # under 18
    date(2001, 1, 1),
    date(1995, 12, 31),
    date(1985, 7, 30),
    date(1975, 3, 3),
    date(1965, 6, 6),
    date(1955, 9, 9),  # 65 and over (in a 2026 referral... 70)
)
PAGE = reverse("staff:statistics")
NATIONALITIES: tuple[list[str], ...] = (["SY"], ["MA", "FR"], ["UA"], [], ["CD"], ["SY"], ["AF"])


def _appointment(pathway: Pathway, staff: User, local: datetime) -> None:
    office = Office.objects.filter(centre=pathway.centre).first() or make_office(pathway.centre)
    starts = timezone.make_aware(local)
    Appointment.objects.create(
        centre=pathway.centre,
        office=office,
        kind=kind(KindCode.FIRST_WELCOME),
        staff=staff,
        person=pathway.person,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
    )


def _population(cimb: Centre, cripel: Centre, agent_mons: User) -> list[Pathway]:
    liege = Commune.objects.filter(centre=cripel, valid_until__isnull=True).order_by("nis_code")
    mons = Commune.objects.get(nis_code="53053")
    made: list[Pathway] = []
    for i in range(21):
        commune = mons if i % 3 else liege[i % 2]
        pathway = make_pathway(
            national_number="",
            family_name=f"Fact{i}",
            given_names=f"Given{i}",
            email=f"fact{i}@example.org",
            commune=commune,
            voluntary=i % 5 == 0,
            sex="M" if i % 2 else "F",
            birth_date=BORN[i % len(BORN)],
            nationalities=NATIONALITIES[i % len(NATIONALITIES)],
        )
        made.append(pathway)
    for i, pathway in enumerate(made):
        day = DAYS[i % len(DAYS)]
        fields: dict[str, object] = {"referred_on": day}
        if i % 2:
            fields["invited_on"] = day + timedelta(days=3 + i)
        if i % 3 == 1:
            fields["module_done_on"] = day + timedelta(days=20 + i)
            fields["agreed_on"] = day + timedelta(days=30 + 2 * i)
        if i % 4 == 1:
            fields["completed_on"] = day + timedelta(days=200 + 7 * i)
            fields["status"] = Status.COMPLETED
        if i % 7 == 3:
            fields["status"] = (Status.WAIVED, Status.WITHDRAWN, Status.NOT_CONCERNED)[i % 3]
        if i % 6 == 2:
            fields["obligation"] = Obligation.UNKNOWN
            fields["certificate_by"] = None
        if i % 9 == 4:
            fields["centre"] = cripel
        Pathway.objects.filter(pk=pathway.pk).update(**fields)
    # A transfer's new file: never inflow, nor in any pathway figure.
    Pathway.objects.filter(pk=made[20].pk).update(transferred_from=made[19])
    # First appointments: one the day of the referral, one later, one before it (not counted).
    _appointment(made[1], agent_mons, datetime(2026, 3, 1, 9, 0))
    _appointment(made[2], agent_mons, datetime(2026, 4, 2, 23, 30))
    _appointment(made[2], agent_mons, datetime(2026, 4, 9, 10, 0))
    _appointment(made[3], agent_mons, datetime(2026, 3, 1, 10, 0))
    partner = make_partner()
    french = make_offer(partner, Track.FRENCH)
    make_enrolment(made[7], french, agent=agent_mons)
    # Hours on each side of the month boundaries and of the periods, a correction among them,
    # for files of both centres, two tracks and two partners.
    on = date(2026, 2, 1)
    one = make_enrolment(made[2], french, agent=agent_mons, on=on)
    two = make_enrolment(made[4], make_offer(partner, Track.CITIZENSHIP), agent=agent_mons, on=on)
    other = make_enrolment(
        made[6], make_offer(make_partner("Beta FLE"), Track.FRENCH), agent=agent_mons, on=on
    )
    record_hours(one, {date(2026, 2, 28): "3", date(2026, 3, 1): "2.5", date(2026, 3, 2): "1"})
    record_hours(one, {date(2026, 3, 30): "4", date(2026, 3, 31): "2", date(2026, 4, 1): "1.5"})
    record_hours(one, {date(2026, 3, 31): "0.5"})  # supersedes the 2 h of 31 March
    record_hours(two, {date(2026, 3, 15): "6", date(2026, 4, 30): "2", date(2026, 5, 4): "3"})
    record_hours(other, {date(2026, 3, 2): "0", date(2026, 12, 31): "1.25"})
    Person.objects.filter(pk=made[8].person_id).update(nationalities=[])
    return made


def _filters(cimb: Centre, cripel: Centre) -> list[StatsFilter]:
    mons = Commune.objects.get(nis_code="53053")
    return [
        YEAR,
        MARCH,
        replace(YEAR, centre_ids=(cimb.pk,)),
        replace(YEAR, centre_ids=(cripel.pk,)),
        replace(MARCH, commune_id=mons.pk),
        replace(YEAR, cohort=date(2026, 3, 1)),
        replace(YEAR, cohort=date(2026, 4, 1), centre_ids=(cimb.pk, cripel.pk)),
        StatsFilter(start=date(2026, 3, 2), end=date(2026, 3, 30)),
        # Two months cut (their days) around one covered whole (its month rows).
        StatsFilter(start=date(2026, 2, 28), end=date(2026, 4, 1)),
    ]


@pytest.fixture
def population(cimb: Centre, cripel: Centre, agent_mons: User) -> list[Pathway]:
    made = _population(cimb, cripel, agent_mons)
    facts_refresh(now=timezone.now())
    return made


def test_the_table_holds_one_row_per_file_referred_and_none_for_a_transfer(
    population: list[Pathway],
) -> None:
    assert PathwayFact.objects.count() == 20
    assert not PathwayFact.objects.filter(pathway_id=population[20].pk).exists()
    row = PathwayFact.objects.get(pathway_id=population[2].pk)
    assert row.first_appointment_on == date(2026, 4, 2)  # 23:30 in Brussels, not the 3rd (UTC)
    assert PathwayFact.objects.get(pathway_id=population[3].pk).first_appointment_on is None
    assert PathwayFact.objects.get(pathway_id=population[7].pk).trained
    assert PathwayFact.objects.get(pathway_id=population[8].pk).nationality is None
    assert PathwayFact.objects.get(pathway_id=population[0].pk).age_band == 0


def test_every_figure_from_the_table_equals_the_live_computation(
    population: list[Pathway], cimb: Centre, cripel: Centre
) -> None:
    compared, filters = 0, _filters(cimb, cripel)
    for f in filters:
        for figure in FIGURES:
            for by_centre in (False, True):
                from_live = figure_compute(figure, f, by_centre=by_centre)
                from_table = figure_compute(figure, replace(f, facts=True), by_centre=by_centre)
                assert from_table == from_live, (figure.key, f, by_centre)
                shown = publish(from_table, suppress=True, threshold=3)
                assert shown.grid == publish(from_live, suppress=True, threshold=3).grid
                compared += 1
    assert compared == len(filters) * len(FIGURES) * 2


def test_the_population_reaches_every_figure_of_the_table(population: list[Pathway]) -> None:
    """The comparison above is not vacuous: each pathway figure has counts in it."""
    for figure in FIGURES:
        if figure.family in ("inflow", "funnel", "durations") and figure.key != "funnel_waivers":
            table = figure_compute(figure, replace(YEAR, facts=True), by_centre=False)
            assert any(any(cells) for _label, cells in table.rows), figure.key


def test_a_refresh_replaces_the_rows_and_records_when(population: list[Pathway]) -> None:
    Pathway.objects.filter(pk=population[0].pk).update(referred_on=date(2026, 6, 1))
    before = PathwayFact.objects.get(pathway_id=population[0].pk).referred_on
    refresh = facts_refresh(now=timezone.now())
    assert before == date(2026, 2, 28)
    assert PathwayFact.objects.get(pathway_id=population[0].pk).referred_on == date(2026, 6, 1)
    assert refresh.rows == PathwayFact.objects.count() == live().count()
    assert last_refresh() == refresh
    assert StatisticsRefresh.objects.count() == 2


def test_the_command_and_the_sweep_refresh_the_table(
    cimb: Centre, cripel: Centre, agent_mons: User
) -> None:
    _population(cimb, cripel, agent_mons)
    call_command("statistics_refresh", stdout=io.StringIO())
    assert PathwayFact.objects.count() == 20
    PathwayFact.objects.all().delete()
    call_command("sweep", on="2026-11-30", stdout=io.StringIO())
    assert PathwayFact.objects.count() == 20
    assert StatisticsRefresh.objects.count() == 2


def test_the_command_says_how_many_files_it_recomputed_and_rebuilds_whole_when_asked(
    cimb: Centre, cripel: Centre, agent_mons: User
) -> None:
    made = _population(cimb, cripel, agent_mons)
    out = io.StringIO()
    call_command("statistics_refresh", stdout=out)
    assert "statistics table: 20 file(s), rebuilt whole" in out.getvalue()  # the first
    Pathway.objects.filter(pk=made[0].pk).update(referred_on=date(2026, 6, 2))
    call_command("statistics_refresh", stdout=(out := io.StringIO()))
    incremental = connection.vendor == "postgresql"  # the triggers' marks; SQLite: whole
    how = "1 file(s) recomputed" if incremental else "rebuilt whole"
    assert f"statistics table: 20 file(s), {how}" in out.getvalue()
    assert PathwayFact.objects.get(pathway_id=made[0].pk).referred_on == date(2026, 6, 2)
    call_command("statistics_refresh", "--full", stdout=(out := io.StringIO()))
    assert "statistics table: 20 file(s), rebuilt whole" in out.getvalue()
    assert "statistics pages computed ahead: 10" in out.getvalue()


# The page ---------------------------------------------------------------------------------


def test_the_page_reads_the_table_once_built_and_says_as_of_when(
    cimb: Centre, cripel: Centre, agent_mons: User, coordinator_mons: User, client_for: ClientFor
) -> None:
    made = _population(cimb, cripel, agent_mons)
    client = client_for(coordinator_mons)  # their own centre: nothing hidden
    query = {"start": "2026-01-01", "end": "2026-12-31"}
    before = client.get(PAGE, query)
    assert before.status_code == 200
    assert "table nocturne" not in before.content.decode()  # computed live: no refresh yet
    facts_refresh(now=timezone.now())
    ours = PathwayFact.objects.filter(centre=cimb).count()
    first = Pathway.objects.filter(pk__in=[p.pk for p in made[:6]], centre=cimb)
    moved = list(first.values_list("pk", flat=True))
    Pathway.objects.filter(pk__in=moved).update(referred_on=date(2025, 6, 1))
    page = client.get(PAGE, query).content.decode()
    assert "dernier recalcul de la table nocturne" in page
    # On each figure read from the table (10), and on each slow live figure kept per
    # refresh (6: as of the moment it was computed).
    assert page.count('class="stats-as-of"') == 16
    # The table, not the files moved since: the inflow still counts them.
    export = client.get(_export("inflow_sex", "csv"), query)
    assert _first_total(export) == ours
    assert "Chiffres au" in export.content.decode("utf-8-sig")
    facts_refresh(now=timezone.now())
    assert _first_total(client.get(_export("inflow_sex", "csv"), query)) == ours - len(moved)


def _export(figure: str, fmt: str) -> str:
    return reverse("staff:statistics_export", args=[figure, fmt])


def _first_total(response: HttpResponseBase) -> int:
    """The grand total of an exported figure: the last cell of its row "Total"."""
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))  # type: ignore[attr-defined]
    total = next(row for row in rows if row and row[0] == "Total")
    return int(total[-1])
