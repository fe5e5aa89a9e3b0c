"""What the Region and the merge page show of people is logged; a sanction file shows only the
case, the status changes and the evaluations."""

import pytest
from django.urls import reverse

from parcours.accounts.models import User
from parcours.audit.enums import AccessKind
from parcours.audit.models import AccessEvent
from parcours.pathways.selectors import SANCTION_FILE_EVENTS, sanction_file_context
from tests.factories.people import make_pathway
from tests.staff.conftest import reported_case
from tests.types import ClientFor

pytestmark = pytest.mark.django_db


def test_the_regions_list_of_sanction_files_is_in_the_access_log(
    agent_mons: User, coordinator_mons: User, region: User, client_for: ClientFor
) -> None:
    sent = reported_case(agent_mons, coordinator_mons)
    client_for(region).get(reverse("staff:region_sanctions"))
    event = AccessEvent.objects.get(user=region)
    assert (event.person_id, event.what) == (sent.pathway.person_id, AccessKind.SANCTION_LIST)


def test_the_merge_page_showing_a_duplicate_is_in_the_access_log(
    agent_mons: User, client_for: ClientFor
) -> None:
    keep = make_pathway(actor=agent_mons).person
    duplicate = make_pathway(actor=agent_mons, national_number="").person
    url = reverse("staff:person_merge", args=[keep.pk])
    client_for(agent_mons).get(url, {"duplicate": duplicate.pk})
    assert AccessEvent.objects.filter(person=duplicate, what=AccessKind.MERGE).count() == 1


def test_the_sanction_file_shows_only_the_case_status_and_evaluation_events(
    agent_mons: User, coordinator_mons: User, region: User, client_for: ClientFor
) -> None:
    sent = reported_case(agent_mons, coordinator_mons)
    kinds = {e.kind for e in sanction_file_context(sent)["events"]}  # type: ignore[attr-defined]
    assert kinds and kinds <= set(SANCTION_FILE_EVENTS)
    assert sent.pathway.events.exclude(kind__in=SANCTION_FILE_EVENTS).exists()
