"""The ledger's history is paged; the per-track totals stay the SQL sums of every row."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from parcours.accounts.models import User
from parcours.training.models import Attendance, Enrolment
from parcours.training.selectors import HISTORY_PAGE_SIZE
from tests.queries import page_queries
from tests.types import ClientFor

pytestmark = pytest.mark.django_db
ROWS = HISTORY_PAGE_SIZE * 2 + 20
FIRST = date(2026, 4, 6)


def _history(enrolment: Enrolment, rows: int, start: int = 0) -> None:
    Attendance.objects.bulk_create(
        Attendance(
            enrolment=enrolment, attended_on=FIRST + timedelta(days=i), hours=2, source="grid"
        )
        for i in range(start, start + rows)
    )


@pytest.fixture
def long_history(enrolled: Enrolment) -> Enrolment:
    _history(enrolled, ROWS)
    return enrolled


def test_the_centre_ledger_shows_one_page_of_history_and_the_full_totals(
    long_history: Enrolment,
    agent_mons: User,
    client_for: ClientFor,
    django_assert_max_num_queries: object,
) -> None:
    client = client_for(agent_mons)
    url = reverse("staff:centre_ledger", args=[long_history.pathway_id])
    first = client.get(url).content.decode()
    assert first.count("data-attendance=") == HISTORY_PAGE_SIZE
    assert f'data-history-count="{ROWS}"' in first
    assert f'data-track="french" data-done="{ROWS * 2}"' in first
    newest = Attendance.objects.order_by("-attended_on").first()
    assert newest is not None and f'data-attendance="{newest.pk}"' in first
    last = client.get(url, {"page": "3"}).content.decode()
    assert last.count("data-attendance=") == ROWS - 2 * HISTORY_PAGE_SIZE
    assert f'data-track="french" data-done="{ROWS * 2}"' in last
    oldest = Attendance.objects.order_by("attended_on").first()
    assert oldest is not None and f'data-attendance="{oldest.pk}"' in last
    # A bad or too high page number is the nearest page, never an error.
    assert client.get(url, {"page": "x"}).status_code == 200
    assert client.get(url, {"page": "999"}).content.decode().count("data-attendance=") == 20


def test_the_ledger_page_costs_the_same_queries_for_a_long_history(
    enrolled: Enrolment, agent_mons: User, client_for: ClientFor
) -> None:
    client = client_for(agent_mons)
    url = reverse("staff:centre_ledger", args=[enrolled.pathway_id])
    _history(enrolled, HISTORY_PAGE_SIZE + 1)  # two pages
    page_queries(client, url)  # warm the caches
    short = page_queries(client, url, {"page": "2"})
    _history(enrolled, ROWS, start=HISTORY_PAGE_SIZE + 1)  # a long history: more pages, same cost
    assert page_queries(client, url, {"page": "2"}) == short


def test_the_partner_enrolment_page_pages_its_history_too(
    long_history: Enrolment, partner_fle: User, client_for: ClientFor
) -> None:
    url = reverse("partner:enrolment", args=[long_history.pk])
    page = client_for(partner_fle).get(url, {"page": "2"})
    assert page.status_code == 200
    assert page.content.decode().count("data-attendance=") == HISTORY_PAGE_SIZE
