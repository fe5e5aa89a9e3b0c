"""Out-of-range input on the staff forms (a bad commune, impossible months, dates past the
calendar) is a clear refusal, never a server error."""

from datetime import date

import pytest
from django.urls import reverse

from parcours.accounts.models import User
from parcours.pathways.enums import AdjustmentKind
from parcours.pathways.models import (
    Adjustment,
    Agreement,
    Evaluation,
    Pathway,
)
from parcours.pathways.services.agreement import agreement_draft
from parcours.pathways.services.referral_import import import_stage
from parcours.pathways.services.waivers import adjustment_record
from tests.errors import refused
from tests.types import ClientFor

pytestmark = pytest.mark.django_db


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
