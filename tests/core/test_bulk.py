"""`core.bulk.rows_update`: a value of its own per row, in one statement per batch on
PostgreSQL (`bulk_update` elsewhere), NULLs and booleans included. `core.bulk.rows_insert`:
new rows by COPY on PostgreSQL (`bulk_create` elsewhere), the same rows either way."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from parcours.accounts.models import User
from parcours.core.bulk import keys_update, rows_insert, rows_update, values_insert
from parcours.pathways.enums import EventKind
from parcours.pathways.models import Decision, Pathway, PathwayEvent
from tests.clock import FROZEN_AT
from tests.factories.people import make_pathway

pytestmark = pytest.mark.django_db


def test_each_row_gets_its_own_values_in_one_statement_per_batch(agent_mons: User) -> None:
    made = [
        make_pathway(actor=agent_mons, national_number="", family_name=f"Bulk{n}") for n in range(5)
    ]
    untouched = make_pathway(actor=agent_mons, national_number="", family_name="Other")
    before = Pathway.objects.values_list("present_by", "ready_for_certificate").get(pk=untouched.pk)
    for n, pathway in enumerate(made):
        pathway.present_by = None if n == 2 else date(2027, 1, 1) + timedelta(days=n)
        pathway.ready_for_certificate = n % 2 == 0
    with CaptureQueriesContext(connection) as queries:
        written = rows_update(made, ["present_by", "ready_for_certificate"], batch_size=3)
    assert written == 5
    if connection.vendor == "postgresql":
        assert len(queries) == 2  # two batches: one UPDATE … FROM UNNEST each
    stored = dict(
        Pathway.objects.filter(pk__in=[p.pk for p in made]).values_list("pk", "present_by")
    )
    for n, pathway in enumerate(made):
        assert stored[pathway.pk] == pathway.present_by, n
    ready = set(
        Pathway.objects.filter(pk__in=[p.pk for p in made], ready_for_certificate=True).values_list(
            "pk", flat=True
        )
    )
    assert ready == {made[0].pk, made[2].pk, made[4].pk}
    assert (
        Pathway.objects.values_list("present_by", "ready_for_certificate").get(pk=untouched.pk)
        == before
    )
    assert rows_update([], ["present_by"]) == 0


def test_values_by_key_without_instances(agent_mons: User) -> None:
    made = [
        make_pathway(actor=agent_mons, national_number="", family_name=f"Keys{n}") for n in range(3)
    ]
    untouched = make_pathway(actor=agent_mons, national_number="", family_name="Other")
    before = Pathway.objects.values_list("pace_check_on", "behind_pace").get(pk=untouched.pk)
    days = {made[0].pk: (date(2027, 2, 1), True), made[1].pk: (None, False)}
    days[made[2].pk] = (date(2027, 3, 4), False)
    days[10**12] = (date(2027, 1, 1), True)  # a key no row has: nothing written for it
    with CaptureQueriesContext(connection) as queries:
        written = keys_update(Pathway, ["pace_check_on", "behind_pace"], days, batch_size=2)
    assert written == 3
    if connection.vendor == "postgresql":
        assert len(queries) == 2  # two batches: one UPDATE … FROM UNNEST each
    rows = Pathway.objects.filter(pk__in=[p.pk for p in made])
    stored = {
        pk: (day, behind)
        for pk, day, behind in rows.values_list("pk", "pace_check_on", "behind_pace")
    }
    assert stored == {pk: values for pk, values in days.items() if pk != 10**12}
    assert (
        Pathway.objects.values_list("pace_check_on", "behind_pace").get(pk=untouched.pk) == before
    )
    assert keys_update(Pathway, ["pace_check_on"], {}) == 0


# What COPY's text format must escape, and what JSON escapes in its turn.
AWKWARD = 'tab\there, new\nline, back\\slash, "quoted", {braces}, NULL, \\N, é, ميم'


def test_inserted_rows_read_back_as_given_in_one_statement(agent_mons: User) -> None:
    pathway = make_pathway(actor=agent_mons, national_number="", family_name="Copy")
    trace = [{"rule": AWKWARD, "facts": {"n": 3, "none": None, "list": [AWKWARD, 1.5]}}]
    decisions = [
        Decision(
            pathway=pathway,
            rule="obligation",
            version="2026",
            regime="2016",
            governing_date=date(2026, 10, 10),
            status="obligated",
            reasons=[AWKWARD],
            deadlines={"present_by": "2027-01-01"},
            trace=trace,
            input={"n": n},
            is_current=False,
            created_by=agent_mons if n else None,
        )
        for n in range(3)
    ]
    events = [PathwayEvent(pathway=pathway, kind=EventKind.COMPLIANCE, summary=AWKWARD, reason="")]
    seen: list[str] = []

    def watch(execute: Any, sql: str, *args: Any) -> Any:
        seen.append(sql)
        return execute(sql, *args)

    with CaptureQueriesContext(connection) as queries, connection.execute_wrapper(watch):
        assert rows_insert(decisions) == 3
    if connection.vendor == "postgresql":  # one COPY for all the rows, counted as a query
        assert [q["sql"][:30] for q in queries] == ['COPY "pathways_decision" ("pat']
        assert [sql[:4] for sql in seen] == ["COPY"]
    assert rows_insert(events) == 1
    stored = list(Decision.objects.filter(pathway=pathway, is_current=False).order_by("pk"))
    assert [d.input for d in stored] == [{"n": 0}, {"n": 1}, {"n": 2}]
    assert all(d.trace == trace and d.reasons == [AWKWARD] for d in stored)
    assert [d.created_by_id for d in stored] == [None, agent_mons.pk, agent_mons.pk]
    assert all(d.created_at == FROZEN_AT for d in stored)  # auto_now_add
    event = PathwayEvent.objects.filter(pathway=pathway, kind=EventKind.COMPLIANCE).get()
    assert (event.summary, event.actor_id, event.at) == (AWKWARD, None, FROZEN_AT)
    assert PathwayEvent.objects.filter(pk=event.pk, kind="compliance").exists()  # the value
    assert rows_insert([]) == 0


def test_a_refused_row_raises_djangos_error_and_writes_nothing(agent_mons: User) -> None:
    pathway = make_pathway(actor=agent_mons, national_number="", family_name="Refused")
    events = [
        PathwayEvent(pathway=pathway, kind=EventKind.COMPLIANCE, summary="kept"),
        PathwayEvent(pathway=pathway, kind=None, summary="no kind"),  # type: ignore[misc]  # NOT NULL
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        rows_insert(events)
    assert not PathwayEvent.objects.filter(summary="kept").exists()


def test_values_inserted_without_instances_read_back_with_the_defaults(agent_mons: User) -> None:
    pathway = make_pathway(actor=agent_mons, national_number="", family_name="Values")
    rows = [
        {
            "pathway_id": pathway.pk,
            "rule": "obligation",
            "version": "2026",
            "regime": "2016",
            "governing_date": date(2026, 10, 10),
            "status": "obligated",
            "reasons": [AWKWARD],
            "trace": [{"rule": AWKWARD, "n": n}],
            "created_by_id": agent_mons.pk if n else None,
            "is_current": False,
        }
        for n in range(3)
    ]
    with CaptureQueriesContext(connection) as queries:
        assert values_insert(Decision, rows) == 3
    if connection.vendor == "postgresql":
        assert [q["sql"][:30] for q in queries] == ['COPY "pathways_decision" ("pat']
    stored = list(Decision.objects.filter(pathway=pathway, is_current=False).order_by("pk"))
    assert [d.trace for d in stored] == [[{"rule": AWKWARD, "n": n}] for n in range(3)]
    assert all(d.reasons == [AWKWARD] for d in stored)
    assert [d.created_by_id for d in stored] == [None, agent_mons.pk, agent_mons.pk]
    # Not given: each field's default (an empty dict), the time stamped.
    assert all(d.deadlines == {} and d.input == {} for d in stored)
    assert all(d.created_at == FROZEN_AT for d in stored)
    event = {"pathway_id": pathway.pk, "kind": EventKind.COMPLIANCE, "summary": AWKWARD}
    assert values_insert(PathwayEvent, [event]) == 1
    found = PathwayEvent.objects.filter(pathway=pathway, summary=AWKWARD).get()
    assert (found.kind, found.reason, found.actor_id, found.at) == (
        "compliance",
        "",
        None,
        FROZEN_AT,
    )
    assert values_insert(PathwayEvent, []) == 0


def test_values_of_unknown_or_uneven_fields_are_refused_before_any_write(agent_mons: User) -> None:
    pathway = make_pathway(actor=agent_mons, national_number="", family_name="Uneven")
    before = PathwayEvent.objects.count()
    with pytest.raises(TypeError, match=r"no field pathway\b"):
        values_insert(PathwayEvent, [{"pathway": pathway, "kind": "compliance", "summary": "x"}])
    uneven = [
        {"pathway_id": pathway.pk, "kind": "compliance", "summary": "one"},
        {"pathway_id": pathway.pk, "kind": "compliance"},
    ]
    with pytest.raises(ValueError, match="same fields"):
        values_insert(PathwayEvent, uneven)
    stamped = {"pathway_id": pathway.pk, "kind": "compliance", "summary": "x", "at": FROZEN_AT}
    with pytest.raises(TypeError, match="at is stamped"):
        values_insert(PathwayEvent, [stamped])
    assert PathwayEvent.objects.count() == before


def test_keys_update_refuses_rows_of_another_length(agent_mons: User) -> None:
    pathway = make_pathway(actor=agent_mons, national_number="", family_name="Length")
    with pytest.raises(ValueError, match="one value per field"):
        keys_update(Pathway, ["pace_check_on", "behind_pace"], {pathway.pk: (None,)})
    with pytest.raises(ValueError, match="at least one field"):
        keys_update(Pathway, [], {pathway.pk: ()})


def test_keys_update_takes_a_foreign_keys_value_as_its_key(
    agent_mons: User, coordinator_mons: User
) -> None:
    pathway = make_pathway(actor=agent_mons, national_number="", family_name="AgentKey")
    assert keys_update(Pathway, ["agent"], {pathway.pk: (coordinator_mons.pk,)}) == 1
    assert (
        Pathway.objects.values_list("agent_id", flat=True).get(pk=pathway.pk) == coordinator_mons.pk
    )


def test_a_foreign_key_updated_by_its_name_writes_its_key(
    agent_mons: User, coordinator_mons: User
) -> None:
    pathway = make_pathway(actor=agent_mons, national_number="", family_name="Agent")
    pathway.agent = coordinator_mons
    assert rows_update([pathway], ["agent"]) == 1
    assert (
        Pathway.objects.values_list("agent_id", flat=True).get(pk=pathway.pk) == coordinator_mons.pk
    )
