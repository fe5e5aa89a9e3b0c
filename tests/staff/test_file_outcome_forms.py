"""The status, transfer and closing forms of a file keep to the steps that own them."""

from datetime import date

import pytest
from django.urls import reverse

from parcours.accounts.models import User
from parcours.pathways.enums import Status
from parcours.pathways.models import (
    NonCompliance,
    Pathway,
)
from parcours.pathways.services.moves import pathway_transfer
from parcours.territory.models import Centre
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
