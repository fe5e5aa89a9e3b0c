"""The person page's legal clock and the agreement tell the same end of the agreement: at most
its legal length, never after the certificate deadline (one function says so,
`rules.formulas.deadlines.agreement_end_on`)."""

from datetime import date

import pytest
from django.urls import reverse

from parcours.accounts.models import User
from tests.factories.people import make_pathway
from tests.pathways.journey import do_agreement, do_welcome
from tests.types import ClientFor

pytestmark = pytest.mark.django_db


def test_the_clock_tab_ends_the_agreement_on_the_agreements_own_end(
    agent_mons: User, client_for: ClientFor
) -> None:
    # Permit ordered 1 Dec 2025: certificate due 1 Jun 2027, before signed + 18 months.
    pathway = make_pathway(
        actor=agent_mons, permit_ordered_on=date(2025, 12, 1), permit_valid_from=date(2025, 12, 1)
    )
    do_welcome(pathway, agent_mons)
    agreement = do_agreement(pathway, agent_mons)
    pathway.refresh_from_db()
    assert agreement.ends_on == pathway.certificate_by == date(2027, 6, 1)
    assert pathway.agreement_ends_on == agreement.ends_on
    page = client_for(agent_mons).get(reverse("staff:person", args=[pathway.person_id]))
    clock = page.content.decode().split('id="clock"', 1)[1].split("</section>", 1)[0]
    assert "01/06/2027" in clock and "01/10/2027" not in clock
