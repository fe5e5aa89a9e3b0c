"""The screens that complete the file: waivers (the decision is recomputed), suspension and
force majeure (the clock moves), the referent agent, commune API tokens, the Region's
sanction files, and the casework records in the admin."""

from datetime import date

import pytest
from django.urls import reverse

from parcours.accounts.enums import Role, TokenScope
from parcours.accounts.models import ApiToken, User
from parcours.accounts.tokens import api_token_user
from parcours.audit.models import AccessEvent
from parcours.pathways.enums import AdjustmentKind, Obligation
from parcours.pathways.models import Adjustment, Pathway, PathwayEvent, Waiver
from parcours.territory.models import Centre
from tests.factories.accounts import make_user
from tests.factories.people import make_pathway
from tests.staff.conftest import reported_case
from tests.types import ClientFor

pytestmark = pytest.mark.django_db


def test_a_waiver_recomputes_the_decision_and_its_withdrawal_restores_it(
    agent_mons: User, client_for: ClientFor
) -> None:
    pathway = make_pathway(actor=agent_mons)
    client = client_for(agent_mons)
    url = reverse("staff:waiver_new", args=[pathway.pk])
    response = client.post(url, {"ground": "student", "evidence": "Student card ULB 2026"})
    assert response.status_code == 302
    pathway.refresh_from_db()
    assert pathway.obligation == Obligation.WAIVED
    waiver = Waiver.objects.get(pathway=pathway)
    page = client.get(reverse("staff:person", args=[pathway.person_id])).content.decode()
    assert 'data-waiver="student"' in page
    url = reverse("staff:waiver_withdraw", args=[pathway.pk, waiver.pk])
    assert client.post(url, {"reason": "Card was forged"}).status_code == 302
    pathway.refresh_from_db()
    assert pathway.obligation == Obligation.OBLIGATED
    assert not Waiver.objects.filter(pathway=pathway).exists()
    withdrawn = PathwayEvent.objects.filter(pathway=pathway, reason__contains="Student card ULB")
    assert withdrawn.exists()


def test_an_unknown_waiver_ground_is_refused_and_nothing_changes(
    agent_mons: User, client_for: ClientFor
) -> None:
    pathway = make_pathway(actor=agent_mons)
    url = reverse("staff:waiver_new", args=[pathway.pk])
    response = client_for(agent_mons).post(url, {"ground": "rich", "evidence": "x"})
    assert response.status_code == 200 and response.context["form"].errors
    assert not Waiver.objects.exists()


@pytest.mark.parametrize("kind", [AdjustmentKind.SUSPENSION, AdjustmentKind.FORCE_MAJEURE])
def test_a_suspension_or_force_majeure_moves_the_presentation_deadline(
    kind: AdjustmentKind, agent_mons: User, client_for: ClientFor
) -> None:
    pathway = make_pathway(actor=agent_mons)
    assert pathway.present_by == date(2026, 4, 15)
    url = reverse("staff:adjustment_new", args=[pathway.pk])
    data = {"kind": kind, "starts_on": "2026-03-01", "until": "2026-03-10", "reason": "Hospital"}
    assert client_for(agent_mons).post(url, data).status_code == 302
    pathway.refresh_from_db()
    assert pathway.present_by == date(2026, 4, 25)
    assert Adjustment.objects.get(pathway=pathway).kind == kind


def test_a_period_that_ends_before_it_starts_is_refused(
    agent_mons: User, client_for: ClientFor
) -> None:
    pathway = make_pathway(actor=agent_mons)
    url = reverse("staff:adjustment_new", args=[pathway.pk])
    data = {"kind": "suspension", "starts_on": "2026-03-10", "until": "2026-03-01", "reason": "x"}
    response = client_for(agent_mons).post(url, data)
    assert response.status_code == 200 and "form" in response.context
    assert response.context["form"].non_field_errors()
    assert not Adjustment.objects.exists()


def test_the_referent_agent_is_chosen_among_the_centres_staff(
    agent_mons: User, coordinator_mons: User, agent_liege: User, client_for: ClientFor
) -> None:
    pathway = make_pathway(actor=None)
    client = client_for(coordinator_mons)
    url = reverse("staff:agent_assign", args=[pathway.pk])
    assert client.post(url, {"agent": agent_liege.pk}).status_code == 200
    assert client.post(url, {"agent": agent_mons.pk}).status_code == 302
    pathway.refresh_from_db()
    assert pathway.agent == agent_mons
    assert client.post(url, {"agent": ""}).status_code == 302
    pathway.refresh_from_db()
    assert pathway.agent is None


def test_a_coordinator_issues_a_token_shown_once_and_revokes_it(
    coordinator_mons: User, commune_mons: User, client_for: ClientFor
) -> None:
    client = client_for(coordinator_mons)
    response = client.post(reverse("staff:token_issue", args=[commune_mons.pk]))
    token = response.context["token"]
    assert token and token in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert api_token_user(token=token, scope=TokenScope.REFERRALS) == commune_mons
    listing = client.get(reverse("staff:tokens")).content.decode()
    assert token not in listing and token[:8] in listing
    stored = ApiToken.objects.get(user=commune_mons)
    assert client.post(reverse("staff:token_revoke", args=[stored.pk])).status_code == 302
    assert api_token_user(token=token, scope=TokenScope.REFERRALS) is None


def test_a_coordinator_of_another_centre_cannot_issue_a_token_for_mons(
    cripel: Centre, commune_mons: User, client_for: ClientFor
) -> None:
    other = make_user(email="coord.liege@example.org", role=Role.COORDINATOR, centre=cripel)
    response = client_for(other).post(reverse("staff:token_issue", args=[commune_mons.pk]))
    assert response.status_code == 404
    assert not ApiToken.objects.exists()


def test_the_region_sees_the_sanction_files_sent_to_it_and_nothing_else(
    agent_mons: User, coordinator_mons: User, region: User, client_for: ClientFor
) -> None:
    sent = reported_case(agent_mons, coordinator_mons)
    client = client_for(region)
    page = client.get(reverse("staff:region_sanctions"))
    assert [c.pk for c in page.context["page"]] == [sent.pk]
    pdf = client.get(reverse("staff:region_sanction_pdf", args=[sent.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert AccessEvent.objects.filter(user=region, what="sanction_file").count() == 1
    pathway = Pathway.objects.get(pk=sent.pathway_id)
    person_url = reverse("staff:person", args=[pathway.person_id])
    assert client.get(person_url).status_code == 403


@pytest.mark.parametrize(
    "path",
    ["pathways/pathway/", "pathways/pathwayevent/", "people/person/",
     "people/person/{person}/change/", "people/personchange/", "certificates/certificate/",
     "pathways/noncompliance/"],
)  # fmt: skip
def test_casework_records_are_not_in_the_admin_which_holds_reference_data_only(
    path: str, agent_mons: User, admin_user: User, client_for: ClientFor
) -> None:
    pathway = make_pathway(actor=agent_mons)
    url = "/admin/" + path.format(person=pathway.person_id)
    assert client_for(admin_user).get(url).status_code == 404
    assert not AccessEvent.objects.exists()


def test_the_access_log_in_the_admin_names_nobody(
    agent_mons: User, admin_user: User, coordinator_mons: User, client_for: ClientFor
) -> None:
    pathway = make_pathway(actor=agent_mons)
    client_for(agent_mons).get(reverse("staff:person", args=[pathway.person_id]))
    page = client_for(admin_user).get(reverse("admin:audit_accessevent_changelist"))
    assert page.status_code == 200 and "Al-Hassan".upper() not in page.content.decode().upper()
    coordinator = client_for(coordinator_mons)
    assert coordinator.get(reverse("admin:audit_accessevent_changelist")).status_code == 403
