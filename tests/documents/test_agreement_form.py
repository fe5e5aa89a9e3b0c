import pytest
from django.urls import reverse

from parcours.accounts.models import User
from parcours.casework.documents import agreement_pdf
from parcours.pathways.models import Agreement
from parcours.training.enums import Track
from tests.documents.proof import proof
from tests.factories.people import make_pathway
from tests.factories.training import make_offer, make_partner
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


def test_the_generation_form_chooses_a_partner_offer_per_track_shown_on_the_agreement(
    agent_mons: User, client_for: ClientFor
) -> None:
    pathway = make_pathway(actor=agent_mons, letter_language="fr")
    do_welcome(pathway, agent_mons)
    offer = make_offer(make_partner("Alpha FLE"), Track.FRENCH, title="Français du soir")
    make_offer(make_partner("Beta Citoyen"), Track.CITIZENSHIP, title="Citoyenneté Mons")
    client = client_for(agent_mons)
    url = reverse("staff:agreement_draft", args=[pathway.pk])
    form = client.get(url).content.decode()
    assert 'name="offer_french"' in form and "Alpha FLE — Français du soir" in form
    assert "Beta Citoyen — Citoyenneté Mons" in form and "À trouver par le centre" in form
    data = {"on": "30/11/2026", "tracks": ["french"], "offer_french": str(offer.pk),
            "offer_citizenship": ""}  # fmt: skip
    preview = client.post(url, data | {"preview": "1"})
    assert "Alpha FLE — Français du soir" in proof(preview.content, "agreement-offer-preview").text
    client.post(url, data)
    saved = Agreement.objects.get(pathway=pathway)
    assert saved.offers == {"french": {"offer": offer.pk, "label": "Alpha FLE — Français du soir"}}
    seen = proof(agreement_pdf(saved), "agreement-offer-fr")
    assert "Alpha FLE — Français du soir" in seen.text
    assert "à trouver par le centre" in seen.text  # citizenship: no offer chosen
    wrong = client.post(url, data | {"offer_french": "999999"}).content.decode()
    assert "offer_french" in wrong and Agreement.objects.filter(pathway=pathway).count() == 1
