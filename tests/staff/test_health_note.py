"""The health note lives on its own page: the social assessment never touches it."""

import pytest
from django.urls import reverse

from parcours.accounts.models import User
from parcours.pathways.models import (
    HealthNote,
    Pathway,
    SocialAssessment,
)
from tests.types import ClientFor

pytestmark = pytest.mark.django_db


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
