"""The Region records its decision on a sanction file from its list; the centre sees it on the
person's page."""

from decimal import Decimal

import pytest
from django.urls import reverse

from parcours.accounts.models import User
from parcours.pathways.enums import SanctionDecision
from parcours.pathways.models import NonCompliance
from tests.clock import FROZEN_ON
from tests.staff.conftest import reported_case
from tests.types import ClientFor

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(agent_mons: User, coordinator_mons: User) -> NonCompliance:
    return reported_case(agent_mons, coordinator_mons)


def _url(case: NonCompliance) -> str:
    return reverse("staff:region_sanction_decide", args=[case.pk])


DAY = FROZEN_ON.strftime("%d/%m/%Y")
DECISION = {"decision": "fine", "fine_amount": "150", "decided_on": DAY, "notified_on": DAY}


def test_the_region_decides_from_its_list(
    sent: NonCompliance, region: User, client_for: ClientFor
) -> None:
    client = client_for(region)
    listing = client.get(reverse("staff:region_sanctions")).content.decode()
    assert _url(sent) in listing
    assert client.get(_url(sent)).status_code == 200
    response = client.post(_url(sent), DECISION)
    assert response.status_code == 302
    sent.refresh_from_db()
    assert (sent.decision, sent.fine_amount, sent.decided_on, sent.notified_on) == (
        SanctionDecision.FINE,
        Decimal(150),
        FROZEN_ON,
        FROZEN_ON,
    )
    assert sent.decided_by == region
    listing = client.get(reverse("staff:region_sanctions")).content.decode()
    assert 'class="sanction-decision"' in listing and "150" in listing


def test_a_fine_outside_the_range_is_shown_on_the_form(
    sent: NonCompliance, region: User, client_for: ClientFor
) -> None:
    response = client_for(region).post(_url(sent), DECISION | {"fine_amount": "2500.01"})
    assert response.status_code == 200
    assert "2500" in response.content.decode()
    sent.refresh_from_db()
    assert sent.decided_on is None


def test_after_the_decision_the_page_records_the_appeal(
    sent: NonCompliance, region: User, client_for: ClientFor
) -> None:
    client = client_for(region)
    client.post(_url(sent), DECISION)
    response = client.post(_url(sent), {"lodged_on": DAY, "outcome": "Pending"})
    assert response.status_code == 302
    sent.refresh_from_db()
    assert (sent.appeal_lodged_on, sent.appeal_outcome) == (FROZEN_ON, "Pending")


@pytest.mark.parametrize("who", ["agent_mons", "coordinator_mons", "agent_liege"])
def test_only_the_region_decides(
    sent: NonCompliance, who: str, request: pytest.FixtureRequest, client_for: ClientFor
) -> None:
    client = client_for(request.getfixturevalue(who))
    assert client.get(_url(sent)).status_code == 403
    assert client.post(_url(sent), DECISION).status_code == 403
    sent.refresh_from_db()
    assert sent.decided_on is None


def test_a_case_not_sent_is_not_found_for_the_region(
    case_mons: NonCompliance, region: User, client_for: ClientFor
) -> None:
    assert client_for(region).get(_url(case_mons)).status_code == 404


def test_the_centre_sees_the_decision_on_the_persons_page(
    sent: NonCompliance, region: User, agent_mons: User, client_for: ClientFor
) -> None:
    client_for(region).post(_url(sent), DECISION)
    page = client_for(agent_mons).get(reverse("staff:person", args=[sent.pathway.person_id]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'class="sanction-decision"' in html and "150" in html and DAY in html


def test_the_regions_list_stacks_its_columns_on_a_phone(
    sent: NonCompliance, region: User, client_for: ClientFor
) -> None:
    """Seven columns at 360 px wrapped one letter a line: the list stacks each row, its cells
    labelled (`stack-table`, like the worklist)."""
    listing = client_for(region).get(reverse("staff:region_sanctions")).content.decode()
    assert '<table class="sanctions stack-table">' in listing
    assert 'data-label="Personne"' in listing or 'data-label="Person"' in listing
