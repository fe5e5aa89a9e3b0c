"""The home dashboard of an agent and a coordinator: figures from grouped counts (the same
number of queries at two sizes), each a link to the worklist filtered on what it counts."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse

from parcours.accounts.models import User
from parcours.casework.dashboard import dashboard
from parcours.pathways.models import Pathway
from parcours.pathways.services.staffing import pathway_assign_agent
from parcours.training.enums import Answer, Track
from parcours.training.services.referrals import enrolment_answer
from tests.clock import FROZEN_ON
from tests.factories.people import make_pathway
from tests.factories.training import make_enrolment, make_offer, make_partner
from tests.queries import page_queries
from tests.types import ClientFor

pytestmark = pytest.mark.django_db


def _files(agent: User, size: int, start: int = 0) -> list[Pathway]:
    """`size` people of the agent's centre, one in three on a French waiting list."""
    partner = make_partner(name=f"FLE {start}")
    offer = make_offer(partner, Track.FRENCH)
    found = []
    for index in range(start, start + size):
        pathway = make_pathway(
            actor=agent,
            family_name=f"Person{index:03d}",
            given_names="Test",
            birth_date=date(1980, 1, 1) + timedelta(days=index),
            national_number="",
        )
        pathway_assign_agent(pathway=pathway, agent=agent, actor=agent)
        if index % 3 == 0:
            enrolment = make_enrolment(pathway, offer, agent=agent, accepted=False)
            on = enrolment.referred_on
            enrolment_answer(
                enrolment=enrolment,
                answer=Answer.WAIT,
                on=on,
                expected_start_on=on + timedelta(days=30),
                actor=agent,
            )
        found.append(pathway)
    return found


def test_the_agents_home_costs_the_same_queries_for_3_and_12_files(
    agent_mons: User, client_for: ClientFor
) -> None:
    client = client_for(agent_mons)
    url = reverse("staff:home")
    _files(agent_mons, 3)
    page_queries(client, url)  # warm the caches
    small = page_queries(client, url)
    _files(agent_mons, 9, start=3)
    assert page_queries(client, url) == small


def test_the_coordinators_home_costs_the_same_queries_for_3_and_12_files(
    agent_mons: User, coordinator_mons: User, client_for: ClientFor
) -> None:
    client = client_for(coordinator_mons)
    url = reverse("staff:home")
    _files(agent_mons, 3)
    page_queries(client, url)
    small = page_queries(client, url)
    _files(agent_mons, 9, start=3)
    assert page_queries(client, url) == small


def test_each_figure_leads_to_a_worklist_showing_as_many_files(
    agent_mons: User, coordinator_mons: User, client_for: ClientFor
) -> None:
    files = _files(agent_mons, 6)
    pathway_assign_agent(pathway=files[0], agent=None, actor=coordinator_mons)
    board = dashboard(user=coordinator_mons, today=FROZEN_ON)
    client = client_for(coordinator_mons)
    worklist = reverse("staff:worklist")
    for code, _label, count in board.by_status:
        page = client.get(worklist, {"scope": "centre", "status": code, "all": "1"})
        assert page.context["page"].paginator.count == count, code
    loads = {load.agent_id: load.files for load in board.team}
    assert loads == {agent_mons.pk: 5, None: 1}
    mine = client.get(worklist, {"scope": "centre", "agent": str(agent_mons.pk), "all": "1"})
    assert mine.context["page"].paginator.count == 5
    nobody = client.get(worklist, {"scope": "centre", "agent": "0", "all": "1"})
    assert nobody.context["page"].paginator.count == 1
    [waiting] = board.waiting
    assert (waiting.track, waiting.people) == (Track.FRENCH, 2)
    listed = client.get(worklist, {"waiting": "french", "place": str(waiting.place_id), "all": "1"})
    assert listed.context["page"].paginator.count == 2


def test_an_agent_sees_their_own_figures_and_a_coordinator_the_team(
    agent_mons: User, coordinator_mons: User, client_for: ClientFor
) -> None:
    _files(agent_mons, 2)
    own = client_for(agent_mons).get(reverse("staff:home")).content.decode()
    assert 'data-figure="overdue"' in own and 'data-figure="team"' not in own
    assert "scope=own&amp;status=referred&amp;all=1" in own
    team = client_for(coordinator_mons).get(reverse("staff:home")).content.decode()
    assert 'data-figure="team"' in team and 'data-figure="transfer-requests"' in team
    assert "scope=centre&amp;status=referred&amp;all=1" in team


def test_the_worklist_ignores_a_filter_it_does_not_understand(
    agent_mons: User, client_for: ClientFor
) -> None:
    client = client_for(agent_mons)
    query = {"agent": "x1", "place": "-3", "waiting": "<b>", "overdue": "yes", "scope": "?"}
    assert client.get(reverse("staff:worklist"), query).status_code == 200


def _tile(text: str, figure: str) -> str:
    return text.split(f'data-figure="{figure}"', 1)[1].split("</section>", 1)[0]


def test_the_commune_partner_and_region_homes_give_their_figures_with_their_lists(
    agent_mons: User,
    commune_mons: User,
    partner_fle: User,
    region: User,
    client_for: ClientFor,
) -> None:
    pathway = make_pathway(actor=agent_mons)
    assert partner_fle.partner is not None
    offer = make_offer(partner_fle.partner, Track.FRENCH)
    make_enrolment(pathway, offer, agent=agent_mons, accepted=False)
    home = reverse("staff:home")
    commune = client_for(commune_mons).get(home).content.decode()
    people = _tile(commune, "people")
    assert ">1</strong>" in people and reverse("staff:commune_people") in people
    assert re.search(r"plus de \d+ mois", commune)  # the permit sentence keeps its figure
    partner = client_for(partner_fle).get(home).content.decode()
    answer = _tile(partner, "to-answer")
    assert ">1</strong>" in answer and reverse("partner:inbox") + "#new" in answer
    assert ">0</strong>" in _tile(partner, "enrolled")
    spw = client_for(region).get(home).content.decode()
    assert reverse("staff:region_sanctions") in _tile(spw, "sanctions")
