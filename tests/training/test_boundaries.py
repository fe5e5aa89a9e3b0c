"""What a partner never sees of a person: the social assessment, the decision, other tracks.
(Who may open which partner or training URL: tests/test_permission_matrix.py.)"""

import pytest
from django.urls import reverse

from parcours.accounts.enums import TokenScope
from parcours.accounts.models import User
from parcours.accounts.tokens import api_token_issue
from parcours.training.enums import Track
from parcours.training.models import Enrolment
from tests.factories.training import make_enrolment, make_offer
from tests.types import ClientFor

pytestmark = pytest.mark.django_db


def test_a_partner_sees_only_what_it_needs_of_a_person(
    enrolled: Enrolment,
    partner_fle: User,
    other_partner_user: User,
    agent_mons: User,
    client_for: ClientFor,
) -> None:
    other_offer = make_offer(other_partner_user.partner, Track.CITIZENSHIP, title="Beta civics")  # type: ignore[arg-type]
    make_enrolment(enrolled.pathway, other_offer, agent=agent_mons, partner_user=other_partner_user)
    client = client_for(partner_fle)
    pages = [
        client.get(reverse("partner:inbox")).content.decode(),
        client.get(reverse("partner:enrolment", args=[enrolled.pk])).content.decode(),
        client.get(reverse("partner:grid", args=[enrolled.offer_id])).content.decode(),
    ]
    text = "\n".join(pages)
    assert "AL-HASSAN Amira" in text and "30/07/1985" in text and "amira@example.org" in text
    for secret in (
        "Arrived with two children",
        "Asthma",
        "85073003328",
        "85.07.30",
        "Beta civics",
        "Rue de Nimy",
    ):
        assert secret not in text, secret
    assert "obligat" not in text.lower()  # nothing of the obligation decision
    token = api_token_issue(user=partner_fle, scope=TokenScope.PARTNER_HOURS, actor=partner_fle)
    api = client.get("/api/v1/partner/enrolments", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert [item["track"] for item in api.json()] == ["french"]
