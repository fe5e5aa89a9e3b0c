"""Figures quoted to people come from the decree's parameters, not from the templates."""

import time_machine
from django.urls import reverse

from parcours.accounts.models import User
from parcours.pathways.models import Pathway
from tests.types import ClientFor


@time_machine.travel("2026-11-26 10:00 +0100", tick=False)
def test_the_commune_home_quotes_the_permit_duration_in_force(
    client_for: ClientFor, commune_mons: User
) -> None:
    response = client_for(commune_mons).get("/staff/")
    assert response.status_code == 200
    assert response.context["permit_months"] == 3


def test_the_agreement_pdf_quotes_the_evaluation_interval_in_force(
    client_for: ClientFor, agent_mons: User, file_mons: Pathway
) -> None:
    agreement = file_mons.agreements.order_by("-version").first()
    assert agreement is not None
    url = reverse("staff:agreement_pdf", args=[file_mons.pk, agreement.version])
    response = client_for(agent_mons).get(url)
    assert response.status_code == 200
    assert response.context["evaluation_months"] == 6
