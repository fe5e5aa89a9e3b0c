"""The worklist's catch-up of the files whose task moved with the days (no sweep ran): bounded,
and nothing written when nothing is stale."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from parcours.accounts.models import User
from parcours.pathways.models import Pathway
from parcours.pathways.selectors import pathways_visible_to
from parcours.pathways.urgency import urgency_catch_up, urgency_of
from tests.factories.people import make_pathway
from tests.queries import page_queries
from tests.types import ClientFor

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 30)  # the frozen clock's day


def _stale(agent: User, count: int, start: int = 0) -> list[int]:
    """Files whose stored task was computed long ago (no sweep since)."""
    keys = [
        make_pathway(actor=agent, national_number="", family_name=f"Stale{index}").pk
        for index in range(start, start + count)
    ]
    Pathway.objects.filter(pk__in=keys).update(
        worklist_task="", worklist_due=None, worklist_until=date(2026, 1, 1)
    )
    return keys


def _stored_is_today(keys: list[int]) -> list[bool]:
    fresh = []
    for pathway in Pathway.objects.filter(pk__in=keys).order_by("pk"):
        now = urgency_of(pathway, TODAY)
        fresh.append((pathway.worklist_task, pathway.worklist_due) == (now.task, now.due))
    return fresh


def test_the_catch_up_recomputes_at_most_its_bound_and_the_next_call_goes_on(
    agent_mons: User,
) -> None:
    keys = _stale(agent_mons, 5)
    visible = pathways_visible_to(user=agent_mons)
    assert urgency_catch_up(visible, today=TODAY, most=3) == 3
    assert sorted(_stored_is_today(keys)) == [False, False, True, True, True]
    assert urgency_catch_up(visible, today=TODAY, most=3) == 2
    assert all(_stored_is_today(keys))
    assert not Pathway.objects.filter(pk__in=keys, worklist_until__lte=TODAY).exists()
    with CaptureQueriesContext(connection) as captured:
        assert urgency_catch_up(visible, today=TODAY, most=3) == 0
    assert len(captured) == 1  # the keys only: no UPDATE when nothing is stale
    assert not captured.captured_queries[0]["sql"].startswith("UPDATE")


def test_the_worklist_catch_up_costs_the_same_queries_for_few_or_many_stale_files(
    agent_mons: User, client_for: ClientFor
) -> None:
    client = client_for(agent_mons)
    url, scope = reverse("staff:worklist"), {"scope": "centre"}
    for index in range(3):
        make_pathway(actor=agent_mons, national_number="", family_name=f"Fresh{index}")
    page_queries(client, url, scope)  # warm
    fresh = page_queries(client, url, scope)
    _stale(agent_mons, 2)
    few = page_queries(client, url, scope)
    _stale(agent_mons, 12, start=2)
    many = page_queries(client, url, scope)
    assert few == many == fresh + 1  # the one UPDATE, whatever the number of stale files
    assert page_queries(client, url, scope) == fresh  # caught up: no UPDATE
