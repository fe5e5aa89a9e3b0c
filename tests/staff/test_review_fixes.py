"""The maintainer's review of the casework (issue 4), through the staff pages."""

from datetime import date

import pytest
from django.urls import reverse

from parcours.accounts.models import User
from parcours.audit.enums import AccessKind
from parcours.audit.models import AccessEvent
from parcours.pathways.enums import AdjustmentKind, EventKind, Status
from parcours.pathways.models import (
    Adjustment,
    Agreement,
    Evaluation,
    HealthNote,
    NonCompliance,
    Pathway,
    SocialAssessment,
)
from parcours.pathways.selectors import SANCTION_FILE_EVENTS, sanction_file_context
from parcours.pathways.services.agreement import agreement_draft
from parcours.pathways.services.events import event_record
from parcours.pathways.services.moves import pathway_transfer
from parcours.pathways.services.referral_import import import_stage
from parcours.pathways.services.waivers import adjustment_record
from parcours.territory.models import Centre
from tests.errors import refused
from tests.factories.people import make_pathway
from tests.queries import page_queries
from tests.staff.conftest import reported_case
from tests.types import ClientFor

pytestmark = pytest.mark.django_db


def test_the_status_form_cannot_complete_a_file_without_its_certificate(
    file_mons: Pathway, agent_mons: User, client_for: ClientFor
) -> None:
    url = reverse("staff:transition", args=[file_mons.pk])
    client = client_for(agent_mons)
    offered = [value for value, _label in client.get(url).context["form"].fields["to"].choices]
    assert Status.COMPLETED not in offered and Status.NON_COMPLIANT not in offered
    for to in ("completed", "non_compliant", "withdrawn", "transferred"):
        assert client.post(url, {"to": to, "reason": "Form"}).status_code == 200
    file_mons.refresh_from_db()
    assert file_mons.status == Status.AGREED and file_mons.completed_on is None


def test_the_status_form_cannot_report_a_case_found_not_sanctionable(
    case_mons: NonCompliance, coordinator_mons: User, client_for: ClientFor
) -> None:
    client = client_for(coordinator_mons)
    pathway = case_mons.pathway
    url = reverse("staff:case_not_sanctionable", args=[pathway.pk, case_mons.pk])
    client.post(url, {"on": "2026-03-02", "reason": "French waiting list"})
    transition = reverse("staff:transition", args=[pathway.pk])
    assert client.post(transition, {"to": "reported", "reason": "x"}).status_code == 200
    pathway.refresh_from_db()
    assert pathway.status == Status.AGREED


def test_the_old_centre_loses_the_person_once_the_file_is_transferred(
    file_mons: Pathway, agent_mons: User, agent_liege: User, cripel: Centre, client_for: ClientFor
) -> None:
    new = pathway_transfer(pathway=file_mons, to_centre=cripel, moved_on=date(2026, 6, 1),
                           reason="Moved to Liège", actor=agent_mons)  # fmt: skip
    old = client_for(agent_mons)
    for name, arg in [("person", file_mons.person_id), ("person_edit", file_mons.person_id),
                      ("person_merge", file_mons.person_id), ("health", file_mons.pk),
                      ("assessment", file_mons.pk)]:  # fmt: skip
        assert old.get(reverse(f"staff:{name}", args=[arg])).status_code == 404, name
    assert "Al-Hassan" not in old.post(reverse("staff:search"), {"q": "hassan"}).content.decode()
    page = client_for(agent_liege).get(reverse("staff:health", args=[new.pk]))
    assert page.status_code == 200 and "Asthma" in page.content.decode()


@pytest.mark.parametrize("commune", ["abc", "-1", "99999999999999999999", "1.5", ""])
def test_the_import_preview_ignores_a_bad_commune_instead_of_failing(
    commune: str, agent_mons: User, client_for: ClientFor
) -> None:
    token = import_stage(content=b"family_name;given_names\nA;B\n", user=agent_mons)
    url = reverse("staff:referral_import_preview", args=[token])
    client = client_for(agent_mons)
    assert client.get(url, {"commune": commune}).status_code == 200
    assert client.post(url, {"commune": commune}).status_code == 200


@pytest.mark.parametrize("months", ["99999", "99999999999", "0", "-3"])
def test_an_extension_of_impossible_months_is_refused_on_the_form(
    months: str, file_mons: Pathway, agent_mons: User, client_for: ClientFor
) -> None:
    url = reverse("staff:evaluation", args=[file_mons.pk])
    body = {"held_on": "2026-09-20", "access_to_training": "Good", "attendance": "Regular",
            "extension_months": months, "extension_reason": "Illness"}  # fmt: skip
    response = client_for(agent_mons).post(url, body)
    assert response.status_code == 200 and response.context["form"].errors
    assert not Evaluation.objects.exists() and not Adjustment.objects.exists()


def test_an_adjustment_over_the_whole_calendar_is_refused_on_the_form(
    file_mons: Pathway, agent_mons: User, client_for: ClientFor
) -> None:
    url = reverse("staff:adjustment_new", args=[file_mons.pk])
    body = {"kind": "suspension", "starts_on": "0001-01-01", "until": "9999-12-31", "reason": "x"}
    response = client_for(agent_mons).post(url, body)
    assert response.status_code == 200 and response.context["form"].errors
    assert not Adjustment.objects.exists()


def test_an_agreement_drafted_at_the_end_of_the_calendar_is_refused_on_the_form(
    file_mons: Pathway, agent_mons: User, client_for: ClientFor
) -> None:
    url = reverse("staff:agreement_draft", args=[file_mons.pk])
    response = client_for(agent_mons).post(url, {"on": "9999-12-31"})
    assert response.status_code == 200 and response.context["form"].errors
    assert Agreement.objects.count() == 1


def test_date_arithmetic_past_the_calendar_is_a_clear_refusal_in_the_services(
    file_mons: Pathway, agent_mons: User
) -> None:
    with refused("These dates or months lead past the calendar: check them."):
        agreement_draft(pathway=file_mons, on=date(9999, 12, 31), actor=agent_mons)
    with refused("These dates or months lead past the calendar: check them."):
        adjustment_record(pathway=file_mons, kind=AdjustmentKind.SUSPENSION,
                          starts_on=date(1, 1, 1), until=date(9999, 12, 31), reason="x",
                          actor=agent_mons)  # fmt: skip
    assert Agreement.objects.count() == 1 and not Adjustment.objects.exists()


def test_editing_the_social_assessment_never_touches_the_health_note(
    file_mons: Pathway, agent_mons: User, client_for: ClientFor
) -> None:
    url = reverse("staff:assessment", args=[file_mons.pk])
    client = client_for(agent_mons)
    assert "health" not in client.get(url).context["form"].fields
    client.post(url, {"assessed_on": "2026-03-21", "situation": "Two children.", "health": ""})
    assert SocialAssessment.objects.get().situation == "Two children."
    assert HealthNote.objects.get().notes == "Asthma."


def test_the_health_note_is_edited_on_its_page_prefilled_and_cleared_only_on_purpose(
    file_mons: Pathway, agent_mons: User, client_for: ClientFor
) -> None:
    url = reverse("staff:health", args=[file_mons.pk])
    client = client_for(agent_mons)
    events = file_mons.events.count()
    assert client.get(url).context["form"]["notes"].value() == "Asthma."
    assert client.post(url, {"notes": ""}).status_code == 200
    assert HealthNote.objects.get().notes == "Asthma."
    assert client.post(url, {"notes": "Asthma, treated."}).status_code == 302
    assert HealthNote.objects.get().notes == "Asthma, treated."
    assert client.post(url, {"notes": "", "clear": "on"}).status_code == 302
    assert HealthNote.objects.get().notes == ""
    assert file_mons.events.count() == events + 2


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


def test_the_person_page_runs_the_same_number_of_queries_whatever_the_timeline(
    file_mons: Pathway, agent_mons: User, client_for: ClientFor
) -> None:
    client = client_for(agent_mons)
    url = reverse("staff:person", args=[file_mons.person_id])
    page_queries(client, url)  # warm the caches (content types, rules, sessions)
    short = page_queries(client, url)
    for index in range(200):
        event_record(pathway=file_mons, kind=EventKind.WELCOME, summary=f"Note {index}",
                     actor=agent_mons)  # fmt: skip
    assert page_queries(client, url) == short
