"""What the busiest pages cost in queries does not grow with the data (issue 16): the same
number at two sizes, not a ceiling that a slow page could stay under."""

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from parcours.accounts.models import User
from parcours.appointments.enums import AppointmentStatus
from parcours.appointments.models import Appointment
from parcours.audit.enums import AccessKind
from parcours.audit.models import AccessEvent
from parcours.pathways.enums import AdjustmentKind, Recipient
from parcours.pathways.models import Pathway
from parcours.pathways.services.compliance import notification_record
from parcours.pathways.services.intake import person_correct
from parcours.pathways.services.waivers import adjustment_record
from parcours.people.models import PrivacyAcknowledgement
from parcours.people.privacy import privacy_acknowledge
from parcours.territory.models import Centre, Office
from parcours.training.enums import Track
from parcours.training.models import Partner
from tests.factories.appointments import kind, make_office
from tests.factories.people import make_pathway
from tests.factories.training import make_enrolment, make_offer, make_partner, record_hours
from tests.queries import page_queries
from tests.types import ClientFor

pytestmark = pytest.mark.django_db
Channel = PrivacyAcknowledgement.Channel
PERSON_PAGE_MOST = 12


def _history(pathway: Pathway, actor: User, size: int) -> None:
    """Lines in several sections of the person page at once."""
    for index in range(size):
        notification_record(
            pathway=pathway,
            recipient=Recipient.COMMUNE if index % 2 else Recipient.CPAS,
            what=f"Letter {index}",
            sent_on=date(2026, 11, 1) + timedelta(days=index % 20),
            actor=actor,
        )
        day = date(2026, 6, 1) + timedelta(days=3 * index)
        adjustment_record(
            pathway=pathway,
            kind=AdjustmentKind.SUSPENSION,
            starts_on=day,
            until=day + timedelta(days=1),
            reason=f"Hospital {index}",
            actor=actor,
        )


def test_the_person_page_costs_the_same_few_queries_whatever_the_history(
    file_mons: Pathway, agent_mons: User, client_for: ClientFor
) -> None:
    client = client_for(agent_mons)
    url = reverse("staff:person", args=[file_mons.person_id])
    _history(file_mons, agent_mons, 1)
    page_queries(client, url)  # warm the caches (content types, rules, sessions)
    short = page_queries(client, url)
    _history(file_mons, agent_mons, 12)
    long = page_queries(client, url)
    assert long == short
    assert long <= PERSON_PAGE_MOST
    html = client.get(url).content.decode()
    # The lists read back from the file's own query show what the services recorded.
    assert html.count("Letter 1") >= 1 and "Letter 11" in html
    assert "01/11/2026" in html


def test_the_person_page_reads_the_files_referent_with_the_file(
    file_mons: Pathway, agent_mons: User, client_for: ClientFor
) -> None:
    """A file with a referent agent (every file of the seeded region) costs no more."""
    client = client_for(agent_mons)
    url = reverse("staff:person", args=[file_mons.person_id])
    Pathway.objects.filter(pk=file_mons.pk).update(agent=None)
    page_queries(client, url)
    without = page_queries(client, url)
    Pathway.objects.filter(pk=file_mons.pk).update(agent=agent_mons)
    assert page_queries(client, url) == without


def _long_history(pathway: Pathway, agent: User, size: int, start: int) -> None:
    """Appointments, enrolments with hours, documents, events, corrections and namesakes."""
    office = Office.objects.filter(centre=pathway.centre).first() or make_office(pathway.centre)
    partner = Partner.objects.first() or make_partner()
    person = pathway.person
    for index in range(start, start + size):
        starts = timezone.make_aware(datetime(2026, 12, 2, 9, 0)) + timedelta(days=index)
        for moment in (starts, starts - timedelta(days=60)):  # one ahead, one past
            Appointment.objects.create(
                centre=pathway.centre,
                office=office,
                kind=kind(),
                staff=agent,
                person=person,
                starts_at=moment,
                ends_at=moment + timedelta(minutes=30),
                status=AppointmentStatus.PLANNED,
            )
        offer = make_offer(partner, Track.FRENCH, title=f"Cours {index}")
        enrolment = make_enrolment(pathway, offer, agent=agent)
        record_hours(enrolment, {date(2026, 5, 6) + timedelta(days=7 * index): "3"})  # Wednesdays
        notification_record(
            pathway=pathway,
            recipient=Recipient.COMMUNE,
            what=f"Courrier {index}",
            sent_on=date(2026, 11, 1),
            actor=agent,
        )
        person_correct(
            person=person, fields={"phone": f"+32470{index:06d}"}, actor=agent, reason="Appel"
        )
        # The privacy notice given at the welcome module, by the agent; once in the space.
        privacy_acknowledge(
            person=person,
            language="ar",
            channel=PrivacyAcknowledgement.Channel.WELCOME
            if index % 2
            else PrivacyAcknowledgement.Channel.SPACE,
            now=timezone.make_aware(datetime(2026, 11, 2, 10, 0)) + timedelta(days=index),
            actor=agent if index % 2 else None,
        )
        # A namesake: same birth date and names (a probable duplicate shown on the page).
        make_pathway(
            actor=agent,
            national_number="",
            new_person=True,
            family_name=person.family_name,
            given_names=person.given_names,
            birth_date=person.birth_date,
        )


def test_the_person_page_costs_the_same_queries_with_a_long_history_and_namesakes(
    file_mons: Pathway, agent_mons: User, client_for: ClientFor
) -> None:
    """Few or many appointments, enrolments, hours, letters, corrections and probable
    duplicates: the same count, at most 12, and the access log in one INSERT."""
    client = client_for(agent_mons)
    url = reverse("staff:person", args=[file_mons.person_id])
    _long_history(file_mons, agent_mons, 1, 0)
    page_queries(client, url)  # warm
    short = _person_queries(client, url)
    _long_history(file_mons, agent_mons, 6, 1)
    AccessEvent.objects.all().delete()
    long = _person_queries(client, url)
    assert long == short
    assert long[0] <= PERSON_PAGE_MOST
    assert long[1] == 1  # the person and every namesake shown, one INSERT
    logged = AccessEvent.objects.filter(user=agent_mons)
    assert logged.filter(person=file_mons.person, what=AccessKind.FILE).count() == 1
    assert logged.exclude(person=file_mons.person).count() == 7  # the namesakes shown
    html = client.get(url).content.decode()
    assert "Courrier 6" in html


def test_the_coordinators_person_page_with_its_readers_costs_at_most_12_queries(
    file_mons: Pathway, agent_mons: User, coordinator_mons: User, client_for: ClientFor
) -> None:
    """The coordinator's page adds who read the file; corrections and privacy notices come
    with the person (`person_find_for_page`), each with who recorded it."""
    client = client_for(coordinator_mons)
    url = reverse("staff:person", args=[file_mons.person_id])
    _long_history(file_mons, agent_mons, 1, 0)
    page_queries(client, url)  # warm
    short = _person_queries(client, url)
    _long_history(file_mons, agent_mons, 6, 1)
    long = _person_queries(client, url)
    assert long == short
    assert long[0] <= PERSON_PAGE_MOST
    html = client.get(url).content.decode()
    # Corrections and notices read back from the person's query, with the agent's name.
    assert "+32470000006" in html and "Appel" in html
    assert html.count(f"({agent_mons.full_name})") == 3  # notices 1, 3 and 5 given by them
    assert "02/11/2026" in html  # the space's notice (0), no one recorded it


def _person_queries(client: object, url: str) -> tuple[int, int]:
    """(queries, INSERTs into the access log) of one GET of the person page."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)  # type: ignore[attr-defined]
    assert response.status_code == 200
    sqls = [q["sql"] for q in captured.captured_queries]
    return len(sqls), sum(1 for sql in sqls if sql.startswith('INSERT INTO "audit_accessevent"'))


def _namesakes(agent: User, count: int, start: int = 0) -> None:
    for index in range(start, start + count):
        make_pathway(
            actor=agent, national_number="", family_name="Nguyen", given_names=f"Anh{index}"
        )


def _search_queries(client: object, query: str) -> tuple[int, int]:
    """(queries, INSERTs) of one search."""
    with CaptureQueriesContext(connection) as captured:
        response = client.post(reverse("staff:search"), {"q": query})  # type: ignore[attr-defined]
    assert response.status_code == 200
    sqls = [q["sql"] for q in captured.captured_queries]
    return len(sqls), sum(1 for sql in sqls if sql.startswith("INSERT"))


def test_a_search_costs_the_same_queries_at_two_sizes_and_logs_in_one_insert(
    agent_mons: User, client_for: ClientFor
) -> None:
    client = client_for(agent_mons)
    _namesakes(agent_mons, 3)
    _search_queries(client, "nguyen")  # warm-up
    small = _search_queries(client, "nguyen")
    _namesakes(agent_mons, 30, start=3)
    AccessEvent.objects.all().delete()
    large = _search_queries(client, "nguyen")
    assert large == small
    assert large[1] == 1  # every person shown, one INSERT
    assert AccessEvent.objects.filter(what=AccessKind.SEARCH).count() == 25  # one page


def test_a_search_shows_the_closest_names_first(agent_mons: User, client_for: ClientFor) -> None:
    make_pathway(actor=agent_mons, national_number="", family_name="Bennani", given_names="Ali")
    make_pathway(actor=agent_mons, national_number="", family_name="Ali", given_names="Zineb")
    make_pathway(actor=agent_mons, national_number="", family_name="Alioui", given_names="Sara")
    response = client_for(agent_mons).post(reverse("staff:search"), {"q": "ali"})
    found = [p.family_name for p in response.context["results"]]
    # The name that starts with the word, then the other names that hold it.
    assert found[0] == "Ali"
    assert set(found) == {"Ali", "Alioui", "Bennani"}


def test_the_worklist_costs_the_same_queries_with_appointments_today(
    agent_mons: User, cimb: Centre, client_for: ClientFor
) -> None:
    client = client_for(agent_mons)
    url, scope = reverse("staff:worklist"), {"scope": "centre"}
    office = make_office(cimb, name="Office costs")

    def grow(count: int, start: int) -> None:
        for index in range(start, start + count):
            pathway = make_pathway(actor=agent_mons, national_number="", family_name=f"W{index}")
            starts = timezone.make_aware(datetime(2026, 11, 30, 9, 0)) + timedelta(minutes=index)
            Appointment.objects.create(
                centre=cimb,
                office=office,
                kind=kind(),
                staff=agent_mons,
                person=pathway.person,
                starts_at=starts,
                ends_at=starts + timedelta(minutes=1),
                status=AppointmentStatus.PLANNED,
            )
            make_pathway(actor=agent_mons, national_number="", family_name=f"X{index}")

    grow(2, 0)
    page_queries(client, url, scope)
    small = page_queries(client, url, scope)
    grow(20, 2)
    assert page_queries(client, url, scope) == small
    assert page_queries(client, url, scope | {"page": "2"}) == small
    response = client.get(url, scope)
    assert response.context["page"].paginator.count == 44


@pytest.mark.django_db(transaction=True)
def test_a_pages_access_log_is_one_insert_without_a_transaction_around_it(
    agent_mons: User, client_for: ClientFor
) -> None:
    """In autocommit, as in production: the people a list shows are logged by one INSERT
    statement (atomic by itself), not `bulk_create`'s BEGIN, INSERT, COMMIT."""
    for index in range(3):
        make_pathway(actor=agent_mons, national_number="", family_name=f"Log{index}")
    client = client_for(agent_mons)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("staff:worklist"), {"scope": "centre"})
    assert response.status_code == 200
    sqls = [q["sql"] for q in captured.captured_queries]
    assert not [sql for sql in sqls if sql.upper() in ("BEGIN", "COMMIT")], [s[:90] for s in sqls]
    assert sum(1 for sql in sqls if sql.startswith('INSERT INTO "audit_accessevent"')) == 1
    logged = AccessEvent.objects.filter(user=agent_mons, what=AccessKind.PAGE)
    assert logged.count() == 3
    assert set(logged.values_list("where", flat=True)) == {"staff:worklist"}
    assert all(event.at is not None for event in logged)


def test_who_recorded_a_notice_is_read_with_their_name_only_and_the_rest_on_demand(
    file_mons: Pathway, agent_mons: User
) -> None:
    """The followed row holds the fields read; the others are deferred, never defaults."""
    from parcours.pathways.selectors import person_find_for_page  # noqa: PLC0415

    _long_history(file_mons, agent_mons, 2, 0)
    person = person_find_for_page(user=agent_mons, person_id=file_mons.person_id)
    assert person is not None
    with CaptureQueriesContext(connection) as read:
        notices = list(person.privacy_acknowledgements.all())
        given = next(n for n in notices if n.recorded_by_id)
        assert given.recorded_by is not None
        assert given.recorded_by.full_name == agent_mons.full_name
        changes = list(person.changes.all())
        assert {c.changed_by.full_name for c in changes if c.changed_by} == {agent_mons.full_name}
    assert len(read) == 0
    with CaptureQueriesContext(connection) as deferred:
        assert given.recorded_by.email == agent_mons.email  # read from the database
    assert len(deferred) == 1
