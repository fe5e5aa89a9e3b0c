import pytest
from django.urls import reverse

from parcours.accounts.models import User
from parcours.pathways.models import Agreement
from tests.factories.people import make_pathway
from tests.pathways.journey import do_welcome
from tests.types import ClientFor

pytestmark = pytest.mark.django_db


def test_the_agreement_is_previewed_before_it_is_generated_with_the_tracks_chosen(
    agent_mons: User, client_for: ClientFor
) -> None:
    pathway = make_pathway(actor=agent_mons)
    do_welcome(pathway, agent_mons)  # the assessment asked for French
    client = client_for(agent_mons)
    url = reverse("staff:agreement_draft", args=[pathway.pk])
    form = client.get(url).content.decode()
    assert 'name="tracks" value="french"' in form and 'name="preview"' in form
    preview = client.post(url, {"on": "30/11/2026", "tracks": ["french"], "preview": "1"})
    assert preview["Content-Type"] == "application/pdf" and preview.content.startswith(b"%PDF")
    assert not Agreement.objects.filter(pathway=pathway).exists()  # a preview saves nothing
    client.post(url, {"on": "30/11/2026", "tracks": []})
    saved = Agreement.objects.get(pathway=pathway)
    assert saved.tracks == ["citizenship"]  # French left out; citizenship is compulsory
